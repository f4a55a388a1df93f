package dev.airlock.wasm.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian views of {@code byte[]} used for linear-memory loads and stores, by generated code
 * and by the host accessors of {@link Memory}. Each access checks the index against the array's
 * length and throws {@link IndexOutOfBoundsException} when the access would not fit; static final
 * VarHandles are constants to the JIT, which compiles each access to that check and one unaligned
 * machine load or store.
 *
 * <p>Generated code calls the static methods ({@code getI32(index, memory)}, ...) rather than the
 * VarHandles themselves: {@code iload; aload; invokestatic} is 4 bytes of bytecode where
 * {@code getstatic} of the handle and {@code invokevirtual VarHandle.get} with the shuffling they
 * need are 10. Smaller Wasm functions stay under HotSpot's inlining thresholds (a callee of at most
 * 325 bytes is inlined at a hot call site) and large ones need fewer splits. The methods are
 * trivially inlined, so the machine code is the same. Their parameter order, index first, is the
 * order in which the generated code has the operands.
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

    // Loads: (index, memory) -> value.

    public static short getI16(int index, byte[] memory) {
        return (short) I16.get(memory, index);
    }

    public static int getI32(int index, byte[] memory) {
        return (int) I32.get(memory, index);
    }

    public static long getI64(int index, byte[] memory) {
        return (long) I64.get(memory, index);
    }

    public static float getF32(int index, byte[] memory) {
        return (float) F32.get(memory, index);
    }

    public static double getF64(int index, byte[] memory) {
        return (double) F64.get(memory, index);
    }

    // Stores: (index, memory, value) -> ().

    public static void setI16(int index, byte[] memory, short value) {
        I16.set(memory, index, value);
    }

    public static void setI32(int index, byte[] memory, int value) {
        I32.set(memory, index, value);
    }

    public static void setI64(int index, byte[] memory, long value) {
        I64.set(memory, index, value);
    }

    public static void setF32(int index, byte[] memory, float value) {
        F32.set(memory, index, value);
    }

    public static void setF64(int index, byte[] memory, double value) {
        F64.set(memory, index, value);
    }
}
