package dev.airlock.wasm.runtime;

/**
 * The memory instructions that are not plain loads and stores (spec 4.4.7): {@code memory.grow}
 * and the bulk operations. Each bulk operation checks its whole range before touching a byte, so
 * an out-of-bounds operation traps without a partial write. Called by generated code; operands
 * come in stack order with the instance last.
 */
public final class MemoryOps {
    private MemoryOps() {
    }

    /** {@code memory.grow}: the old size in pages, or -1. */
    public static int grow(int deltaPages, Instance instance) {
        return instance.memory.grow(deltaPages);
    }

    /** {@code memory.size}: the size in pages. */
    public static int size(Instance instance) {
        return instance.memory.pages();
    }

    /** Zeros for {@link #fill}: clearing a range is a copy from here. Never written; shared by all instances. */
    private static final byte[] ZEROS = new byte[4096];
    /** How many bytes {@link #fill} stores one by one before it doubles the filled range by copying. */
    private static final int PATTERN_BYTES = 64;

    /**
     * {@code memory.fill}: sets {@code n} bytes at {@code d} to the low byte of {@code value}.
     *
     * <p>Not {@code Arrays.fill}: on HotSpot 17 it stores about one byte per cycle (4 KB of zeros
     * take 330 ns), and C code calls memset all the time (calloc, structs, scanlines, blocks of
     * coefficients). System.arraycopy runs in vectorised stubs at every size (4 KB: 60 ns), so
     * zeros are copied from {@link #ZEROS}, and other values are stored for the first
     * {@link #PATTERN_BYTES} bytes and then copied from the range already filled, doubling it.
     */
    public static void fill(int d, int value, int n, Instance instance) {
        byte[] bytes = instance.memory.bytes;
        if (!fits(d, n, bytes.length)) {
            throw Traps.outOfBoundsMemory();
        }
        byte b = (byte) value;
        if (b == 0) {
            zero(bytes, d, n);
        } else {
            fillWith(bytes, d, n, b);
        }
    }

    /** Zeros {@code [d, d + n)}, known to lie within {@code bytes}. */
    private static void zero(byte[] bytes, int d, int n) {
        int at = d;
        int left = n;
        while (left > ZEROS.length) {
            System.arraycopy(ZEROS, 0, bytes, at, ZEROS.length);
            at += ZEROS.length;
            left -= ZEROS.length;
        }
        System.arraycopy(ZEROS, 0, bytes, at, left);
    }

    /** Sets {@code [d, d + n)}, known to lie within {@code bytes}, to {@code b}. */
    private static void fillWith(byte[] bytes, int d, int n, byte b) {
        int head = Math.min(n, PATTERN_BYTES);
        for (int i = d; i < d + head; i++) {
            bytes[i] = b;
        }
        int filled = head;
        while (filled < n) {
            int k = Math.min(filled, n - filled);
            System.arraycopy(bytes, d, bytes, d + filled, k);
            filled += k;
        }
    }

    /** {@code memory.copy}: copies {@code n} bytes from {@code s} to {@code d}; ranges may overlap. */
    public static void copy(int d, int s, int n, Instance instance) {
        byte[] bytes = instance.memory.bytes;
        copy(bytes, s, bytes, d, n);
    }

    /** {@code memory.init}: copies {@code n} bytes of data segment {@code segment} from {@code s} to {@code d}. */
    public static void init(int d, int s, int n, Instance instance, int segment) {
        copy(instance.data[segment], s, instance.memory.bytes, d, n);
    }

    /** Copies {@code n} bytes, trapping before any is copied if either range does not fit. */
    private static void copy(byte[] from, int s, byte[] to, int d, int n) {
        if (!fits(s, n, from.length) || !fits(d, n, to.length)) {
            throw Traps.outOfBoundsMemory();
        }
        System.arraycopy(from, s, to, d, n);
    }

    /**
     * Whether the range of {@code count} elements from {@code start} (both unsigned 32-bit) lies
     * within an array of {@code length}. When it does, both are non-negative as ints.
     */
    static boolean fits(int start, int count, int length) {
        return Integer.toUnsignedLong(start) + Integer.toUnsignedLong(count) <= length;
    }

    /** {@code data.drop}. */
    public static void dropData(Instance instance, int segment) {
        instance.dropData(segment);
    }
}
