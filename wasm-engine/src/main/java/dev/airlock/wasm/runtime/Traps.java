package dev.airlock.wasm.runtime;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;

/**
 * Factories for the traps generated code raises. Generated code calls one of these and throws the
 * result ({@code invokestatic; athrow}), so the throw sites stay two instructions long and the
 * messages live here.
 */
public final class Traps {
    private Traps() {
    }

    /** {@code unreachable} was executed. */
    public static Trap unreachable() {
        return new Trap(TrapKind.UNREACHABLE);
    }

    /** A memory access, or a bulk memory operation, was out of bounds. */
    public static Trap outOfBoundsMemory() {
        return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
    }

    /** A memory access the JVM's own array bounds check caught (see MemoryAccessEmitter). */
    public static Trap outOfBoundsMemory(IndexOutOfBoundsException e) {
        return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
    }

    /** A table access was out of bounds. */
    public static Trap outOfBoundsTable() {
        return new Trap(TrapKind.OUT_OF_BOUNDS_TABLE);
    }

    /** {@code call_indirect} past the end of the table. */
    public static Trap undefinedElement() {
        return new Trap(TrapKind.UNDEFINED_ELEMENT);
    }

    /** {@code call_indirect} on a null entry. */
    public static Trap uninitializedElement() {
        return new Trap(TrapKind.UNINITIALIZED_ELEMENT);
    }

    /** {@code call_indirect} on a function of the wrong type. */
    public static Trap indirectCallTypeMismatch() {
        return new Trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
    }

    /** Integer division or remainder by zero. */
    public static Trap integerDivideByZero() {
        return new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }

    /** Signed division overflow, or a float-to-integer truncation out of range. */
    public static Trap integerOverflow() {
        return new Trap(TrapKind.INTEGER_OVERFLOW);
    }

    /** Truncation of NaN. */
    public static Trap invalidConversion() {
        return new Trap(TrapKind.INVALID_CONVERSION);
    }

    /** The call depth budget is spent. */
    public static Trap callStackExhausted() {
        return new Trap(TrapKind.CALL_STACK_EXHAUSTED);
    }

    /**
     * The instance was asked to stop. The request stays set until the trap leaves the outermost
     * call from the host (see {@code FunctionInstance.call}).
     */
    public static Trap interrupted() {
        return new Trap(TrapKind.INTERRUPTED);
    }
}
