package dev.airlock.wasm.runtime;

/**
 * Conversions between floats and integers (spec 4.3.4 "Conversions") where the JVM's
 * instructions do not already match WebAssembly. The JVM's {@code f2i}/{@code d2l}/... saturate
 * and map NaN to 0, which is exactly the signed {@code trunc_sat}; everything else is here:
 * trapping truncations, unsigned truncations, and unsigned-to-float conversions (which must round
 * once, to nearest even).
 */
public final class Conversions {
    private static final float TWO_31_F = 2147483648f;
    private static final float TWO_32_F = 4294967296f;
    private static final float TWO_63_F = 9223372036854775808f;
    private static final float TWO_64_F = 18446744073709551616f;
    private static final double TWO_31_D = 2147483648d;
    private static final double TWO_32_D = 4294967296d;
    private static final double TWO_63_D = 9223372036854775808d;
    private static final double TWO_64_D = 18446744073709551616d;

    private Conversions() {
    }

    /** {@code i32.trunc_f32_s}. */
    public static int i32TruncF32S(float x) {
        if (x != x) {
            throw Traps.invalidConversion();
        }
        if (x >= TWO_31_F || x < -TWO_31_F) {
            throw Traps.integerOverflow();
        }
        return (int) x;
    }

    /** {@code i32.trunc_f32_u}. */
    public static int i32TruncF32U(float x) {
        if (x != x) {
            throw Traps.invalidConversion();
        }
        if (x >= TWO_32_F || x <= -1f) {
            throw Traps.integerOverflow();
        }
        return (int) (long) x;
    }

    /** {@code i32.trunc_f64_s}. */
    public static int i32TruncF64S(double x) {
        if (x != x) {
            throw Traps.invalidConversion();
        }
        if (x >= TWO_31_D || x <= -TWO_31_D - 1) {
            throw Traps.integerOverflow();
        }
        return (int) x;
    }

    /** {@code i32.trunc_f64_u}. */
    public static int i32TruncF64U(double x) {
        if (x != x) {
            throw Traps.invalidConversion();
        }
        if (x >= TWO_32_D || x <= -1d) {
            throw Traps.integerOverflow();
        }
        return (int) (long) x;
    }

    /** {@code i64.trunc_f32_s}. */
    public static long i64TruncF32S(float x) {
        if (x != x) {
            throw Traps.invalidConversion();
        }
        if (x >= TWO_63_F || x < -TWO_63_F) {
            throw Traps.integerOverflow();
        }
        return (long) x;
    }

    /** {@code i64.trunc_f32_u}. */
    public static long i64TruncF32U(float x) {
        if (x != x) {
            throw Traps.invalidConversion();
        }
        if (x >= TWO_64_F || x <= -1f) {
            throw Traps.integerOverflow();
        }
        return x < TWO_63_F ? (long) x : (long) (x - TWO_63_F) ^ Long.MIN_VALUE;
    }

    /** {@code i64.trunc_f64_s}. */
    public static long i64TruncF64S(double x) {
        if (x != x) {
            throw Traps.invalidConversion();
        }
        if (x >= TWO_63_D || x < -TWO_63_D) {
            throw Traps.integerOverflow();
        }
        return (long) x;
    }

    /** {@code i64.trunc_f64_u}. */
    public static long i64TruncF64U(double x) {
        if (x != x) {
            throw Traps.invalidConversion();
        }
        if (x >= TWO_64_D || x <= -1d) {
            throw Traps.integerOverflow();
        }
        return x < TWO_63_D ? (long) x : (long) (x - TWO_63_D) ^ Long.MIN_VALUE;
    }

    /** {@code i32.trunc_sat_f32_u}. */
    public static int i32TruncSatF32U(float x) {
        if (x != x || x <= 0f) {
            return 0;
        }
        return x >= TWO_32_F ? -1 : (int) (long) x;
    }

    /** {@code i32.trunc_sat_f64_u}. */
    public static int i32TruncSatF64U(double x) {
        if (x != x || x <= 0d) {
            return 0;
        }
        return x >= TWO_32_D ? -1 : (int) (long) x;
    }

    /** {@code i64.trunc_sat_f32_u}. */
    public static long i64TruncSatF32U(float x) {
        if (x != x || x <= 0f) {
            return 0;
        }
        if (x >= TWO_64_F) {
            return -1L;
        }
        return x < TWO_63_F ? (long) x : (long) (x - TWO_63_F) ^ Long.MIN_VALUE;
    }

    /** {@code i64.trunc_sat_f64_u}. */
    public static long i64TruncSatF64U(double x) {
        if (x != x || x <= 0d) {
            return 0;
        }
        if (x >= TWO_64_D) {
            return -1L;
        }
        return x < TWO_63_D ? (long) x : (long) (x - TWO_63_D) ^ Long.MIN_VALUE;
    }

    /**
     * {@code f32.convert_i64_u}. For values with the top bit set, halve with the lost bit kept as
     * a sticky bit, convert (one rounding), and double (exact).
     */
    public static float f32ConvertI64U(long x) {
        if (x >= 0) {
            return (float) x;
        }
        float half = (float) ((x >>> 1) | (x & 1));
        return half + half;
    }

    /** {@code f64.convert_i64_u}; same method as {@link #f32ConvertI64U}. */
    public static double f64ConvertI64U(long x) {
        if (x >= 0) {
            return (double) x;
        }
        double half = (double) ((x >>> 1) | (x & 1));
        return half + half;
    }
}
