package dev.airlock.taint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The reference {@link SandboxMemory}: a {@code byte[]} standing for a sandbox's linear memory. It is
 * meant for tests and for examples (of this module and of code built on it), not for running
 * libraries; the sandbox API provides the Wasm and native memories.
 *
 * <p>It behaves like a Wasm memory: addresses are offsets into the array, every access is checked,
 * it is isolated, and it can {@link #grow}. The pointer size is chosen at construction so that the
 * 8-byte pointer layout of the native backend can be tested too. Each instance is its own owner.
 * Not thread-safe.
 */
public final class HeapSandboxMemory implements SandboxMemory {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final int pointerSize;
    private final String name;
    private byte[] bytes;

    /**
     * Creates a zeroed memory with 4-byte pointers, like a wasm32 sandbox.
     *
     * @param size the size in bytes
     */
    public HeapSandboxMemory(int size) {
        this(size, 4);
    }

    /**
     * Creates a zeroed memory.
     *
     * @param size the size in bytes
     * @param pointerSize 4 (wasm32) or 8 (LP64)
     */
    public HeapSandboxMemory(int size, int pointerSize) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size must be 4 or 8: " + pointerSize);
        }
        this.bytes = new byte[size];
        this.pointerSize = pointerSize;
        this.name = "heap-" + Integer.toHexString(System.identityHashCode(this));
    }

    /**
     * Grows the memory, keeping its contents, like Wasm's {@code memory.grow}.
     *
     * @param extraBytes how many zeroed bytes to add at the end
     */
    public void grow(int extraBytes) {
        if (extraBytes < 0) {
            throw new IllegalArgumentException("memory cannot shrink: " + extraBytes);
        }
        bytes = Arrays.copyOf(bytes, Math.addExact(bytes.length, extraBytes));
    }

    /**
     * This memory itself.
     *
     * @return this
     */
    @Override
    public Object owner() {
        return this;
    }

    @Override
    public int pointerSize() {
        return pointerSize;
    }

    /**
     * Always true: nothing outside the array is reachable.
     *
     * @return true
     */
    @Override
    public boolean isIsolated() {
        return true;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public void checkRange(long address, long length) {
        if (length < 0 || address < 0 || address > bytes.length - length) {
            throw SandboxMemoryException.outOfRange(address, length, bytes.length);
        }
    }

    private int at(long address, int length) {
        checkRange(address, length);
        return (int) address;
    }

    @Override
    public byte getByte(long address) {
        return bytes[at(address, 1)];
    }

    @Override
    public short getShort(long address) {
        return (short) SHORT.get(bytes, at(address, 2));
    }

    @Override
    public int getInt(long address) {
        return (int) INT.get(bytes, at(address, 4));
    }

    @Override
    public long getLong(long address) {
        return (long) LONG.get(bytes, at(address, 8));
    }

    @Override
    public float getFloat(long address) {
        return (float) FLOAT.get(bytes, at(address, 4));
    }

    @Override
    public double getDouble(long address) {
        return (double) DOUBLE.get(bytes, at(address, 8));
    }

    @Override
    public long getPointer(long address) {
        return pointerSize == 4 ? Integer.toUnsignedLong(getInt(address)) : getLong(address);
    }

    @Override
    public void putByte(long address, byte value) {
        bytes[at(address, 1)] = value;
    }

    @Override
    public void putShort(long address, short value) {
        SHORT.set(bytes, at(address, 2), value);
    }

    @Override
    public void putInt(long address, int value) {
        INT.set(bytes, at(address, 4), value);
    }

    @Override
    public void putLong(long address, long value) {
        LONG.set(bytes, at(address, 8), value);
    }

    @Override
    public void putFloat(long address, float value) {
        FLOAT.set(bytes, at(address, 4), value);
    }

    @Override
    public void putDouble(long address, double value) {
        DOUBLE.set(bytes, at(address, 8), value);
    }

    @Override
    public void putPointer(long address, long value) {
        if (pointerSize == 4) {
            if ((value >>> 32) != 0) {
                throw new SandboxMemoryException("pointer does not fit in 32 bits: 0x" + Long.toHexString(value));
            }
            putInt(address, (int) value);
        } else {
            putLong(address, value);
        }
    }

    @Override
    public void copyOut(long address, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        System.arraycopy(bytes, at(address, len), dst, off, len);
    }

    @Override
    public void copyIn(long address, byte[] src, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, src.length);
        System.arraycopy(src, off, bytes, at(address, len), len);
    }

    @Override
    public void fill(long address, long length, byte value) {
        checkRange(address, length);
        Arrays.fill(bytes, (int) address, (int) (address + length), value);
    }

    @Override
    public void copyWithin(long dst, long src, long length) {
        checkRange(dst, length);
        checkRange(src, length);
        System.arraycopy(bytes, (int) src, bytes, (int) dst, (int) length);
    }

    /**
     * Names the memory (not its contents).
     *
     * @return for example {@code "heap-1b6d3586"}
     */
    @Override
    public String toString() {
        return name;
    }
}
