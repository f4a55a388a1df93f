package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.GlobalDefinition;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalSectionDecoderTest {
    private static List<GlobalDefinition> decode(int... contents) {
        ByteReader r = new ByteReader(bytes(contents));
        ModuleDefinition.Builder module = new ModuleDefinition.Builder();
        GlobalSectionDecoder.decode(r, new InstructionDecoder(r), module);
        assertTrue(r.atEnd());
        return module.globals;
    }

    @Test
    void typesAndInitialisers() {
        List<GlobalDefinition> globals = decode(0x03,
                0x7F, 0x00, 0x41, 0x2A, 0x0B,
                0x7C, 0x01, 0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x0B,
                0x70, 0x00, 0xD2, 0x05, 0x0B);
        assertEquals(3, globals.size());
        assertEquals(ValType.I32, globals.get(0).type().valueType());
        assertFalse(globals.get(0).type().mutable());
        assertEquals(42, globals.get(0).init().instructions()[0].value);
        assertEquals(1, globals.get(0).init().instructions().length);
        assertTrue(globals.get(1).type().mutable());
        assertEquals(Double.doubleToRawLongBits(1.0), globals.get(1).init().instructions()[0].value);
        assertEquals(Opcode.REF_FUNC, globals.get(2).init().instructions()[0].opcode);
        assertEquals(5, globals.get(2).init().instructions()[0].index);
    }

    @Test
    void malformed() {
        assertFails("malformed mutability", () -> decode(0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B));
        assertFails("illegal opcode", () -> decode(0x01, 0x7F, 0x00, 0x41, 0x00, 0x0A, 0x0B));
        assertFails("unexpected end of section or function", () -> decode(0x01, 0x7F, 0x00, 0x41, 0x00));
        assertFails("unsupported feature: simd", () -> decode(0x01, 0x7B, 0x00, 0xFD, 0x0C, 0x0B));
    }
}
