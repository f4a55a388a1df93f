package dev.airlock.wasm.valid;

import dev.airlock.wasm.ValType;

/**
 * Value types as small ints (spec 2.3.4 "Value Types"), plus the extra type {@link #UNKNOWN} of the
 * validation algorithm (spec appendix "Validation Algorithm", "Data Structures"), so that the
 * operand stack of the function validator can be a plain {@code int[]} with no boxing.
 *
 * <p>A value type is coded by its {@link ValType#ordinal() ordinal}; {@link #UNKNOWN} is -1.
 */
final class TypeCodes {
    /** The type of an operand popped from the polymorphic stack after an unconditional branch. */
    static final int UNKNOWN = -1;
    /** {@code i32}. */
    static final int I32 = ValType.I32.ordinal();
    /** {@code i64}. */
    static final int I64 = ValType.I64.ordinal();
    /** {@code f32}. */
    static final int F32 = ValType.F32.ordinal();
    /** {@code f64}. */
    static final int F64 = ValType.F64.ordinal();
    /** {@code v128}; never produced by the decoder (SIMD is rejected there), typed generically here. */
    static final int V128 = ValType.V128.ordinal();
    /** {@code funcref}. */
    static final int FUNCREF = ValType.FUNCREF.ordinal();
    /** {@code externref}. */
    static final int EXTERNREF = ValType.EXTERNREF.ordinal();

    /** The empty result or parameter list, shared. */
    static final int[] NONE = new int[0];

    /** Every value type, indexed by its code. */
    private static final ValType[] TYPES = ValType.values();
    /** The one-element list {@code [t]} for each code {@code t}, shared. */
    private static final int[][] SINGLE = new int[TYPES.length][];

    static {
        for (int i = 0; i < TYPES.length; i++) {
            SINGLE[i] = new int[] {i};
        }
    }

    /** Not instantiable: this class only holds static rules. */
    private TypeCodes() {
    }

    /** The code of {@code type}. */
    static int of(ValType type) {
        return type.ordinal();
    }

    /** The codes of {@code types}, in order (a new array, or {@link #NONE} when empty). */
    static int[] of(ValType[] types) {
        if (types.length == 0) {
            return NONE;
        }
        int[] codes = new int[types.length];
        for (int i = 0; i < types.length; i++) {
            codes[i] = types[i].ordinal();
        }
        return codes;
    }

    /** The shared list {@code [t]} for the code {@code t}. */
    static int[] single(int t) {
        return SINGLE[t];
    }

    /** Whether {@code t} is a number type or {@link #UNKNOWN} (the spec's {@code is_num}). */
    static boolean isNumOrUnknown(int t) {
        return t == UNKNOWN || t == I32 || t == I64 || t == F32 || t == F64;
    }

    /** Whether {@code t} is a vector type or {@link #UNKNOWN} (the spec's {@code is_vec}). */
    static boolean isVecOrUnknown(int t) {
        return t == UNKNOWN || t == V128;
    }

    /** Whether {@code t} is a reference type or {@link #UNKNOWN} (the spec's {@code is_ref}). */
    static boolean isRefOrUnknown(int t) {
        return t == UNKNOWN || t == FUNCREF || t == EXTERNREF;
    }

    /** The text-format name of {@code t}, or {@code "unknown"}. */
    static String name(int t) {
        return t == UNKNOWN ? "unknown" : TYPES[t].wasmName;
    }

    /** The list {@code types} written as the text format would, e.g. {@code [i32 f64]}. */
    static String names(int[] types) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(name(types[i]));
        }
        return sb.append(']').toString();
    }
}
