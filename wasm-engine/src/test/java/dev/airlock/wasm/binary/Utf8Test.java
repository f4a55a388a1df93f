package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static String decode(int... b) {
        byte[] a = bytes(b);
        return Utf8.decode(a, 0, a.length);
    }

    @Test
    void ascii() {
        assertEquals("hello", decode('h', 'e', 'l', 'l', 'o'));
        assertEquals("", decode());
        assertEquals("\0", decode(0));
    }

    @Test
    void everyEncodingLength() {
        assertEquals("\u0080", decode(0xC2, 0x80));
        assertEquals("\u07FF", decode(0xDF, 0xBF));
        assertEquals("\u0800", decode(0xE0, 0xA0, 0x80));
        assertEquals("\uD7FF", decode(0xED, 0x9F, 0xBF));
        assertEquals("\uE000", decode(0xEE, 0x80, 0x80));
        assertEquals("\uFFFF", decode(0xEF, 0xBF, 0xBF));
        assertEquals(new String(Character.toChars(0x10000)), decode(0xF0, 0x90, 0x80, 0x80));
        assertEquals(new String(Character.toChars(0x10FFFF)), decode(0xF4, 0x8F, 0xBF, 0xBF));
    }

    @Test
    void offsetAndLength() {
        byte[] a = "xxé€yy".getBytes(StandardCharsets.UTF_8);
        assertEquals("é€", Utf8.decode(a, 2, a.length - 4));
    }

    @Test
    void overlongFormsAreRejected() {
        assertNull(decode(0xC0, 0x80));
        assertNull(decode(0xC1, 0xBF));
        assertNull(decode(0xE0, 0x9F, 0xBF));
        assertNull(decode(0xF0, 0x8F, 0xBF, 0xBF));
    }

    @Test
    void surrogatesAreRejected() {
        assertNull(decode(0xED, 0xA0, 0x80));
        assertNull(decode(0xED, 0xBF, 0xBF));
    }

    @Test
    void codePointsAboveTheUnicodeRangeAreRejected() {
        assertNull(decode(0xF4, 0x90, 0x80, 0x80));
        assertNull(decode(0xF5, 0x80, 0x80, 0x80));
        assertNull(decode(0xFF));
        assertNull(decode(0xF8, 0x88, 0x80, 0x80, 0x80));
    }

    @Test
    void strayAndMissingContinuationBytes() {
        assertNull(decode(0x80));
        assertNull(decode('a', 0xBF));
        assertNull(decode(0xC2));
        assertNull(decode(0xC2, 'a'));
        assertNull(decode(0xE1, 0x80));
        assertNull(decode(0xE1, 0x80, 0xC0));
        assertNull(decode(0xF1, 0x80, 0x80));
        assertNull(decode(0xF1, 0x80, 0x80, 0x7F));
    }
}
