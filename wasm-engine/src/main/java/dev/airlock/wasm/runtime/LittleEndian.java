package dev.airlock.wasm.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian views of {@code byte[]} used for linear-memory loads and stores, by generated code
 * (through {@code getstatic}; static final VarHandles are constants to the JIT, which compiles
 * each access to one unaligned machine load or store) and by the host accessors of
 * {@link Memory}. Each access checks the index against the array's length and throws
 * {@link ArrayIndexOutOfBoundsException} when the access would not fit.
 */
public final class LittleEndian {
    /** {@code short} view: 16-bit accesses. */
    public static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    /** {@code int} view: 32-bit integer accesses. */
    public static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** {@code long} view: 64-bit integer accesses. */
    public static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** {@code float} view; bit patterns, NaN payloads included, are kept unchanged. */
    public static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    /** {@code double} view; bit patterns, NaN payloads included, are kept unchanged. */
    public static final VarHandle F64 = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }
}
