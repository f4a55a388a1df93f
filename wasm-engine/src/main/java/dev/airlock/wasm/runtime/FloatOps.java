package dev.airlock.wasm.runtime;

/**
 * The float operators whose WebAssembly semantics differ from {@link Math} (spec 4.3.3
 * "Floating-Point Operations"). Two rules shape this class:
 *
 * <ul>
 *   <li>A NaN result must be a quiet ("arithmetic") NaN. {@code Math.min}, {@code Math.rint},
 *       {@code Math.ceil} and friends may return a signalling NaN operand unchanged (and whether
 *       they do differs between the interpreter and JIT-compiled code), so NaN operands are
 *       returned as {@code x + x}, which the hardware quiets.</li>
 *   <li>{@code min}/{@code max} order {@code -0.0} below {@code +0.0}.</li>
 * </ul>
 *
 * <p>{@code abs}, {@code neg} and {@code copysign} are pure bit operations and are emitted inline
 * by the compiler; they are not here.
 */
public final class FloatOps {
    private FloatOps() {
    }

    /** {@code f32.min}. */
    public static float f32Min(float a, float b) {
        if (a != a || b != b) {
            return a + b;
        }
        if (a == b) {
            // Equal but possibly zeros of different signs: min(-0, +0) = -0.
            return Float.intBitsToFloat(Float.floatToRawIntBits(a) | Float.floatToRawIntBits(b));
        }
        return a < b ? a : b;
    }

    /** {@code f32.max}. */
    public static float f32Max(float a, float b) {
        if (a != a || b != b) {
            return a + b;
        }
        if (a == b) {
            return Float.intBitsToFloat(Float.floatToRawIntBits(a) & Float.floatToRawIntBits(b));
        }
        return a > b ? a : b;
    }

    /** {@code f64.min}. */
    public static double f64Min(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        if (a == b) {
            return Double.longBitsToDouble(Double.doubleToRawLongBits(a) | Double.doubleToRawLongBits(b));
        }
        return a < b ? a : b;
    }

    /** {@code f64.max}. */
    public static double f64Max(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        if (a == b) {
            return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Double.doubleToRawLongBits(b));
        }
        return a > b ? a : b;
    }

    /**
     * {@code f32.ceil}. Computed in double: the float converts exactly, and the integral result
     * of a float operand is representable as a float, so no double rounding occurs.
     */
    public static float f32Ceil(float a) {
        return a != a ? a + a : (float) Math.ceil(a);
    }

    /** {@code f32.floor}. */
    public static float f32Floor(float a) {
        return a != a ? a + a : (float) Math.floor(a);
    }

    /** {@code f32.trunc}: rounds toward zero, keeping the sign of zero. */
    public static float f32Trunc(float a) {
        if (a != a) {
            return a + a;
        }
        return (float) (a < 0 ? Math.ceil(a) : Math.floor(a));
    }

    /** {@code f32.nearest}: ties to even, keeping the sign of zero. */
    public static float f32Nearest(float a) {
        return a != a ? a + a : (float) Math.rint(a);
    }

    /**
     * {@code f32.sqrt}. Rounding the double square root to float is exact: double has more than
     * twice float's precision plus two bits, so double rounding cannot occur.
     */
    public static float f32Sqrt(float a) {
        return (float) Math.sqrt(a);
    }

    /** {@code f64.ceil}. */
    public static double f64Ceil(double a) {
        return a != a ? a + a : Math.ceil(a);
    }

    /** {@code f64.floor}. */
    public static double f64Floor(double a) {
        return a != a ? a + a : Math.floor(a);
    }

    /** {@code f64.trunc}. */
    public static double f64Trunc(double a) {
        if (a != a) {
            return a + a;
        }
        return a < 0 ? Math.ceil(a) : Math.floor(a);
    }

    /** {@code f64.nearest}. */
    public static double f64Nearest(double a) {
        return a != a ? a + a : Math.rint(a);
    }
}
