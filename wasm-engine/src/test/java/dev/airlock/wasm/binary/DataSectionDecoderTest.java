package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.syntax.DataSegment;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.Opcode;
import dev.airlock.wasm.syntax.SegmentMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSectionDecoderTest {
    private static List<DataSegment> decode(int... contents) {
        ByteReader r = new ByteReader(bytes(contents));
        ModuleDefinition.Builder module = new ModuleDefinition.Builder();
        DataSectionDecoder.decode(r, new InstructionDecoder(r), module);
        assertTrue(r.atEnd());
        return module.data;
    }

    @Test
    void allThreeEncodings() {
        List<DataSegment> data = decode(0x03,
                0x00, 0x41, 0x08, 0x0B, 0x02, 'h', 'i',
                0x01, 0x03, 1, 2, 3,
                0x02, 0x01, 0x41, 0x10, 0x0B, 0x00);
        assertEquals(3, data.size());

        DataSegment active = data.get(0);
        assertEquals(SegmentMode.ACTIVE, active.mode());
        assertEquals(0, active.memoryIndex());
        assertEquals(Opcode.I32_CONST, active.offset().instructions()[0].opcode);
        assertEquals(8, active.offset().instructions()[0].value);
        assertArrayEquals(bytes('h', 'i'), active.bytes());

        DataSegment passive = data.get(1);
        assertEquals(SegmentMode.PASSIVE, passive.mode());
        assertNull(passive.offset());
        assertArrayEquals(bytes(1, 2, 3), passive.bytes());

        DataSegment explicit = data.get(2);
        assertEquals(SegmentMode.ACTIVE, explicit.mode());
        assertEquals(1, explicit.memoryIndex());
        assertEquals(16, explicit.offset().instructions()[0].value);
        assertEquals(0, explicit.bytes().length);
    }

    @Test
    void nonMinimalMemoryIndex() {
        assertEquals(0, decode(0x01, 0x02, 0x80, 0x00, 0x41, 0x00, 0x0B, 0x00).get(0).memoryIndex());
    }

    @Test
    void malformed() {
        assertFails("malformed data segment kind", () -> decode(0x01, 0x03, 0x00));
        assertFails("integer representation too long", () -> decode(0x01, 0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00,
                0x41, 0x00, 0x0B, 0x00));
        assertFails("unexpected end of section or function", () -> decode(0x01, 0x00, 0x41, 0x03, 0x0B, 0x03, 1, 2));
        assertFails("length out of bounds", () -> decode(0x01, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        assertFails("unexpected end of section or function", () -> decode(0x02, 0x01, 0x00));
    }
}
