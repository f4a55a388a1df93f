package dev.airlock.wasm.binary;

import dev.airlock.wasm.MalformedModuleException;
import java.util.Arrays;

/**
 * A cursor over a module's bytes that reads the primitive values of the binary format: spec 5.1
 * "Conventions" (vectors and their lengths) and 5.2 "Values" (5.2.1 bytes, 5.2.2 LEB128 integers,
 * 5.2.3 little-endian floats, 5.2.4 UTF-8 names).
 *
 * <p>Reads are bounded by {@link #limit()}, which for the module-level reader is the end of the
 * module: like the reference interpreter, the decoder reads a section or function body as far as
 * its contents go and only then compares the position with the declared size. A read past the
 * limit throws {@value Messages#UNEXPECTED_END_OF_SECTION}. Nothing here allocates except the
 * methods that return a byte array or a string.
 */
final class ByteReader {
    /** The module's bytes; never modified. */
    private final byte[] bytes;
    /** One past the last byte this reader may read. */
    private final int limit;
    /** The index of the next byte to read. */
    private int pos;

    /** A reader over all of {@code bytes}. */
    ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** A reader over {@code bytes[start, limit)}, positioned at {@code start}. */
    ByteReader(byte[] bytes, int start, int limit) {
        if (start < 0 || limit > bytes.length || start > limit) {
            throw new IllegalArgumentException("bad range " + start + ".." + limit);
        }
        this.bytes = bytes;
        this.pos = start;
        this.limit = limit;
    }

    /** The underlying bytes (not copied; never modify). */
    byte[] bytes() {
        return bytes;
    }

    /** The index of the next byte to read. */
    int position() {
        return pos;
    }

    /** One past the last readable byte. */
    int limit() {
        return limit;
    }

    /** Whether every byte up to the limit has been read. */
    boolean atEnd() {
        return pos >= limit;
    }

    /** Moves to {@code position}, which must lie between the current position and the limit. */
    void seek(int position) {
        if (position < pos || position > limit) {
            throw endOfInput();
        }
        pos = position;
    }

    /** The next byte (0–255) without consuming it, or -1 at the limit. */
    int peek() {
        return pos < limit ? bytes[pos] & 0xFF : -1;
    }

    /** One byte, 0–255 (5.2.1). */
    int u8() {
        if (pos >= limit) {
            throw endOfInput();
        }
        return bytes[pos++] & 0xFF;
    }

    /** Skips {@code n} bytes; fails if fewer remain or {@code n} is negative. */
    void skip(long n) {
        if (n < 0 || n > limit - pos) {
            throw endOfInput();
        }
        pos += (int) n;
    }

    /** An unsigned 32-bit LEB128 integer (5.2.2), as a non-negative long. */
    long u32() {
        int p = pos;
        if (p < limit) {
            int b = bytes[p];
            if (b >= 0) {
                pos = p + 1;
                return b;
            }
        }
        return unsigned(32);
    }

    /**
     * A u32 index (5.5.1) as an int. Values of 2^31 and above, which can never be valid because no
     * index space of a module held in a Java array is that large, become {@link Integer#MAX_VALUE}
     * so that they stay out of range without turning negative.
     */
    int index() {
        long v = u32();
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /**
     * An unsigned LEB128 integer of {@code bits} bits (1 to 63), as the reference interpreter reads
     * it: a byte whose payload has bits set beyond the width throws {@value Messages#INT_TOO_LARGE};
     * a continuation past the last byte the width allows throws {@value Messages#INT_TOO_LONG}.
     */
    long unsigned(int bits) {
        long result = 0;
        int shift = 0;
        for (int left = bits; ; left -= 7) {
            if (left <= 0) {
                throw error(Messages.INT_TOO_LONG, pos);
            }
            int b = u8();
            if (left < 7 && (b & 0x7F) >= (1 << left)) {
                throw error(Messages.INT_TOO_LARGE, pos - 1);
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    /** A signed 32-bit LEB128 integer (5.2.2). */
    int s32() {
        int p = pos;
        if (p < limit) {
            int b = bytes[p];
            if (b >= 0) {
                pos = p + 1;
                return (b << 25) >> 25;
            }
        }
        return (int) signed(32);
    }

    /** A signed 33-bit LEB128 integer (5.2.2), used for block types (5.4.1). */
    long s33() {
        return signed(33);
    }

    /** A signed 64-bit LEB128 integer (5.2.2). */
    long s64() {
        int p = pos;
        if (p < limit) {
            int b = bytes[p];
            if (b >= 0) {
                pos = p + 1;
                return (b << 25) >> 25;
            }
        }
        return signed(64);
    }

    /**
     * A signed LEB128 integer of {@code bits} bits (1 to 64). In the last byte the width allows,
     * the payload bits from the sign bit upwards must be all zeros or all ones, otherwise
     * {@value Messages#INT_TOO_LARGE}; a continuation past that byte is
     * {@value Messages#INT_TOO_LONG}.
     */
    long signed(int bits) {
        long result = 0;
        int shift = 0;
        for (int left = bits; ; left -= 7) {
            if (left <= 0) {
                throw error(Messages.INT_TOO_LONG, pos);
            }
            int b = u8();
            if (left < 7) {
                int mask = (-1 << (left - 1)) & 0x7F;
                int high = b & mask;
                if (high != 0 && high != mask) {
                    throw error(Messages.INT_TOO_LARGE, pos - 1);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if ((b & 0x40) != 0 && shift < 64) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
    }

    /** Four little-endian bytes: the bits of an f32 (5.2.3). */
    int f32Bits() {
        if (limit - pos < 4) {
            throw endOfInput();
        }
        int p = pos;
        pos = p + 4;
        return (bytes[p] & 0xFF) | (bytes[p + 1] & 0xFF) << 8 | (bytes[p + 2] & 0xFF) << 16 | (bytes[p + 3] & 0xFF) << 24;
    }

    /** Eight little-endian bytes: the bits of an f64 (5.2.3). */
    long f64Bits() {
        if (limit - pos < 8) {
            throw endOfInput();
        }
        long lo = f32Bits() & 0xFFFFFFFFL;
        long hi = f32Bits() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    /**
     * A u32 length: of a vector (5.1.3), a byte sequence, a name, a section or a function body.
     * Every element of those takes at least one byte, so a length larger than the bytes left
     * (counted, as in the reference interpreter, from the length's own first byte) cannot be
     * right and throws {@value Messages#LENGTH_OUT_OF_BOUNDS}. This is what keeps a huge
     * declared count from causing a huge allocation.
     */
    int length() {
        int start = pos;
        long n = u32();
        if (n > limit - start) {
            throw error(Messages.LENGTH_OUT_OF_BOUNDS, start);
        }
        return (int) n;
    }

    /** A length-prefixed byte sequence (5.2.1, {@code vec(byte)}), copied. */
    byte[] byteVector() {
        int n = length();
        return bytes(n);
    }

    /** The next {@code n} bytes, copied. */
    byte[] bytes(int n) {
        int start = pos;
        skip(n);
        return Arrays.copyOfRange(bytes, start, start + n);
    }

    /** A name (5.2.4): a length-prefixed, strictly valid UTF-8 string. */
    String name() {
        int start = pos;
        int n = length();
        int from = pos;
        skip(n);
        String s = Utf8.decode(bytes, from, n);
        if (s == null) {
            throw error(Messages.MALFORMED_UTF8, start);
        }
        return s;
    }

    /** An exception for a failure at byte {@code at}. */
    MalformedModuleException error(String message, int at) {
        return new MalformedModuleException(message, at);
    }

    /** The exception for a read past the limit. */
    MalformedModuleException endOfInput() {
        return new MalformedModuleException(Messages.UNEXPECTED_END_OF_SECTION, limit);
    }
}
