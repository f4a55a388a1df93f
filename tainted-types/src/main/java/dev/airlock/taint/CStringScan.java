package dev.airlock.taint;

import java.util.Arrays;

/**
 * Finds and copies a NUL-terminated string in sandbox memory, fetching each byte once.
 *
 * <p>An isolated memory is copied in one piece up to the bound (the copy cannot fault; anything
 * out of range is refused by the memory). Natively, bytes past the terminator may be unmapped, so
 * the copy proceeds in chunks that never cross a 4 KiB page boundary: a page that holds a byte of
 * the string is mapped, so reading the rest of that page cannot fault (the reasoning C libraries'
 * {@code strlen} relies on).
 */
final class CStringScan {
    private static final int PAGE = 4096;

    private CStringScan() {}

    /** The bytes before the NUL, at most {@code maxBytes} of them; no NUL in time is a VerificationException. */
    static byte[] scan(TaintedPointer<?> pointer, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
        }
        long bound = (long) maxBytes + 1;
        byte[] prefix = prefix(pointer, bound);
        if (prefix.length == bound) {
            throw new VerificationException("check failed: string NUL-terminated within " + maxBytes + " bytes");
        }
        return prefix;
    }

    /**
     * The bytes before the first NUL among the first {@code limit} bytes, or all {@code limit}
     * bytes if none is NUL (C's {@code strnlen} semantics, plus the copy).
     */
    static byte[] prefix(TaintedPointer<?> pointer, long limit) {
        if (limit > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("string limit too large for a Java array: " + limit);
        }
        if (pointer.type().size(pointer.memory().pointerSize()) != 1) {
            throw new IllegalStateException("a C string is read through a pointer to a one-byte type, not " + pointer.type());
        }
        if (limit == 0) {
            return new byte[0];
        }
        SandboxMemory memory = pointer.memory();
        long start = pointer.rawAddress();
        if (start == 0) {
            throw new SandboxMemoryException("null pointer dereference (string)");
        }
        if (memory.isIsolated()) {
            long available = Math.max(0, memory.size() - start);
            int length = (int) Math.min(limit, available);
            if (length == 0) {
                memory.checkRange(start, 1); // throws with the standard message
            }
            byte[] copy = new byte[length];
            memory.copyOut(start, copy, 0, length);
            for (int i = 0; i < length; i++) {
                if (copy[i] == 0) {
                    return Arrays.copyOf(copy, i);
                }
            }
            if (length < limit) {
                throw new SandboxMemoryException("string at 0x" + Long.toHexString(start)
                        + " runs off the end of sandbox memory (size " + memory.size() + ") without a NUL");
            }
            return copy;
        }
        byte[] copy = new byte[(int) Math.min(limit, 256)];
        int filled = 0;
        while (filled < limit) {
            long at = start + filled;
            int chunk = (int) Math.min(limit - filled, PAGE - Math.floorMod(at, PAGE));
            if (filled + chunk > copy.length) {
                copy = Arrays.copyOf(copy, (int) Math.min(limit, Math.max((long) copy.length * 2, filled + chunk)));
            }
            memory.copyOut(at, copy, filled, chunk);
            for (int i = filled; i < filled + chunk; i++) {
                if (copy[i] == 0) {
                    return Arrays.copyOf(copy, i);
                }
            }
            filled += chunk;
        }
        return copy;
    }
}
