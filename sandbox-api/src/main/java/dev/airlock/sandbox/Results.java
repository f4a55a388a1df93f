package dev.airlock.sandbox;

import dev.airlock.taint.Pointee;
import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.TaintedBoolean;
import dev.airlock.taint.TaintedByte;
import dev.airlock.taint.TaintedChar;
import dev.airlock.taint.TaintedDouble;
import dev.airlock.taint.TaintedFloat;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedLong;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.TaintedShort;

/**
 * Taints the raw values a sandbox hands back: results of bound functions and arguments of
 * callbacks. Called by generated code; small and static, to be inlined (and the wrapper objects
 * then often eliminated by escape analysis).
 */
final class Results {
    private Results() {
    }

    /** The name of the method here that taints a value of {@code kind} (pointers and sizes excepted). */
    static String methodName(ValueKind kind) {
        switch (kind) {
            case INT: return "int32";
            case BOOLEAN: return "bool";
            case BYTE: return "int8";
            case SHORT: return "int16";
            case CHAR: return "uint16";
            case LONG: return "int64";
            case FLOAT: return "float32";
            case DOUBLE: return "float64";
            default: throw new IllegalArgumentException("no plain conversion for " + kind);
        }
    }

    static TaintedInt int32(int raw) {
        return TaintedInt.of(raw);
    }

    /** C's {@code bool} is one byte: the upper bits of the register are unspecified (natively). */
    static TaintedBoolean bool(int raw) {
        return TaintedBoolean.of((raw & 0xFF) != 0);
    }

    static TaintedByte int8(int raw) {
        return TaintedByte.of((byte) raw);
    }

    static TaintedShort int16(int raw) {
        return TaintedShort.of((short) raw);
    }

    static TaintedChar uint16(int raw) {
        return TaintedChar.of((char) raw);
    }

    static TaintedLong int64(long raw) {
        return TaintedLong.of(raw);
    }

    static TaintedFloat float32(float raw) {
        return TaintedFloat.of(raw);
    }

    static TaintedDouble float64(double raw) {
        return TaintedDouble.of(raw);
    }

    /** A wasm32 {@code size_t}: unsigned. */
    static TaintedLong size32(int raw) {
        return TaintedLong.of(Integer.toUnsignedLong(raw));
    }

    static TaintedLong size64(long raw) {
        return TaintedLong.of(raw);
    }

    /** A wasm32 pointer: an unsigned offset into {@code memory}. */
    static <T> TaintedPointer<T> pointer32(int raw, SandboxMemory memory, Pointee<T> type) {
        return TaintedPointer.of(memory, Integer.toUnsignedLong(raw), type);
    }

    static <T> TaintedPointer<T> pointer64(long raw, SandboxMemory memory, Pointee<T> type) {
        return TaintedPointer.of(memory, raw, type);
    }
}
