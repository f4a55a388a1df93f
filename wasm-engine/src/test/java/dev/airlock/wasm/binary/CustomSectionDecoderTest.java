package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airlock.wasm.syntax.CustomSection;
import org.junit.jupiter.api.Test;

class CustomSectionDecoderTest {
    @Test
    void nameAndContents() {
        ByteReader r = new ByteReader(bytes(0x02, 'h', 'i', 1, 2, 3, 0x99));
        CustomSection s = CustomSectionDecoder.decode(r, 6);
        assertEquals("hi", s.name());
        assertArrayEquals(bytes(1, 2, 3), s.contents());
        assertEquals(6, r.position());
    }

    @Test
    void emptyContents() {
        ByteReader r = new ByteReader(bytes(0x01, 'x'));
        CustomSection s = CustomSectionDecoder.decode(r, 2);
        assertEquals("x", s.name());
        assertEquals(0, s.contents().length);
    }

    @Test
    void nameMustFitInTheSection() {
        assertFails("unexpected end", () -> CustomSectionDecoder.decode(new ByteReader(bytes(0x02, 'h', 'i', 0)), 2));
        assertFails("unexpected end", () -> CustomSectionDecoder.decode(new ByteReader(bytes(0x00)), 0));
    }

    @Test
    void sectionMustFitInTheModule() {
        assertFails("unexpected end", () -> CustomSectionDecoder.decode(new ByteReader(bytes(0x01, 'a', 1)), 4));
    }

    @Test
    void nameMustBeUtf8() {
        assertFails("malformed UTF-8 encoding",
                () -> CustomSectionDecoder.decode(new ByteReader(bytes(0x02, 0xC3, 0x28, 0)), 4));
    }
}
