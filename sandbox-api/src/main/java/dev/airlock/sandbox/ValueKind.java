package dev.airlock.sandbox;

import dev.airlock.taint.TaintedBoolean;
import dev.airlock.taint.TaintedByte;
import dev.airlock.taint.TaintedChar;
import dev.airlock.taint.TaintedDouble;
import dev.airlock.taint.TaintedFloat;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedLong;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.TaintedShort;
import dev.airlock.wasm.ValType;

/**
 * The kinds of values that cross the sandbox boundary, with their three representations: the
 * host's plain Java type (arguments of bound methods, results of callbacks), the tainted type
 * (results of bound methods, arguments of callbacks), and the raw JVM type the backend passes
 * (which depends on the pointer size: pointers and {@code size_t} are 32-bit in wasm32).
 */
enum ValueKind {
    /** C {@code int} (and other 32-bit integers). */
    INT(int.class, TaintedInt.class),
    /** C {@code bool}/{@code _Bool}: passed as an int, read back from the low byte. */
    BOOLEAN(boolean.class, TaintedBoolean.class),
    /** C {@code signed char}/{@code int8_t}: passed widened to int. */
    BYTE(byte.class, TaintedByte.class),
    /** C {@code short}/{@code int16_t}: passed widened to int. */
    SHORT(short.class, TaintedShort.class),
    /** C {@code uint16_t}: passed zero-extended to int. */
    CHAR(char.class, TaintedChar.class),
    /** C {@code int64_t}/{@code long long}. */
    LONG(long.class, TaintedLong.class),
    /** C {@code size_t}/{@code uintptr_t} (a {@code long} marked {@link SizeT}): pointer-sized, unsigned. */
    SIZE(long.class, TaintedLong.class),
    /** C {@code float}. */
    FLOAT(float.class, TaintedFloat.class),
    /** C {@code double}. */
    DOUBLE(double.class, TaintedDouble.class),
    /** A pointer into the sandbox's memory. */
    POINTER(TaintedPointer.class, TaintedPointer.class),
    /** A function pointer: a registered {@link Callback} (arguments of bound methods only). */
    CALLBACK(Callback.class, null),
    /** No value (results only). */
    VOID(void.class, void.class);

    /** The host's Java type. */
    final Class<?> plain;
    /** The tainted type, or null if the kind never comes from the sandbox. */
    final Class<?> tainted;

    ValueKind(Class<?> plain, Class<?> tainted) {
        this.plain = plain;
        this.tainted = tainted;
    }

    /** Whether values of this kind are as wide as a pointer. */
    boolean isPointerSized() {
        return this == SIZE || this == POINTER || this == CALLBACK;
    }

    /** The raw JVM type the backend passes for this kind when pointers are {@code pointerSize} bytes. */
    Class<?> raw(int pointerSize) {
        switch (this) {
            case LONG: return long.class;
            case FLOAT: return float.class;
            case DOUBLE: return double.class;
            case VOID: return void.class;
            case SIZE:
            case POINTER:
            case CALLBACK:
                return pointerSize == 4 ? int.class : long.class;
            default: return int.class;
        }
    }

    /** The Wasm value type of this kind in wasm32; null for {@link #VOID}. */
    ValType wasmType() {
        Class<?> raw = raw(4);
        if (raw == long.class) {
            return ValType.I64;
        } else if (raw == float.class) {
            return ValType.F32;
        } else if (raw == double.class) {
            return ValType.F64;
        } else if (raw == int.class) {
            return ValType.I32;
        }
        return null;
    }
}
