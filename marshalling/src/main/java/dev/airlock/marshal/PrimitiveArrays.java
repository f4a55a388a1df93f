package dev.airlock.marshal;

import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.Tainted;
import dev.airlock.taint.TaintedPointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bulk copies of primitive arrays between the host and sandbox memory, little-endian like both
 * backends. Each copy is one bounds-checked block transfer; arrays read out are fresh host arrays,
 * returned {@link Tainted} (for a copy and a check in one step see
 * {@link dev.airlock.taint.CopyAndVerify}).
 *
 * <p>The pointer forms check that the pointer is not null (when anything is copied) and let the
 * memory check the range; the address forms are for code that already holds a sandbox address, such
 * as generated bindings.
 */
public final class PrimitiveArrays {
    private PrimitiveArrays() {}

    private static int byteLength(int count, int elementSize) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        try {
            return Math.multiplyExact(count, elementSize);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(count + " elements of " + elementSize + " bytes exceed a Java array", e);
        }
    }

    /** Why the raw memory is used here: every array read through it is returned tainted, in one copy. */
    private static final String RAW_ACCESS = "arrays are copied in or out in one piece; what is read is returned tainted";

    private static long addressOf(TaintedPointer<?> pointer, int count) {
        if (count > 0) {
            pointer.requireNonNull("array pointer");
        }
        return pointer.unverifiedAddressBecause(memoryOf(pointer), RAW_ACCESS);
    }

    private static SandboxMemory memoryOf(TaintedPointer<?> pointer) {
        return pointer.unverifiedMemoryBecause(RAW_ACCESS);
    }

    private static ByteBuffer copyOut(SandboxMemory memory, long address, int count, int elementSize) {
        byte[] bytes = new byte[byteLength(count, elementSize)];
        memory.copyOut(address, bytes, 0, bytes.length);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer buffer(int count, int elementSize) {
        return ByteBuffer.allocate(byteLength(count, elementSize)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Copies a host byte array into sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the destination's sandbox address
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is not inside memory
     */
    public static void write(SandboxMemory memory, long address, byte[] source) {
        memory.copyIn(address, source, 0, source.length);
    }

    /**
     * Copies a host byte array to where a tainted pointer points.
     *
     * @param destination the first element
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is null or not inside memory
     */
    public static void write(TaintedPointer<Byte> destination, byte[] source) {
        write(memoryOf(destination), addressOf(destination, source.length), source);
    }

    /**
     * Copies {@code count} byte values out of sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the first element's sandbox address
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the range is not inside memory
     */
    public static Tainted<byte[]> readBytes(SandboxMemory memory, long address, int count) {
        byte[] copy = new byte[byteLength(count, 1)];
        memory.copyOut(address, copy, 0, copy.length);
        return Tainted.of(copy);
    }

    /**
     * Copies {@code count} byte values from where a tainted pointer points.
     *
     * @param source the first element
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the pointer is null or the range is not
     *     inside memory
     */
    public static Tainted<byte[]> readBytes(TaintedPointer<Byte> source, int count) {
        return readBytes(memoryOf(source), addressOf(source, count), count);
    }

    /**
     * Copies a host short array into sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the destination's sandbox address
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is not inside memory
     */
    public static void write(SandboxMemory memory, long address, short[] source) {
        ByteBuffer bytes = buffer(source.length, 2);
        bytes.asShortBuffer().put(source);
        memory.copyIn(address, bytes.array(), 0, bytes.capacity());
    }

    /**
     * Copies a host short array to where a tainted pointer points.
     *
     * @param destination the first element
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is null or not inside memory
     */
    public static void write(TaintedPointer<Short> destination, short[] source) {
        write(memoryOf(destination), addressOf(destination, source.length), source);
    }

    /**
     * Copies {@code count} short values out of sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the first element's sandbox address
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the range is not inside memory
     */
    public static Tainted<short[]> readShorts(SandboxMemory memory, long address, int count) {
        ByteBuffer bytes = copyOut(memory, address, count, 2);
        short[] copy = new short[count];
        bytes.asShortBuffer().get(copy);
        return Tainted.of(copy);
    }

    /**
     * Copies {@code count} short values from where a tainted pointer points.
     *
     * @param source the first element
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the pointer is null or the range is not
     *     inside memory
     */
    public static Tainted<short[]> readShorts(TaintedPointer<Short> source, int count) {
        return readShorts(memoryOf(source), addressOf(source, count), count);
    }

    /**
     * Copies a host int array into sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the destination's sandbox address
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is not inside memory
     */
    public static void write(SandboxMemory memory, long address, int[] source) {
        ByteBuffer bytes = buffer(source.length, 4);
        bytes.asIntBuffer().put(source);
        memory.copyIn(address, bytes.array(), 0, bytes.capacity());
    }

    /**
     * Copies a host int array to where a tainted pointer points.
     *
     * @param destination the first element
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is null or not inside memory
     */
    public static void write(TaintedPointer<Integer> destination, int[] source) {
        write(memoryOf(destination), addressOf(destination, source.length), source);
    }

    /**
     * Copies {@code count} int values out of sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the first element's sandbox address
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the range is not inside memory
     */
    public static Tainted<int[]> readInts(SandboxMemory memory, long address, int count) {
        ByteBuffer bytes = copyOut(memory, address, count, 4);
        int[] copy = new int[count];
        bytes.asIntBuffer().get(copy);
        return Tainted.of(copy);
    }

    /**
     * Copies {@code count} int values from where a tainted pointer points.
     *
     * @param source the first element
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the pointer is null or the range is not
     *     inside memory
     */
    public static Tainted<int[]> readInts(TaintedPointer<Integer> source, int count) {
        return readInts(memoryOf(source), addressOf(source, count), count);
    }

    /**
     * Copies a host long array into sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the destination's sandbox address
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is not inside memory
     */
    public static void write(SandboxMemory memory, long address, long[] source) {
        ByteBuffer bytes = buffer(source.length, 8);
        bytes.asLongBuffer().put(source);
        memory.copyIn(address, bytes.array(), 0, bytes.capacity());
    }

    /**
     * Copies a host long array to where a tainted pointer points.
     *
     * @param destination the first element
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is null or not inside memory
     */
    public static void write(TaintedPointer<Long> destination, long[] source) {
        write(memoryOf(destination), addressOf(destination, source.length), source);
    }

    /**
     * Copies {@code count} long values out of sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the first element's sandbox address
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the range is not inside memory
     */
    public static Tainted<long[]> readLongs(SandboxMemory memory, long address, int count) {
        ByteBuffer bytes = copyOut(memory, address, count, 8);
        long[] copy = new long[count];
        bytes.asLongBuffer().get(copy);
        return Tainted.of(copy);
    }

    /**
     * Copies {@code count} long values from where a tainted pointer points.
     *
     * @param source the first element
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the pointer is null or the range is not
     *     inside memory
     */
    public static Tainted<long[]> readLongs(TaintedPointer<Long> source, int count) {
        return readLongs(memoryOf(source), addressOf(source, count), count);
    }

    /**
     * Copies a host float array into sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the destination's sandbox address
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is not inside memory
     */
    public static void write(SandboxMemory memory, long address, float[] source) {
        ByteBuffer bytes = buffer(source.length, 4);
        bytes.asFloatBuffer().put(source);
        memory.copyIn(address, bytes.array(), 0, bytes.capacity());
    }

    /**
     * Copies a host float array to where a tainted pointer points.
     *
     * @param destination the first element
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is null or not inside memory
     */
    public static void write(TaintedPointer<Float> destination, float[] source) {
        write(memoryOf(destination), addressOf(destination, source.length), source);
    }

    /**
     * Copies {@code count} float values out of sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the first element's sandbox address
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the range is not inside memory
     */
    public static Tainted<float[]> readFloats(SandboxMemory memory, long address, int count) {
        ByteBuffer bytes = copyOut(memory, address, count, 4);
        float[] copy = new float[count];
        bytes.asFloatBuffer().get(copy);
        return Tainted.of(copy);
    }

    /**
     * Copies {@code count} float values from where a tainted pointer points.
     *
     * @param source the first element
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the pointer is null or the range is not
     *     inside memory
     */
    public static Tainted<float[]> readFloats(TaintedPointer<Float> source, int count) {
        return readFloats(memoryOf(source), addressOf(source, count), count);
    }

    /**
     * Copies a host double array into sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the destination's sandbox address
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is not inside memory
     */
    public static void write(SandboxMemory memory, long address, double[] source) {
        ByteBuffer bytes = buffer(source.length, 8);
        bytes.asDoubleBuffer().put(source);
        memory.copyIn(address, bytes.array(), 0, bytes.capacity());
    }

    /**
     * Copies a host double array to where a tainted pointer points.
     *
     * @param destination the first element
     * @param source the values (all of them are copied)
     * @throws dev.airlock.taint.SandboxMemoryException if the destination is null or not inside memory
     */
    public static void write(TaintedPointer<Double> destination, double[] source) {
        write(memoryOf(destination), addressOf(destination, source.length), source);
    }

    /**
     * Copies {@code count} double values out of sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the first element's sandbox address
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the range is not inside memory
     */
    public static Tainted<double[]> readDoubles(SandboxMemory memory, long address, int count) {
        ByteBuffer bytes = copyOut(memory, address, count, 8);
        double[] copy = new double[count];
        bytes.asDoubleBuffer().get(copy);
        return Tainted.of(copy);
    }

    /**
     * Copies {@code count} double values from where a tainted pointer points.
     *
     * @param source the first element
     * @param count the number of elements
     * @return a fresh array, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the pointer is null or the range is not
     *     inside memory
     */
    public static Tainted<double[]> readDoubles(TaintedPointer<Double> source, int count) {
        return readDoubles(memoryOf(source), addressOf(source, count), count);
    }
}
