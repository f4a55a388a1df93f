package dev.airlock.wasm.binary;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (spec 5.2.4 "Names", which defines names by the UTF-8 encoding of Unicode scalar
 * values): rejects overlong forms, surrogates (U+D800 to U+DFFF), code points above U+10FFFF,
 * stray continuation bytes and truncated sequences.
 */
final class Utf8 {
    /** Not instantiable. */
    private Utf8() {
    }

    /**
     * Decodes {@code bytes[offset, offset + length)}, or returns null if they are not valid UTF-8.
     * Allocates only the resulting string.
     */
    static String decode(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        // Fast path: all ASCII.
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int trailing;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                trailing = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                trailing = 2;
                if (b == 0xE0) {
                    min2 = 0xA0; // no overlong 3-byte forms
                } else if (b == 0xED) {
                    max2 = 0x9F; // no surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                trailing = 3;
                if (b == 0xF0) {
                    min2 = 0x90; // no overlong 4-byte forms
                } else if (b == 0xF4) {
                    max2 = 0x8F; // nothing above U+10FFFF
                }
            } else {
                return null; // continuation byte, overlong 2-byte lead (C0, C1), or F5..FF
            }
            if (end - i <= trailing) {
                return null;
            }
            int c = bytes[i + 1] & 0xFF;
            if (c < min2 || c > max2) {
                return null;
            }
            for (int k = 2; k <= trailing; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return null;
                }
            }
            i += trailing + 1;
        }
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
