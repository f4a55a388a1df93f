package dev.airlock.wasm.runtime;

import dev.airlock.wasm.ValType;

/**
 * Conversions between boxed host values and the engine's representations. Boxed forms are
 * {@code Integer} (i32), {@code Long} (i64), {@code Float} (f32), {@code Double} (f64),
 * {@link FunctionInstance} or null (funcref), any object or null (externref).
 */
public final class Values {
    private Values() {
    }

    /** The raw bits of a boxed numeric value of type {@code t}. */
    public static long toBits(ValType t, Object value) {
        switch (t) {
            case I32:
                if (value instanceof Integer) {
                    return (Integer) value;
                }
                break;
            case I64:
                if (value instanceof Long) {
                    return (Long) value;
                }
                break;
            case F32:
                if (value instanceof Float) {
                    return Float.floatToRawIntBits((Float) value);
                }
                break;
            case F64:
                if (value instanceof Double) {
                    return Double.doubleToRawLongBits((Double) value);
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("expected a value of type " + t + ", got "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
    }

    /** The boxed value of type {@code t} from raw bits (numbers) or {@code ref} (references). */
    public static Object fromBits(ValType t, long bits, Object ref) {
        switch (t) {
            case I32: return (int) bits;
            case I64: return bits;
            case F32: return Float.intBitsToFloat((int) bits);
            case F64: return Double.longBitsToDouble(bits);
            default: return ref;
        }
    }

    /** Checks that {@code value} is a valid reference of type {@code t}. */
    public static void checkReference(ValType t, Object value) {
        if (t == ValType.FUNCREF && value != null && !(value instanceof FunctionInstance)) {
            throw new IllegalArgumentException("expected a funcref (FunctionInstance or null), got "
                    + value.getClass().getName());
        }
    }

    /** Checks that {@code value} is a boxed value of type {@code t}. */
    public static void check(ValType t, Object value) {
        if (t.isReference()) {
            checkReference(t, value);
        } else {
            toBits(t, value);
        }
    }

    /** The zero value of {@code t}, boxed. */
    public static Object zero(ValType t) {
        return fromBits(t, 0, null);
    }
}
