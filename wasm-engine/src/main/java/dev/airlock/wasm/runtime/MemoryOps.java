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

    /** {@code memory.fill}: sets {@code n} bytes at {@code d} to the low byte of {@code value}. */
    public static void fill(int d, int value, int n, Instance instance) {
        byte[] bytes = instance.memory.bytes;
        if (!fits(d, n, bytes.length)) {
            throw Traps.outOfBoundsMemory();
        }
        java.util.Arrays.fill(bytes, d, d + n, (byte) value);
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
