package dev.airlock.cli;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.script.ExternRef;
import dev.airlock.wasm.runtime.FunctionInstance;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The command line's syntax for WebAssembly values, {@code TYPE:VALUE}, used for the arguments
 * and results of {@code airlock run} and for what stub imports print.
 *
 * <p>Printed ({@link #format}):
 * <ul>
 *   <li>{@code i32:DEC}, {@code i64:DEC}: signed decimal, e.g. {@code i32:-1};</li>
 *   <li>{@code f32:0xBITS}, {@code f64:0xBITS}: the raw IEEE 754 bits in exactly 8 / 16 lower-case
 *       hex digits, so that every NaN payload and the sign of zero are visible, e.g.
 *       {@code f32:0x3fc00000} for 1.5;</li>
 *   <li>{@code ref.null} (a null funcref or externref), {@code ref.func} (a non-null funcref),
 *       {@code ref.extern:N} (the host reference numbered N).</li>
 * </ul>
 *
 * <p>Parsed ({@link #parse}) — everything printed, and more:
 * <ul>
 *   <li>integers: signed or unsigned decimal ({@code i32:-1} and {@code i32:4294967295} are the
 *       same value), or {@code 0x} followed by at most 8 / 16 significant hex digits of raw bits;</li>
 *   <li>floats: {@code 0x} followed by hex digits of raw bits; a decimal number ({@code 1.5},
 *       {@code -2.5e-3}, {@code 1e10}), rounded to nearest, which must not round to infinity;
 *       {@code inf}, {@code infinity}, {@code nan} (the canonical quiet NaN) and
 *       {@code nan:0xPAYLOAD} (a NaN with that significand), each with an optional sign;</li>
 *   <li>{@code ref.null} for a parameter of either reference type, {@code ref.extern:N} with N a
 *       non-negative decimal number for an externref parameter. A non-null funcref cannot be
 *       written.</li>
 * </ul>
 */
public final class ValueFormat {
    /** A decimal integer with an optional sign. */
    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[+-]?[0-9]+");
    /** {@code 0x} and hex digits: raw bits. */
    private static final Pattern HEX_BITS = Pattern.compile("0[xX][0-9a-fA-F]+");
    /** A decimal floating-point number without sign (the sign is handled separately). */
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** What every error message says about the accepted forms. */
    private static final String FORMS = "expected TYPE:VALUE with TYPE i32, i64, f32 or f64 (e.g. i32:42, f64:1.5,"
            + " f32:0x7fc00000), or ref.null, or ref.extern:N";

    private ValueFormat() {
    }

    /**
     * A parsed value.
     *
     * @param type its type; null for {@code ref.null}, which fits either reference type
     * @param value its boxed form as the engine's call API takes it ({@code Integer}, {@code Long},
     *     {@code Float}, {@code Double}, {@link ExternRef}, or null for {@code ref.null})
     */
    public record Value(ValType type, Object value) {
        /** Whether this value can be passed as a parameter of type {@code param}. */
        public boolean fits(ValType param) {
            return type == null ? param.isReference() : type == param;
        }

        /** The value as {@link #format} prints it. */
        @Override
        public String toString() {
            return type == null ? "ref.null" : format(type, value);
        }
    }

    /**
     * Parses one value written as {@code TYPE:VALUE}, {@code ref.null} or {@code ref.extern:N}.
     *
     * @throws IllegalArgumentException with a one-line message naming the text and the problem
     */
    public static Value parse(String text) {
        if (text.equals("ref.null")) {
            return new Value(null, null);
        }
        if (text.startsWith("ref.extern:")) {
            String n = text.substring("ref.extern:".length());
            if (!n.matches("[0-9]+")) {
                throw bad(text, "expected ref.extern:N with N a non-negative decimal number");
            }
            try {
                return new Value(ValType.EXTERNREF, new ExternRef(Long.parseLong(n)));
            } catch (NumberFormatException e) {
                throw bad(text, "the reference number is too large (at most " + Long.MAX_VALUE + ")");
            }
        }
        if (text.equals("ref.func") || text.startsWith("ref.func:")) {
            throw bad(text, "a non-null funcref cannot be written on the command line; only ref.null can");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw bad(text, FORMS);
        }
        String type = text.substring(0, colon);
        String value = text.substring(colon + 1);
        switch (type) {
            case "i32":
                return new Value(ValType.I32, (int) parseInteger(text, value, 32));
            case "i64":
                return new Value(ValType.I64, parseInteger(text, value, 64));
            case "f32":
                return new Value(ValType.F32, Float.intBitsToFloat((int) parseFloatBits(text, value, false)));
            case "f64":
                return new Value(ValType.F64, Double.longBitsToDouble(parseFloatBits(text, value, true)));
            default:
                throw bad(text, "unknown type '" + type + "'; " + FORMS);
        }
    }

    /**
     * {@code value}, a boxed value of type {@code type} as the engine returns it, in the
     * command line's syntax (see the class comment).
     */
    public static String format(ValType type, Object value) {
        switch (type) {
            case I32:
                return "i32:" + (int) (Integer) value;
            case I64:
                return "i64:" + (long) (Long) value;
            case F32:
                return String.format(Locale.ROOT, "f32:0x%08x", Float.floatToRawIntBits((Float) value));
            case F64:
                return String.format(Locale.ROOT, "f64:0x%016x", Double.doubleToRawLongBits((Double) value));
            case FUNCREF:
            case EXTERNREF:
                return formatReference(value);
            default:
                throw new IllegalArgumentException("values of type " + type + " cannot be formatted");
        }
    }

    /** A reference: {@code ref.null}, {@code ref.func}, {@code ref.extern:N}, or {@code ref.extern} for a foreign host object. */
    private static String formatReference(Object value) {
        if (value == null) {
            return "ref.null";
        }
        if (value instanceof FunctionInstance) {
            return "ref.func";
        }
        if (value instanceof ExternRef) {
            return "ref.extern:" + ((ExternRef) value).number();
        }
        return "ref.extern";
    }

    /** The zero value of {@code type}, boxed: 0, +0.0 (all bits zero), or null for references. */
    public static Object zero(ValType type) {
        switch (type) {
            case I32: return 0;
            case I64: return 0L;
            case F32: return 0.0f;
            case F64: return 0.0;
            case FUNCREF:
            case EXTERNREF:
                return null;
            default:
                throw new IllegalArgumentException("no zero value for type " + type);
        }
    }

    /**
     * The bits of an integer of {@code bits} bits: signed or unsigned decimal, or {@code 0x} hex.
     *
     * @param text the whole argument, for messages
     */
    private static long parseInteger(String text, String value, int bits) {
        String type = bits == 32 ? "i32" : "i64";
        BigInteger n;
        if (HEX_BITS.matcher(value).matches()) {
            n = new BigInteger(value.substring(2), 16);
            if (n.bitLength() > bits) {
                throw bad(text, "more than " + bits + " bits");
            }
        } else if (DECIMAL_INTEGER.matcher(value).matches()) {
            n = new BigInteger(value.startsWith("+") ? value.substring(1) : value);
            BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
            BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
                throw bad(text, "out of range for " + type + " (" + min + " to " + max + ")");
            }
        } else {
            throw bad(text, type + " expects a decimal integer (signed or unsigned) or 0x followed by hex digits");
        }
        return n.longValue();
    }

    /**
     * The IEEE 754 bits of a float ({@code dbl} false) or double ({@code dbl} true).
     *
     * @param text the whole argument, for messages
     */
    private static long parseFloatBits(String text, String value, boolean dbl) {
        String type = dbl ? "f64" : "f32";
        int width = dbl ? 64 : 32;
        if (HEX_BITS.matcher(value).matches()) {
            BigInteger n = new BigInteger(value.substring(2), 16);
            if (n.bitLength() > width) {
                throw bad(text, "more than " + width + " bits");
            }
            return n.longValue();
        }
        boolean negative = value.startsWith("-");
        String body = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
        String lower = body.toLowerCase(Locale.ROOT);
        long signBit = negative ? 1L << (width - 1) : 0;
        int significandBits = dbl ? 52 : 23;
        long exponentAllOnes = (dbl ? 0x7FFL : 0xFFL) << significandBits;
        if (lower.equals("inf") || lower.equals("infinity")) {
            return signBit | exponentAllOnes;
        }
        if (lower.equals("nan")) {
            return signBit | exponentAllOnes | 1L << (significandBits - 1);
        }
        if (lower.startsWith("nan:")) {
            String payload = body.substring(4);
            if (!HEX_BITS.matcher(payload).matches()) {
                throw bad(text, "expected nan:0xPAYLOAD with hex digits");
            }
            BigInteger p = new BigInteger(payload.substring(2), 16);
            if (p.signum() == 0 || p.bitLength() > significandBits) {
                throw bad(text, "a NaN payload must be between 0x1 and 0x" + Long.toHexString((1L << significandBits) - 1));
            }
            return signBit | exponentAllOnes | p.longValue();
        }
        if (!DECIMAL_FLOAT.matcher(body).matches()) {
            throw bad(text, type + " expects 0x followed by the hex digits of the raw bits, a decimal number"
                    + " (1.5, -2e-3), inf, -inf, nan or nan:0xPAYLOAD");
        }
        if (dbl) {
            double d = Double.parseDouble(value);
            if (Double.isInfinite(d)) {
                throw bad(text, "out of range for f64");
            }
            return Double.doubleToRawLongBits(d);
        }
        float f = Float.parseFloat(value);
        if (Float.isInfinite(f)) {
            throw bad(text, "out of range for f32");
        }
        return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
    }

    /** The exception for an unparsable {@code text}. */
    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad value '" + text + "': " + why);
    }
}
