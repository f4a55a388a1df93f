package dev.airlock.sandbox;

import com.sun.jna.Pointer;
import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.SandboxMemoryException;

/**
 * The {@link SandboxMemory} of a native sandbox: the process's own memory, through JNA. Not
 * isolated: addresses are raw pointers, the size is unknown ({@link Long#MAX_VALUE}), and an
 * access to an unmapped address crashes the JVM as it would in C. What can be checked is: the
 * null page (addresses below 4096 are refused, as a C dereference of such a pointer would fault),
 * negative addresses and lengths, and wrap-around. After the sandbox is closed every access
 * throws {@link SandboxClosedException} (the library may have been unloaded).
 */
final class NativeMemory implements SandboxMemory {
    /** Addresses below this are the null page: refused instead of faulting. */
    private static final long NULL_PAGE = 4096;
    /** The base for JNA's accessors: address 0, so that offsets are addresses. */
    private static final Pointer BASE = new Pointer(0L);

    private final Object owner;
    private final String name;
    private volatile boolean closed;

    NativeMemory(Object owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    /** Refuses further accesses (the sandbox closed). */
    void release() {
        closed = true;
    }

    private void check(long address, long length) {
        if (closed) {
            throw new SandboxClosedException(name, "access its memory");
        }
        if (length < 0 || address < NULL_PAGE || address > Long.MAX_VALUE - length) {
            throw new SandboxMemoryException("native range refused: address 0x" + Long.toHexString(address) + ", length "
                    + length + (address >= 0 && address < NULL_PAGE ? " (the null page)" : ""));
        }
    }

    @Override
    public Object owner() {
        return owner;
    }

    @Override
    public int pointerSize() {
        return 8;
    }

    @Override
    public boolean isIsolated() {
        return false;
    }

    @Override
    public long size() {
        return Long.MAX_VALUE;
    }

    @Override
    public void checkRange(long address, long length) {
        check(address, length);
    }

    @Override
    public byte getByte(long address) {
        check(address, 1);
        return BASE.getByte(address);
    }

    @Override
    public short getShort(long address) {
        check(address, 2);
        return BASE.getShort(address);
    }

    @Override
    public int getInt(long address) {
        check(address, 4);
        return BASE.getInt(address);
    }

    @Override
    public long getLong(long address) {
        check(address, 8);
        return BASE.getLong(address);
    }

    @Override
    public float getFloat(long address) {
        check(address, 4);
        return BASE.getFloat(address);
    }

    @Override
    public double getDouble(long address) {
        check(address, 8);
        return BASE.getDouble(address);
    }

    @Override
    public long getPointer(long address) {
        return getLong(address);
    }

    @Override
    public void putByte(long address, byte value) {
        check(address, 1);
        BASE.setByte(address, value);
    }

    @Override
    public void putShort(long address, short value) {
        check(address, 2);
        BASE.setShort(address, value);
    }

    @Override
    public void putInt(long address, int value) {
        check(address, 4);
        BASE.setInt(address, value);
    }

    @Override
    public void putLong(long address, long value) {
        check(address, 8);
        BASE.setLong(address, value);
    }

    @Override
    public void putFloat(long address, float value) {
        check(address, 4);
        BASE.setFloat(address, value);
    }

    @Override
    public void putDouble(long address, double value) {
        check(address, 8);
        BASE.setDouble(address, value);
    }

    @Override
    public void putPointer(long address, long value) {
        putLong(address, value);
    }

    @Override
    public void copyOut(long address, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        check(address, len);
        BASE.read(address, dst, off, len);
    }

    @Override
    public void copyIn(long address, byte[] src, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, src.length);
        check(address, len);
        BASE.write(address, src, off, len);
    }

    @Override
    public void fill(long address, long length, byte value) {
        check(address, length);
        BASE.setMemory(address, length, value);
    }

    @Override
    public void copyWithin(long dst, long src, long length) {
        check(src, length);
        check(dst, length);
        if (length > Integer.MAX_VALUE) {
            throw new SandboxMemoryException("copy of " + length + " bytes is too large for one host buffer");
        }
        byte[] buffer = new byte[(int) length];
        BASE.read(src, buffer, 0, buffer.length);
        BASE.write(dst, buffer, 0, buffer.length);
    }

    @Override
    public String toString() {
        return "native memory of sandbox " + name + " (not isolated)";
    }
}
