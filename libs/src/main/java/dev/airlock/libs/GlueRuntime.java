package dev.airlock.libs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a binding runs a library's glue: a Wasm instance (the sandbox) or the native shared
 * library (the reference). The bindings are written once against this class, so that the two
 * builds run through exactly the same host code.
 *
 * <p>Addresses are {@code long}s (0 is null): offsets in the instance's linear memory, or native
 * pointers. Call arguments are {@code Integer}, {@code Float}, or {@code Long} for an address.
 * Not thread-safe: a binding, like an instance, serves one thread at a time.
 */
abstract class GlueRuntime implements AutoCloseable {
    /** Allocates {@code size} bytes with the library's malloc; 0 if it failed. */
    abstract long malloc(long size);

    /**
     * Releases {@code address} with the library's free. Does nothing after a trap discarded the
     * instance (the address belonged to the discarded memory).
     */
    abstract void free(long address);

    /**
     * Calls {@code function(address)} to release a result, like {@link #free}: not after a trap
     * discarded the instance.
     */
    abstract void release(String function, long address);

    abstract void write(long address, byte[] src, int offset, int length);

    /** Copies {@code length} bytes at {@code address}; a range outside the memory is a {@link SandboxException}. */
    abstract byte[] read(long address, int length);

    abstract int readInt(long address);

    /** The pointer stored at {@code address} (4 bytes in Wasm, 8 natively). */
    abstract long readPointer(long address);

    /** The NUL-terminated string at {@code address}, at most {@code maxBytes} bytes of it. */
    abstract String readCString(long address, int maxBytes);

    abstract int callInt(String function, Object... args);

    abstract long callPointer(String function, Object... args);

    abstract float callFloat(String function, Object... args);

    abstract void callVoid(String function, Object... args);

    /**
     * Counts resets of the library's state: an object that lives in the library's memory (a font)
     * is valid only while this has not changed since it was made.
     */
    abstract int generation();

    /** What the runtime is, for messages: e.g. {@code "wasm stb_image.wasm"}. */
    abstract String describe();

    @Override
    public abstract void close();

    void write(long address, byte[] src) {
        write(address, src, 0, src.length);
    }

    /** Allocates {@code size} bytes or throws. */
    long allocate(long size) {
        long p = malloc(size);
        if (p == 0) {
            throw new SandboxException("the library could not allocate " + size + " bytes (" + describe() + ")");
        }
        return p;
    }

    short[] readShorts(long address, int count) {
        byte[] bytes = read(address, Math.multiplyExact(count, 2));
        short[] values = new short[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(values);
        return values;
    }

    int[] readInts(long address, int count) {
        byte[] bytes = read(address, Math.multiplyExact(count, 4));
        int[] values = new int[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
        return values;
    }

    float[] readFloats(long address, int count) {
        byte[] bytes = read(address, Math.multiplyExact(count, 4));
        float[] values = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
