package dev.airlock.wasm.wasi;

/**
 * The {@code iovec_array} / {@code ciovec_array} argument of the read and write functions (a
 * pointer and a count of {@code iovec}s: buffer pointer u32, length u32), read and checked
 * before any I/O is done: every buffer must lie inside the memory ({@code fault} otherwise), there
 * may be at most {@link WasiTypes#IOV_MAX} of them and their total length must fit an {@code int}
 * ({@code inval} otherwise). Checking everything first means a bad vector never leaves an operation
 * half done.
 */
final class IoVectors {
    /** The checked address of each buffer. */
    final long[] addresses;
    /** The length of each buffer. */
    final int[] lengths;
    /** The sum of the lengths. */
    final int total;

    private IoVectors(long[] addresses, int[] lengths, int total) {
        this.addresses = addresses;
        this.lengths = lengths;
        this.total = total;
    }

    /** Reads and checks {@code count} iovecs at {@code ptr}. */
    static IoVectors read(GuestMemory memory, int ptr, int count) {
        if (count < 0 || count > WasiTypes.IOV_MAX) {
            throw new ErrnoException(Errno.INVAL);
        }
        memory.checkArray(ptr, count, WasiTypes.IOVEC_SIZE);
        long[] addresses = new long[count];
        int[] lengths = new int[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            int buf = memory.u32(ptr + i * WasiTypes.IOVEC_SIZE);
            long len = GuestMemory.unsigned(memory.u32(ptr + i * WasiTypes.IOVEC_SIZE + 4));
            if (len != 0) {
                addresses[i] = memory.check(buf, len);
                lengths[i] = (int) len;
                total += len;
            }
        }
        if (total > Integer.MAX_VALUE) {
            throw new ErrnoException(Errno.INVAL);
        }
        return new IoVectors(addresses, lengths, (int) total);
    }
}
