package dev.airlock.taint;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code memset}, {@code memcpy} and {@code strncpy} on sandbox memory through tainted pointers,
 * RLBox's {@code rlbox::memset} / {@code rlbox::memcpy} / string helpers. Every destination and
 * source range is checked against the sandbox's memory, and pointers of two sandboxes cannot be
 * mixed. Data only ever flows into the sandbox or within it, so no result needs verification.
 */
public final class MemoryFunctions {
    private MemoryFunctions() {}

    /**
     * C's {@code memset}: sets {@code length} bytes at {@code destination} to {@code value}.
     *
     * @param destination the first byte (of any pointee type)
     * @param value the byte value; only the low 8 bits are used, as in C
     * @param length the number of bytes
     * @throws SandboxMemoryException if the range is not inside memory or the pointer is null
     *     (and {@code length > 0})
     */
    public static void memset(TaintedPointer<?> destination, int value, long length) {
        long address = checkedBytes(destination, length);
        if (length > 0) {
            destination.memory().fill(address, length, (byte) value);
        }
    }

    /**
     * C's {@code memcpy} inside one sandbox, with {@code memmove}'s tolerance of overlap (C leaves
     * overlapping {@code memcpy} undefined; here it is simply correct).
     *
     * @param destination the first destination byte
     * @param source the first source byte
     * @param length the number of bytes
     * @throws ForeignPointerException if the pointers belong to different sandboxes
     * @throws SandboxMemoryException if a range is not inside memory or a pointer is null
     */
    public static void memcpy(TaintedPointer<?> destination, TaintedPointer<?> source, long length) {
        source.checkOwner(destination.memory());
        long to = checkedBytes(destination, length);
        long from = checkedBytes(source, length);
        if (length > 0) {
            destination.memory().copyWithin(to, from, length);
        }
    }

    /**
     * {@code memcpy} from the host into the sandbox.
     *
     * @param destination the first destination byte
     * @param source the host bytes
     * @param offset the first index in {@code source}
     * @param length the number of bytes
     * @throws SandboxMemoryException if the destination range is not inside memory or the pointer
     *     is null
     * @throws IndexOutOfBoundsException if the host range is not inside {@code source}
     */
    public static void memcpy(TaintedPointer<?> destination, byte[] source, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        long to = checkedBytes(destination, length);
        if (length > 0) {
            destination.memory().copyIn(to, source, offset, length);
        }
    }

    /**
     * C's {@code strncpy} inside one sandbox: copies the string at {@code source} up to its NUL or
     * {@code n} bytes, whichever comes first, and fills the rest of the {@code n} bytes with NULs.
     * As in C, if the source has {@code n} or more bytes before its NUL, the destination is
     * <em>not</em> NUL-terminated. The source is read once, up to {@code n} bytes.
     *
     * @param destination the destination buffer of at least {@code n} bytes
     * @param source the source string
     * @param n the number of bytes written to {@code destination}
     * @throws ForeignPointerException if the pointers belong to different sandboxes
     * @throws SandboxMemoryException if a range is not inside memory or a pointer is null
     */
    public static void strncpy(TaintedPointer<Byte> destination, TaintedPointer<Byte> source, long n) {
        source.checkOwner(destination.memory());
        long to = checkedBytes(destination, n);
        if (n == 0) {
            return;
        }
        byte[] copy = CStringScan.prefix(source, n);
        writePadded(destination.memory(), to, copy, n);
    }

    /**
     * C's {@code strncpy} from a host string: writes its UTF-8 bytes, at most {@code n}, then NULs up
     * to {@code n} bytes. As in C, a string of {@code n} or more bytes is <em>not</em>
     * NUL-terminated; to always terminate, pass {@code n - 1} and set the last byte, or use the
     * marshalling module's {@code CStrings.write}, which refuses strings that do not fit.
     *
     * @param destination the destination buffer of at least {@code n} bytes
     * @param source the host string, without U+0000
     * @param n the number of bytes written to {@code destination}
     * @throws IllegalArgumentException if {@code source} contains U+0000
     * @throws SandboxMemoryException if the range is not inside memory or the pointer is null
     */
    public static void strncpy(TaintedPointer<Byte> destination, String source, long n) {
        if (source.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string contains U+0000; C would see it end there");
        }
        long to = checkedBytes(destination, n);
        if (n == 0) {
            return;
        }
        byte[] bytes = source.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        writePadded(destination.memory(), to, bytes.length > n ? Arrays.copyOf(bytes, (int) n) : bytes, n);
    }

    private static void writePadded(SandboxMemory memory, long to, byte[] bytes, long n) {
        memory.copyIn(to, bytes, 0, bytes.length);
        if (n > bytes.length) {
            memory.fill(to + bytes.length, n - bytes.length, (byte) 0);
        }
    }

    /** Checks a byte range at a pointer and returns its address. */
    private static long checkedBytes(TaintedPointer<?> pointer, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0: " + length);
        }
        long address = pointer.rawAddress();
        if (length > 0) {
            if (address == 0) {
                throw new SandboxMemoryException("null pointer passed as a " + length + "-byte range");
            }
            pointer.memory().checkRange(address, length);
        }
        return address;
    }
}
