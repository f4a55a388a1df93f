package dev.airlock.sandbox;

import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.TaintedPointer;

/**
 * Conversions of host values to the raw form a backend passes, called by generated code before
 * it enters the sandbox (so that a refused argument leaves the sandbox untouched). Small and
 * static, to be inlined.
 */
final class Args {
    /** Why a pointer argument's raw address may be used: it goes back to the sandbox it came from. */
    private static final String PASSED_BACK = "passed back as an argument to the sandbox the pointer belongs to";

    private Args() {
    }

    /** A {@code size_t} for wasm32: 0 .. 2^32 - 1. */
    static int size32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("size_t argument out of range for wasm32: " + value);
        }
        return (int) value;
    }

    /** A {@code size_t} for LP64: not negative (Java has no unsigned long to pass above 2^63). */
    static long size64(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("size_t argument out of range: " + value);
        }
        return value;
    }

    /**
     * A pointer for wasm32: its address if it points into {@code memory}'s sandbox; 0 for a Java
     * null (C's NULL).
     *
     * @throws dev.airlock.taint.ForeignPointerException if it points into another sandbox
     */
    static int pointer32(TaintedPointer<?> pointer, SandboxMemory memory) {
        return pointer == null ? 0 : (int) pointer.unverifiedAddressBecause(memory, PASSED_BACK);
    }

    /** A pointer for LP64; see {@link #pointer32}. */
    static long pointer64(TaintedPointer<?> pointer, SandboxMemory memory) {
        return pointer == null ? 0 : pointer.unverifiedAddressBecause(memory, PASSED_BACK);
    }

    /**
     * A function pointer for wasm32: the callback's table index; 0 for a Java null.
     *
     * @throws CallbackException if the callback belongs to another sandbox or was unregistered
     */
    static int callback32(Callback<?> callback, CallbackRegistry registry) {
        return callback == null ? 0 : (int) checked(callback, registry);
    }

    /** A function pointer for LP64; see {@link #callback32}. */
    static long callback64(Callback<?> callback, CallbackRegistry registry) {
        return callback == null ? 0 : checked(callback, registry);
    }

    private static long checked(Callback<?> callback, CallbackRegistry registry) {
        registry.check(callback);
        return callback.slot.pointer;
    }
}
