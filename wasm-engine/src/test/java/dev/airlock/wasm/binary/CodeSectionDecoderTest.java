package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static dev.airlock.wasm.binary.TestBytes.concat;
import static dev.airlock.wasm.binary.TestBytes.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.FunctionBody;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.Opcode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CodeSectionDecoderTest {
    private ModuleDefinition.Builder module;
    private boolean dataIndexUsed;

    /** Decodes code section contents made of the given size-prefixed bodies. */
    private void decode(byte[]... bodies) {
        byte[] contents = u32(bodies.length);
        for (byte[] b : bodies) {
            contents = concat(contents, u32(b.length), b);
        }
        decodeContents(contents);
    }

    private void decodeContents(byte[] contents) {
        ByteReader r = new ByteReader(contents);
        module = new ModuleDefinition.Builder();
        dataIndexUsed = new CodeSectionDecoder(r, new InstructionDecoder(r)).decode(module);
        assertTrue(r.atEnd());
    }

    @Test
    void bodiesWithLocals() {
        decode(bytes(0x02, 0x02, 0x7F, 0x01, 0x7E, 0x20, 0x02, 0x1A, 0x0B), bytes(0x00, 0x0B));
        assertEquals(2, module.code.size());
        FunctionBody first = module.code.get(0);
        assertArrayEquals(new ValType[] {ValType.I32, ValType.I32, ValType.I64}, first.locals());
        assertEquals(3, first.code().length);
        assertEquals(Opcode.LOCAL_GET, first.code()[0].opcode);
        assertEquals(2, first.code()[0].index);
        assertEquals(Opcode.END, first.code()[2].opcode);
        assertEquals(2, first.byteOffset()); // after the count and the size byte
        FunctionBody second = module.code.get(1);
        assertEquals(0, second.locals().length);
        assertEquals(1, second.code().length);
        assertEquals(12, second.byteOffset());
        assertFalse(dataIndexUsed);
    }

    @Test
    void zeroCountEntriesAreAllowed() {
        decode(bytes(0x03, 0x00, 0x7F, 0x00, 0x7E, 0x02, 0x7D, 0x0B));
        assertArrayEquals(new ValType[] {ValType.F32, ValType.F32}, module.code.get(0).locals());
    }

    @Test
    void referenceTypedLocals() {
        decode(bytes(0x02, 0x01, 0x70, 0x01, 0x6F, 0x0B));
        assertArrayEquals(new ValType[] {ValType.FUNCREF, ValType.EXTERNREF}, module.code.get(0).locals());
    }

    @Test
    void exactlyTheLimitOfLocals() {
        decode(concat(bytes(0x02), u32(49_999), bytes(0x7F), u32(1), bytes(0x7C, 0x0B)));
        ValType[] locals = module.code.get(0).locals();
        assertEquals(50_000, locals.length);
        assertEquals(ValType.F64, locals[49_999]);
        assertEquals(ValType.I32, locals[0]);
    }

    @Test
    void tooManyLocals() {
        assertFails("too many locals", () -> decode(concat(bytes(0x01), u32(50_001), bytes(0x7F, 0x0B))));
        assertFails("too many locals", () -> decode(concat(bytes(0x02), u32(25_000), bytes(0x7F), u32(25_001),
                bytes(0x7E, 0x0B))));
        assertFails("too many locals", () -> decode(bytes(0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7E, 0x0B)));
        assertFails("too many locals", () -> decode(bytes(0x04,
                0x80, 0x80, 0x80, 0x80, 0x04, 0x7F, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7E,
                0x80, 0x80, 0x80, 0x80, 0x04, 0x7D, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7C, 0x0B)));
    }

    @Test
    void localCountIsU32() {
        assertFails("integer too large", () -> decode(bytes(0x02, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7F, 0x02, 0x7E, 0x0B)));
    }

    @Test
    void malformedLocalType() {
        assertFails("malformed value type", () -> decode(bytes(0x01, 0x01, 0x40, 0x0B)));
        assertFails("unsupported feature: simd", () -> decode(bytes(0x01, 0x01, 0x7B, 0x0B)));
    }

    @Test
    void bodySizeMustMatch() {
        // Declared 5 bytes, but the body ends after 3; the rest is another body's worth of bytes.
        assertFails("section size mismatch", () -> decodeContents(bytes(0x01, 0x05, 0x00, 0x01, 0x0B, 0x01, 0x0B)));
        // The body runs on past its declared size (missing end: reads the next byte).
        assertFails("section size mismatch", () -> decodeContents(bytes(0x01, 0x02, 0x00, 0x01, 0x0B)));
    }

    @Test
    void missingEnd() {
        assertFails("END opcode expected", () -> decodeContents(bytes(0x02, 0x04, 0x00, 0x41, 0x01, 0x1A,
                0x05, 0x00, 0x41, 0x01, 0x1A, 0x0B)));
        assertFails("unexpected end of section or function", () -> decodeContents(bytes(0x01, 0x04, 0x00, 0x41, 0x01, 0x1A)));
    }

    @Test
    void hugeCounts() {
        assertFails("length out of bounds", () -> decodeContents(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x02, 0x00, 0x0B)));
        assertFails("length out of bounds", () -> decodeContents(bytes(0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x0B)));
        assertFails("length out of bounds", () -> decodeContents(bytes(0x01, 0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B)));
    }

    @Test
    void reportsDataIndexUse() {
        decode(bytes(0x00, 0x0B), bytes(0x00, 0xFC, 0x09, 0x00, 0x0B));
        assertTrue(dataIndexUsed);
        decode(bytes(0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B));
        assertTrue(dataIndexUsed);
        decode(bytes(0x00, 0xFC, 0x0C, 0x00, 0x00, 0x0B));
        assertFalse(dataIndexUsed);
    }

    @Test
    void manyBodies() {
        byte[][] bodies = new byte[1000][];
        Arrays.fill(bodies, bytes(0x00, 0x01, 0x0B));
        decode(bodies);
        assertEquals(1000, module.code.size());
        assertEquals(Opcode.NOP, module.code.get(999).code()[0].opcode);
    }
}
