package dev.airlock.sandbox;

import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.SandboxMemoryException;
import dev.airlock.wasm.runtime.Memory;

/**
 * The {@link SandboxMemory} of a Wasm sandbox: its instance's linear memory. Addresses are
 * unsigned 32-bit offsets; every access is checked against the memory's current size (it may
 * have grown since the last access, never shrunk) and refused with
 * {@link SandboxMemoryException} outside it. After the sandbox is closed every access throws
 * {@link SandboxClosedException}, and the memory is left to the garbage collector.
 */
final class WasmMemory implements SandboxMemory {
    /** The owning sandbox (pointer provenance). */
    private final Object owner;
    /** The sandbox's name, for messages. */
    private final String name;
    /** The linear memory; null once the sandbox is closed. */
    private volatile Memory memory;

    WasmMemory(Object owner, String name, Memory memory) {
        this.owner = owner;
        this.name = name;
        this.memory = memory;
    }

    /** Drops the memory (the sandbox closed). */
    void release() {
        memory = null;
    }

    /** The memory, if the sandbox is open and the range fits. */
    private Memory checked(long address, long length) {
        Memory m = memory;
        if (m == null) {
            throw new SandboxClosedException(name, "access its memory");
        }
        long size = m.byteSize();
        if (address < 0 || length < 0 || address > size - length) {
            throw SandboxMemoryException.outOfRange(address, length, size);
        }
        return m;
    }

    @Override
    public Object owner() {
        return owner;
    }

    @Override
    public int pointerSize() {
        return 4;
    }

    @Override
    public boolean isIsolated() {
        return true;
    }

    @Override
    public long size() {
        Memory m = memory;
        if (m == null) {
            throw new SandboxClosedException(name, "access its memory");
        }
        return m.byteSize();
    }

    @Override
    public void checkRange(long address, long length) {
        checked(address, length);
    }

    @Override
    public byte getByte(long address) {
        return checked(address, 1).readByte(address);
    }

    @Override
    public short getShort(long address) {
        Memory m = checked(address, 2);
        return (short) ((m.readByte(address) & 0xFF) | (m.readByte(address + 1) << 8));
    }

    @Override
    public int getInt(long address) {
        return checked(address, 4).readInt(address);
    }

    @Override
    public long getLong(long address) {
        return checked(address, 8).readLong(address);
    }

    @Override
    public float getFloat(long address) {
        return checked(address, 4).readFloat(address);
    }

    @Override
    public double getDouble(long address) {
        return checked(address, 8).readDouble(address);
    }

    @Override
    public long getPointer(long address) {
        return Integer.toUnsignedLong(getInt(address));
    }

    @Override
    public void putByte(long address, byte value) {
        checked(address, 1).writeByte(address, value);
    }

    @Override
    public void putShort(long address, short value) {
        Memory m = checked(address, 2);
        m.writeByte(address, (byte) value);
        m.writeByte(address + 1, (byte) (value >> 8));
    }

    @Override
    public void putInt(long address, int value) {
        checked(address, 4).writeInt(address, value);
    }

    @Override
    public void putLong(long address, long value) {
        checked(address, 8).writeLong(address, value);
    }

    @Override
    public void putFloat(long address, float value) {
        putInt(address, Float.floatToRawIntBits(value));
    }

    @Override
    public void putDouble(long address, double value) {
        putLong(address, Double.doubleToRawLongBits(value));
    }

    @Override
    public void putPointer(long address, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new SandboxMemoryException("not a wasm32 pointer: 0x" + Long.toHexString(value));
        }
        putInt(address, (int) value);
    }

    @Override
    public void copyOut(long address, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        checked(address, len).read(address, dst, off, len);
    }

    @Override
    public void copyIn(long address, byte[] src, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, src.length);
        checked(address, len).write(address, src, off, len);
    }

    @Override
    public void fill(long address, long length, byte value) {
        checked(address, length).fill(address, (int) length, value);
    }

    @Override
    public void copyWithin(long dst, long src, long length) {
        Memory m = checked(src, length);
        checked(dst, length);
        // Through a copy: the public Memory API has no memmove, and the copy makes overlap harmless.
        m.write(dst, m.read(src, (int) length));
    }

    @Override
    public String toString() {
        return "memory of sandbox " + name;
    }
}
