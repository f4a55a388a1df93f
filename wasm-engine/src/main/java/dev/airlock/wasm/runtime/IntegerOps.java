package dev.airlock.wasm.runtime;

/**
 * Integer division and remainder with WebAssembly's traps (spec 4.3.2 "Integer Operations"):
 * division by zero traps where the JVM would throw {@link ArithmeticException}, and signed
 * {@code INT_MIN / -1} traps where the JVM wraps. {@code rem_s(INT_MIN, -1)} is 0 on both.
 * Called by generated code; small enough for the JIT to inline.
 */
public final class IntegerOps {
    private IntegerOps() {
    }

    /** {@code i32.div_s}. */
    public static int i32DivS(int a, int b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        if (b == -1 && a == Integer.MIN_VALUE) {
            throw Traps.integerOverflow();
        }
        return a / b;
    }

    /** {@code i32.div_u}. */
    public static int i32DivU(int a, int b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return Integer.divideUnsigned(a, b);
    }

    /** {@code i32.rem_s}. */
    public static int i32RemS(int a, int b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return a % b;
    }

    /** {@code i32.rem_u}. */
    public static int i32RemU(int a, int b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return Integer.remainderUnsigned(a, b);
    }

    /** {@code i64.div_s}. */
    public static long i64DivS(long a, long b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        if (b == -1 && a == Long.MIN_VALUE) {
            throw Traps.integerOverflow();
        }
        return a / b;
    }

    /** {@code i64.div_u}. */
    public static long i64DivU(long a, long b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return Long.divideUnsigned(a, b);
    }

    /** {@code i64.rem_s}. */
    public static long i64RemS(long a, long b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return a % b;
    }

    /** {@code i64.rem_u}. */
    public static long i64RemU(long a, long b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return Long.remainderUnsigned(a, b);
    }
}
