package dev.airlock.wasm.script;

import dev.airlock.wasm.runtime.FunctionInstance;
import java.util.List;
import java.util.Map;

/**
 * Values in the testsuite's JSON (see its README, "Value encoding"): numbers as the unsigned
 * decimal of their bits, host references as {@code externref} numbers, and the NaN patterns
 * {@code nan:canonical} and {@code nan:arithmetic} in expected results. Floats are compared by bits.
 */
final class ScriptValues {
    private ScriptValues() {
    }

    /** The boxed argument for {@code {"type": ..., "value": ...}}. */
    static Object argument(Map<String, Object> v) {
        String type = (String) v.get("type");
        String value = (String) v.get("value");
        switch (type) {
            case "i32": return Integer.parseUnsignedInt(value);
            case "i64": return Long.parseUnsignedLong(value);
            case "f32": return Float.intBitsToFloat(Integer.parseUnsignedInt(value));
            case "f64": return Double.longBitsToDouble(Long.parseUnsignedLong(value));
            case "externref": return "null".equals(value) ? null : new ExternRef(Long.parseLong(value));
            case "funcref":
                if ("null".equals(value)) {
                    return null;
                }
                throw new IllegalArgumentException("funcref arguments other than null are not expressible");
            default:
                throw new IllegalArgumentException("unsupported argument type " + type);
        }
    }

    /** Why {@code actual} does not match the expected list, or null if it does. */
    static String resultsMismatch(List<Object> expected, Object[] actual) {
        if (expected.size() != actual.length) {
            return "expected " + expected.size() + " results, got " + describe(actual);
        }
        for (int i = 0; i < actual.length; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) expected.get(i);
            String problem = mismatch(e, actual[i]);
            if (problem != null) {
                return "result " + i + ": " + problem + "; all results " + describe(actual);
            }
        }
        return null;
    }

    /** Why {@code actual} does not match {@code expected}, or null if it does. */
    private static String mismatch(Map<String, Object> expected, Object actual) {
        String type = (String) expected.get("type");
        String value = (String) expected.get("value");
        switch (type) {
            case "i32":
                if (!(actual instanceof Integer)) {
                    return "expected i32, got " + describe(actual);
                }
                return (Integer) actual == Integer.parseUnsignedInt(value) ? null
                        : "expected i32 " + (int) Integer.parseUnsignedInt(value) + ", got " + actual;
            case "i64":
                if (!(actual instanceof Long)) {
                    return "expected i64, got " + describe(actual);
                }
                return (Long) actual == Long.parseUnsignedLong(value) ? null
                        : "expected i64 " + Long.parseUnsignedLong(value) + ", got " + actual;
            case "f32": {
                if (!(actual instanceof Float)) {
                    return "expected f32, got " + describe(actual);
                }
                int bits = Float.floatToRawIntBits((Float) actual);
                boolean ok;
                if ("nan:canonical".equals(value)) {
                    ok = (bits & 0x7FFF_FFFF) == 0x7FC0_0000;
                } else if ("nan:arithmetic".equals(value)) {
                    ok = (bits & 0x7FC0_0000) == 0x7FC0_0000;
                } else {
                    ok = bits == Integer.parseUnsignedInt(value);
                }
                return ok ? null : "expected f32 " + value + ", got bits 0x" + Integer.toHexString(bits);
            }
            case "f64": {
                if (!(actual instanceof Double)) {
                    return "expected f64, got " + describe(actual);
                }
                long bits = Double.doubleToRawLongBits((Double) actual);
                boolean ok;
                if ("nan:canonical".equals(value)) {
                    ok = (bits & 0x7FFF_FFFF_FFFF_FFFFL) == 0x7FF8_0000_0000_0000L;
                } else if ("nan:arithmetic".equals(value)) {
                    ok = (bits & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
                } else {
                    ok = bits == Long.parseUnsignedLong(value);
                }
                return ok ? null : "expected f64 " + value + ", got bits 0x" + Long.toHexString(bits);
            }
            case "externref":
                if (value == null) {
                    return actual != null && !(actual instanceof FunctionInstance) ? null : "expected a non-null externref, got " + describe(actual);
                }
                if ("null".equals(value)) {
                    return actual == null ? null : "expected null externref, got " + describe(actual);
                }
                return new ExternRef(Long.parseLong(value)).equals(actual) ? null
                        : "expected externref " + value + ", got " + describe(actual);
            case "funcref":
                if (value == null) {
                    return actual instanceof FunctionInstance ? null : "expected a function reference, got " + describe(actual);
                }
                if ("null".equals(value)) {
                    return actual == null ? null : "expected null funcref, got " + describe(actual);
                }
                return "cannot compare funcref " + value;
            default:
                return "unsupported expected type " + type;
        }
    }

    /** Results in a readable form. */
    static String describe(Object[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(describe(values[i]));
        }
        return sb.append(']').toString();
    }

    private static String describe(Object v) {
        if (v instanceof Float) {
            return "f32 " + v + " (0x" + Integer.toHexString(Float.floatToRawIntBits((Float) v)) + ")";
        }
        if (v instanceof Double) {
            return "f64 " + v + " (0x" + Long.toHexString(Double.doubleToRawLongBits((Double) v)) + ")";
        }
        return v == null ? "null" : v.getClass().getSimpleName() + " " + v;
    }
}
