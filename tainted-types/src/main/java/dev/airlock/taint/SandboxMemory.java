package dev.airlock.taint;

/**
 * A view of one sandbox's memory. Addresses are sandbox addresses: an unsigned 32-bit offset into
 * the linear memory for a Wasm sandbox, a raw process address for the native (not isolated) backend.
 *
 * <p>All multi-byte accesses are little-endian (Wasm is; so is x86-64). Every method checks its
 * range first and throws {@link SandboxMemoryException} when it does not fit; nothing here returns
 * partial data. The memory can change at any moment while the sandbox runs (or, for a shared
 * memory, concurrently), which is why host code reads it through {@link TaintedPointer} and
 * {@link TaintedVolatile}, whose reads are copies, rather than directly.
 *
 * <p>The Wasm and native implementations live in the sandbox API; {@link HeapSandboxMemory} is the
 * reference implementation over a {@code byte[]} used by tests.
 */
public interface SandboxMemory {
    /**
     * The identity of the sandbox that owns this memory. Two views of the same sandbox return the
     * same object; pointers are checked against it so that a pointer from one sandbox cannot be
     * used with another.
     *
     * @return the owner, compared by identity
     */
    Object owner();

    /**
     * The size of a pointer in the sandboxed library's ABI.
     *
     * @return 4 for wasm32, 8 for the native LP64 backend
     */
    int pointerSize();

    /**
     * Whether the library is confined to this memory. A Wasm sandbox is; the native backend is not
     * (it runs the library in the host process, like RLBox's noop sandbox).
     *
     * @return true if accesses outside {@link #size()} are impossible for the library
     */
    boolean isIsolated();

    /**
     * The number of addressable bytes now. A Wasm memory can grow between calls, never shrink. The
     * native backend reports {@link Long#MAX_VALUE}: it cannot know which addresses are mapped.
     *
     * @return the current size in bytes
     */
    long size();

    /**
     * Checks that {@code [address, address + length)} lies inside the memory.
     *
     * @param address the first sandbox address
     * @param length the number of bytes, non-negative
     * @throws SandboxMemoryException naming address, length and size if it does not
     */
    void checkRange(long address, long length);

    /**
     * Reads a byte.
     *
     * @param address the sandbox address
     * @return the byte
     */
    byte getByte(long address);

    /**
     * Reads a little-endian 16-bit value.
     *
     * @param address the sandbox address
     * @return the value
     */
    short getShort(long address);

    /**
     * Reads a little-endian 32-bit value.
     *
     * @param address the sandbox address
     * @return the value
     */
    int getInt(long address);

    /**
     * Reads a little-endian 64-bit value.
     *
     * @param address the sandbox address
     * @return the value
     */
    long getLong(long address);

    /**
     * Reads a little-endian IEEE 754 single.
     *
     * @param address the sandbox address
     * @return the value
     */
    float getFloat(long address);

    /**
     * Reads a little-endian IEEE 754 double.
     *
     * @param address the sandbox address
     * @return the value
     */
    double getDouble(long address);

    /**
     * Reads a pointer of {@link #pointerSize()} bytes, zero-extended to a long.
     *
     * @param address the sandbox address of the pointer
     * @return the sandbox address stored there
     */
    long getPointer(long address);

    /**
     * Writes a byte.
     *
     * @param address the sandbox address
     * @param value the byte
     */
    void putByte(long address, byte value);

    /**
     * Writes a little-endian 16-bit value.
     *
     * @param address the sandbox address
     * @param value the value
     */
    void putShort(long address, short value);

    /**
     * Writes a little-endian 32-bit value.
     *
     * @param address the sandbox address
     * @param value the value
     */
    void putInt(long address, int value);

    /**
     * Writes a little-endian 64-bit value.
     *
     * @param address the sandbox address
     * @param value the value
     */
    void putLong(long address, long value);

    /**
     * Writes a little-endian IEEE 754 single.
     *
     * @param address the sandbox address
     * @param value the value
     */
    void putFloat(long address, float value);

    /**
     * Writes a little-endian IEEE 754 double.
     *
     * @param address the sandbox address
     * @param value the value
     */
    void putDouble(long address, double value);

    /**
     * Writes a pointer of {@link #pointerSize()} bytes.
     *
     * @param address the sandbox address to write at
     * @param value the sandbox address to store; for 4-byte pointers it must fit in 32 unsigned bits
     */
    void putPointer(long address, long value);

    /**
     * Copies bytes out of the sandbox into a host array.
     *
     * @param address the first sandbox address
     * @param dst the host array
     * @param off the first index in {@code dst}
     * @param len the number of bytes
     */
    void copyOut(long address, byte[] dst, int off, int len);

    /**
     * Copies bytes from a host array into the sandbox.
     *
     * @param address the first sandbox address
     * @param src the host array
     * @param off the first index in {@code src}
     * @param len the number of bytes
     */
    void copyIn(long address, byte[] src, int off, int len);

    /**
     * Sets {@code length} bytes to {@code value} (C's {@code memset}).
     *
     * @param address the first sandbox address
     * @param length the number of bytes
     * @param value the byte to store
     */
    void fill(long address, long length, byte value);

    /**
     * Copies {@code length} bytes inside the sandbox; the ranges may overlap (C's {@code memmove}).
     *
     * @param dst the destination sandbox address
     * @param src the source sandbox address
     * @param length the number of bytes
     */
    void copyWithin(long dst, long src, long length);
}
