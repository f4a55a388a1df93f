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
        long start = Integer.toUnsignedLong(d);
        long count = Integer.toUnsignedLong(n);
        if (start + count > bytes.length) {
            throw Traps.outOfBoundsMemory();
        }
        java.util.Arrays.fill(bytes, (int) start, (int) (start + count), (byte) value);
    }

    /** {@code memory.copy}: copies {@code n} bytes from {@code s} to {@code d}; ranges may overlap. */
    public static void copy(int d, int s, int n, Instance instance) {
        byte[] bytes = instance.memory.bytes;
        long dst = Integer.toUnsignedLong(d);
        long src = Integer.toUnsignedLong(s);
        long count = Integer.toUnsignedLong(n);
        if (src + count > bytes.length || dst + count > bytes.length) {
            throw Traps.outOfBoundsMemory();
        }
        System.arraycopy(bytes, (int) src, bytes, (int) dst, (int) count);
    }

    /** {@code memory.init}: copies {@code n} bytes of data segment {@code segment} from {@code s} to {@code d}. */
    public static void init(int d, int s, int n, Instance instance, int segment) {
        byte[] bytes = instance.memory.bytes;
        byte[] data = instance.data[segment];
        long dst = Integer.toUnsignedLong(d);
        long src = Integer.toUnsignedLong(s);
        long count = Integer.toUnsignedLong(n);
        if (src + count > data.length || dst + count > bytes.length) {
            throw Traps.outOfBoundsMemory();
        }
        System.arraycopy(data, (int) src, bytes, (int) dst, (int) count);
    }

    /** {@code data.drop}. */
    public static void dropData(Instance instance, int segment) {
        instance.dropData(segment);
    }
}
