package dev.airlock.wasm.syntax;

import dev.airlock.wasm.ValType;

/**
 * Every instruction of WebAssembly 2.0 except SIMD (spec 2.4 "Instructions", encodings in 5.4).
 *
 * <p>{@link #code} is the one-byte opcode, or {@code 0xFC00 | n} for the instructions behind the
 * 0xFC prefix whose u32 sub-opcode is {@code n}. Instructions whose typing is a fixed
 * {@code [params] -> [results]} carry that signature ({@link #params}, {@link #results}); the
 * validator and compiler treat them generically. The others have {@code null} signature and are
 * typed case by case.
 */
public enum Opcode {
    // 5.4.1 Control instructions
    UNREACHABLE(0x00, "unreachable", Immediate.NONE, null),
    NOP(0x01, "nop", Immediate.NONE, ":"),
    BLOCK(0x02, "block", Immediate.BLOCK_TYPE, null),
    LOOP(0x03, "loop", Immediate.BLOCK_TYPE, null),
    IF(0x04, "if", Immediate.BLOCK_TYPE, null),
    ELSE(0x05, "else", Immediate.NONE, null),
    END(0x0B, "end", Immediate.NONE, null),
    BR(0x0C, "br", Immediate.LABEL, null),
    BR_IF(0x0D, "br_if", Immediate.LABEL, null),
    BR_TABLE(0x0E, "br_table", Immediate.LABEL_TABLE, null),
    RETURN(0x0F, "return", Immediate.NONE, null),
    CALL(0x10, "call", Immediate.FUNCTION, null),
    CALL_INDIRECT(0x11, "call_indirect", Immediate.TYPE_AND_TABLE, null),

    // 5.4.2 Reference instructions
    REF_NULL(0xD0, "ref.null", Immediate.REF_TYPE, null),
    REF_IS_NULL(0xD1, "ref.is_null", Immediate.NONE, null),
    REF_FUNC(0xD2, "ref.func", Immediate.FUNCTION, null),

    // 5.4.3 Parametric instructions
    DROP(0x1A, "drop", Immediate.NONE, null),
    SELECT(0x1B, "select", Immediate.NONE, null),
    SELECT_TYPED(0x1C, "select", Immediate.VALUE_TYPES, null),

    // 5.4.4 Variable instructions
    LOCAL_GET(0x20, "local.get", Immediate.LOCAL, null),
    LOCAL_SET(0x21, "local.set", Immediate.LOCAL, null),
    LOCAL_TEE(0x22, "local.tee", Immediate.LOCAL, null),
    GLOBAL_GET(0x23, "global.get", Immediate.GLOBAL, null),
    GLOBAL_SET(0x24, "global.set", Immediate.GLOBAL, null),

    // 5.4.5 Table instructions
    TABLE_GET(0x25, "table.get", Immediate.TABLE, null),
    TABLE_SET(0x26, "table.set", Immediate.TABLE, null),
    TABLE_INIT(0xFC0C, "table.init", Immediate.ELEMENT_AND_TABLE, null),
    ELEM_DROP(0xFC0D, "elem.drop", Immediate.ELEMENT, null),
    TABLE_COPY(0xFC0E, "table.copy", Immediate.TABLE_PAIR, null),
    TABLE_GROW(0xFC0F, "table.grow", Immediate.TABLE, null),
    TABLE_SIZE(0xFC10, "table.size", Immediate.TABLE, null),
    TABLE_FILL(0xFC11, "table.fill", Immediate.TABLE, null),

    // 5.4.6 Memory instructions
    I32_LOAD(0x28, "i32.load", 4, "i:i"),
    I64_LOAD(0x29, "i64.load", 8, "i:l"),
    F32_LOAD(0x2A, "f32.load", 4, "i:f"),
    F64_LOAD(0x2B, "f64.load", 8, "i:d"),
    I32_LOAD8_S(0x2C, "i32.load8_s", 1, "i:i"),
    I32_LOAD8_U(0x2D, "i32.load8_u", 1, "i:i"),
    I32_LOAD16_S(0x2E, "i32.load16_s", 2, "i:i"),
    I32_LOAD16_U(0x2F, "i32.load16_u", 2, "i:i"),
    I64_LOAD8_S(0x30, "i64.load8_s", 1, "i:l"),
    I64_LOAD8_U(0x31, "i64.load8_u", 1, "i:l"),
    I64_LOAD16_S(0x32, "i64.load16_s", 2, "i:l"),
    I64_LOAD16_U(0x33, "i64.load16_u", 2, "i:l"),
    I64_LOAD32_S(0x34, "i64.load32_s", 4, "i:l"),
    I64_LOAD32_U(0x35, "i64.load32_u", 4, "i:l"),
    I32_STORE(0x36, "i32.store", 4, "ii:"),
    I64_STORE(0x37, "i64.store", 8, "il:"),
    F32_STORE(0x38, "f32.store", 4, "if:"),
    F64_STORE(0x39, "f64.store", 8, "id:"),
    I32_STORE8(0x3A, "i32.store8", 1, "ii:"),
    I32_STORE16(0x3B, "i32.store16", 2, "ii:"),
    I64_STORE8(0x3C, "i64.store8", 1, "il:"),
    I64_STORE16(0x3D, "i64.store16", 2, "il:"),
    I64_STORE32(0x3E, "i64.store32", 4, "il:"),
    MEMORY_SIZE(0x3F, "memory.size", Immediate.MEMORY, ":i"),
    MEMORY_GROW(0x40, "memory.grow", Immediate.MEMORY, "i:i"),
    MEMORY_INIT(0xFC08, "memory.init", Immediate.DATA_AND_MEMORY, "iii:"),
    DATA_DROP(0xFC09, "data.drop", Immediate.DATA, ":"),
    MEMORY_COPY(0xFC0A, "memory.copy", Immediate.MEMORY_PAIR, "iii:"),
    MEMORY_FILL(0xFC0B, "memory.fill", Immediate.MEMORY, "iii:"),

    // 5.4.7 Numeric instructions: constants
    I32_CONST(0x41, "i32.const", Immediate.I32, ":i"),
    I64_CONST(0x42, "i64.const", Immediate.I64, ":l"),
    F32_CONST(0x43, "f32.const", Immediate.F32, ":f"),
    F64_CONST(0x44, "f64.const", Immediate.F64, ":d"),

    // comparisons
    I32_EQZ(0x45, "i32.eqz", "i:i"),
    I32_EQ(0x46, "i32.eq", "ii:i"),
    I32_NE(0x47, "i32.ne", "ii:i"),
    I32_LT_S(0x48, "i32.lt_s", "ii:i"),
    I32_LT_U(0x49, "i32.lt_u", "ii:i"),
    I32_GT_S(0x4A, "i32.gt_s", "ii:i"),
    I32_GT_U(0x4B, "i32.gt_u", "ii:i"),
    I32_LE_S(0x4C, "i32.le_s", "ii:i"),
    I32_LE_U(0x4D, "i32.le_u", "ii:i"),
    I32_GE_S(0x4E, "i32.ge_s", "ii:i"),
    I32_GE_U(0x4F, "i32.ge_u", "ii:i"),
    I64_EQZ(0x50, "i64.eqz", "l:i"),
    I64_EQ(0x51, "i64.eq", "ll:i"),
    I64_NE(0x52, "i64.ne", "ll:i"),
    I64_LT_S(0x53, "i64.lt_s", "ll:i"),
    I64_LT_U(0x54, "i64.lt_u", "ll:i"),
    I64_GT_S(0x55, "i64.gt_s", "ll:i"),
    I64_GT_U(0x56, "i64.gt_u", "ll:i"),
    I64_LE_S(0x57, "i64.le_s", "ll:i"),
    I64_LE_U(0x58, "i64.le_u", "ll:i"),
    I64_GE_S(0x59, "i64.ge_s", "ll:i"),
    I64_GE_U(0x5A, "i64.ge_u", "ll:i"),
    F32_EQ(0x5B, "f32.eq", "ff:i"),
    F32_NE(0x5C, "f32.ne", "ff:i"),
    F32_LT(0x5D, "f32.lt", "ff:i"),
    F32_GT(0x5E, "f32.gt", "ff:i"),
    F32_LE(0x5F, "f32.le", "ff:i"),
    F32_GE(0x60, "f32.ge", "ff:i"),
    F64_EQ(0x61, "f64.eq", "dd:i"),
    F64_NE(0x62, "f64.ne", "dd:i"),
    F64_LT(0x63, "f64.lt", "dd:i"),
    F64_GT(0x64, "f64.gt", "dd:i"),
    F64_LE(0x65, "f64.le", "dd:i"),
    F64_GE(0x66, "f64.ge", "dd:i"),

    // i32 arithmetic
    I32_CLZ(0x67, "i32.clz", "i:i"),
    I32_CTZ(0x68, "i32.ctz", "i:i"),
    I32_POPCNT(0x69, "i32.popcnt", "i:i"),
    I32_ADD(0x6A, "i32.add", "ii:i"),
    I32_SUB(0x6B, "i32.sub", "ii:i"),
    I32_MUL(0x6C, "i32.mul", "ii:i"),
    I32_DIV_S(0x6D, "i32.div_s", "ii:i"),
    I32_DIV_U(0x6E, "i32.div_u", "ii:i"),
    I32_REM_S(0x6F, "i32.rem_s", "ii:i"),
    I32_REM_U(0x70, "i32.rem_u", "ii:i"),
    I32_AND(0x71, "i32.and", "ii:i"),
    I32_OR(0x72, "i32.or", "ii:i"),
    I32_XOR(0x73, "i32.xor", "ii:i"),
    I32_SHL(0x74, "i32.shl", "ii:i"),
    I32_SHR_S(0x75, "i32.shr_s", "ii:i"),
    I32_SHR_U(0x76, "i32.shr_u", "ii:i"),
    I32_ROTL(0x77, "i32.rotl", "ii:i"),
    I32_ROTR(0x78, "i32.rotr", "ii:i"),

    // i64 arithmetic
    I64_CLZ(0x79, "i64.clz", "l:l"),
    I64_CTZ(0x7A, "i64.ctz", "l:l"),
    I64_POPCNT(0x7B, "i64.popcnt", "l:l"),
    I64_ADD(0x7C, "i64.add", "ll:l"),
    I64_SUB(0x7D, "i64.sub", "ll:l"),
    I64_MUL(0x7E, "i64.mul", "ll:l"),
    I64_DIV_S(0x7F, "i64.div_s", "ll:l"),
    I64_DIV_U(0x80, "i64.div_u", "ll:l"),
    I64_REM_S(0x81, "i64.rem_s", "ll:l"),
    I64_REM_U(0x82, "i64.rem_u", "ll:l"),
    I64_AND(0x83, "i64.and", "ll:l"),
    I64_OR(0x84, "i64.or", "ll:l"),
    I64_XOR(0x85, "i64.xor", "ll:l"),
    I64_SHL(0x86, "i64.shl", "ll:l"),
    I64_SHR_S(0x87, "i64.shr_s", "ll:l"),
    I64_SHR_U(0x88, "i64.shr_u", "ll:l"),
    I64_ROTL(0x89, "i64.rotl", "ll:l"),
    I64_ROTR(0x8A, "i64.rotr", "ll:l"),

    // f32 arithmetic
    F32_ABS(0x8B, "f32.abs", "f:f"),
    F32_NEG(0x8C, "f32.neg", "f:f"),
    F32_CEIL(0x8D, "f32.ceil", "f:f"),
    F32_FLOOR(0x8E, "f32.floor", "f:f"),
    F32_TRUNC(0x8F, "f32.trunc", "f:f"),
    F32_NEAREST(0x90, "f32.nearest", "f:f"),
    F32_SQRT(0x91, "f32.sqrt", "f:f"),
    F32_ADD(0x92, "f32.add", "ff:f"),
    F32_SUB(0x93, "f32.sub", "ff:f"),
    F32_MUL(0x94, "f32.mul", "ff:f"),
    F32_DIV(0x95, "f32.div", "ff:f"),
    F32_MIN(0x96, "f32.min", "ff:f"),
    F32_MAX(0x97, "f32.max", "ff:f"),
    F32_COPYSIGN(0x98, "f32.copysign", "ff:f"),

    // f64 arithmetic
    F64_ABS(0x99, "f64.abs", "d:d"),
    F64_NEG(0x9A, "f64.neg", "d:d"),
    F64_CEIL(0x9B, "f64.ceil", "d:d"),
    F64_FLOOR(0x9C, "f64.floor", "d:d"),
    F64_TRUNC(0x9D, "f64.trunc", "d:d"),
    F64_NEAREST(0x9E, "f64.nearest", "d:d"),
    F64_SQRT(0x9F, "f64.sqrt", "d:d"),
    F64_ADD(0xA0, "f64.add", "dd:d"),
    F64_SUB(0xA1, "f64.sub", "dd:d"),
    F64_MUL(0xA2, "f64.mul", "dd:d"),
    F64_DIV(0xA3, "f64.div", "dd:d"),
    F64_MIN(0xA4, "f64.min", "dd:d"),
    F64_MAX(0xA5, "f64.max", "dd:d"),
    F64_COPYSIGN(0xA6, "f64.copysign", "dd:d"),

    // conversions
    I32_WRAP_I64(0xA7, "i32.wrap_i64", "l:i"),
    I32_TRUNC_F32_S(0xA8, "i32.trunc_f32_s", "f:i"),
    I32_TRUNC_F32_U(0xA9, "i32.trunc_f32_u", "f:i"),
    I32_TRUNC_F64_S(0xAA, "i32.trunc_f64_s", "d:i"),
    I32_TRUNC_F64_U(0xAB, "i32.trunc_f64_u", "d:i"),
    I64_EXTEND_I32_S(0xAC, "i64.extend_i32_s", "i:l"),
    I64_EXTEND_I32_U(0xAD, "i64.extend_i32_u", "i:l"),
    I64_TRUNC_F32_S(0xAE, "i64.trunc_f32_s", "f:l"),
    I64_TRUNC_F32_U(0xAF, "i64.trunc_f32_u", "f:l"),
    I64_TRUNC_F64_S(0xB0, "i64.trunc_f64_s", "d:l"),
    I64_TRUNC_F64_U(0xB1, "i64.trunc_f64_u", "d:l"),
    F32_CONVERT_I32_S(0xB2, "f32.convert_i32_s", "i:f"),
    F32_CONVERT_I32_U(0xB3, "f32.convert_i32_u", "i:f"),
    F32_CONVERT_I64_S(0xB4, "f32.convert_i64_s", "l:f"),
    F32_CONVERT_I64_U(0xB5, "f32.convert_i64_u", "l:f"),
    F32_DEMOTE_F64(0xB6, "f32.demote_f64", "d:f"),
    F64_CONVERT_I32_S(0xB7, "f64.convert_i32_s", "i:d"),
    F64_CONVERT_I32_U(0xB8, "f64.convert_i32_u", "i:d"),
    F64_CONVERT_I64_S(0xB9, "f64.convert_i64_s", "l:d"),
    F64_CONVERT_I64_U(0xBA, "f64.convert_i64_u", "l:d"),
    F64_PROMOTE_F32(0xBB, "f64.promote_f32", "f:d"),
    I32_REINTERPRET_F32(0xBC, "i32.reinterpret_f32", "f:i"),
    I64_REINTERPRET_F64(0xBD, "i64.reinterpret_f64", "d:l"),
    F32_REINTERPRET_I32(0xBE, "f32.reinterpret_i32", "i:f"),
    F64_REINTERPRET_I64(0xBF, "f64.reinterpret_i64", "l:d"),

    // sign extension (the sign-extension-ops proposal, part of 2.0)
    I32_EXTEND8_S(0xC0, "i32.extend8_s", "i:i"),
    I32_EXTEND16_S(0xC1, "i32.extend16_s", "i:i"),
    I64_EXTEND8_S(0xC2, "i64.extend8_s", "l:l"),
    I64_EXTEND16_S(0xC3, "i64.extend16_s", "l:l"),
    I64_EXTEND32_S(0xC4, "i64.extend32_s", "l:l"),

    // non-trapping float-to-int conversions (0xFC 0..7)
    I32_TRUNC_SAT_F32_S(0xFC00, "i32.trunc_sat_f32_s", "f:i"),
    I32_TRUNC_SAT_F32_U(0xFC01, "i32.trunc_sat_f32_u", "f:i"),
    I32_TRUNC_SAT_F64_S(0xFC02, "i32.trunc_sat_f64_s", "d:i"),
    I32_TRUNC_SAT_F64_U(0xFC03, "i32.trunc_sat_f64_u", "d:i"),
    I64_TRUNC_SAT_F32_S(0xFC04, "i64.trunc_sat_f32_s", "f:l"),
    I64_TRUNC_SAT_F32_U(0xFC05, "i64.trunc_sat_f32_u", "f:l"),
    I64_TRUNC_SAT_F64_S(0xFC06, "i64.trunc_sat_f64_s", "d:l"),
    I64_TRUNC_SAT_F64_U(0xFC07, "i64.trunc_sat_f64_u", "d:l");

    /** The kinds of immediate operands that follow an opcode in the binary format. */
    public enum Immediate {
        /** No immediates. */
        NONE,
        /** A block type (5.4.1): empty, a value type, or a type index. */
        BLOCK_TYPE,
        /** A label index. */
        LABEL,
        /** A vector of label indices and a default label ({@code br_table}). */
        LABEL_TABLE,
        /** A function index. */
        FUNCTION,
        /** A type index then a table index ({@code call_indirect}). */
        TYPE_AND_TABLE,
        /** A reference type ({@code ref.null}). */
        REF_TYPE,
        /** A vector of value types ({@code select t*}). */
        VALUE_TYPES,
        /** A local index. */
        LOCAL,
        /** A global index. */
        GLOBAL,
        /** A table index. */
        TABLE,
        /** An element segment index then a table index ({@code table.init}). */
        ELEMENT_AND_TABLE,
        /** An element segment index ({@code elem.drop}). */
        ELEMENT,
        /** Destination then source table index ({@code table.copy}). */
        TABLE_PAIR,
        /** A memory argument: alignment exponent then offset. */
        MEMARG,
        /** A memory index ({@code memory.size}, {@code memory.grow}, {@code memory.fill}). */
        MEMORY,
        /** A data segment index then a memory index ({@code memory.init}). */
        DATA_AND_MEMORY,
        /** A data segment index ({@code data.drop}). */
        DATA,
        /** Destination then source memory index ({@code memory.copy}). */
        MEMORY_PAIR,
        /** A signed LEB128 32-bit integer. */
        I32,
        /** A signed LEB128 64-bit integer. */
        I64,
        /** Four little-endian bytes of an IEEE 754 single. */
        F32,
        /** Eight little-endian bytes of an IEEE 754 double. */
        F64
    }

    private static final Opcode[] SINGLE_BYTE = new Opcode[256];
    private static final Opcode[] PREFIX_FC = new Opcode[18];

    static {
        for (Opcode op : values()) {
            if (op.code < 0x100) {
                SINGLE_BYTE[op.code] = op;
            } else {
                PREFIX_FC[op.code & 0xFF] = op;
            }
        }
    }

    /** The opcode byte, or {@code 0xFC00 | subOpcode} for prefixed instructions. */
    public final int code;
    /** The instruction's name in the text format. */
    public final String mnemonic;
    /** What follows the opcode in the binary format. */
    public final Immediate immediate;
    /** Operand types popped, for instructions with a fixed signature; otherwise null. */
    public final ValType[] params;
    /** Result types pushed, for instructions with a fixed signature; otherwise null. */
    public final ValType[] results;
    /** Bytes accessed by a load or store (its natural alignment is this size); 0 otherwise. */
    public final int accessSize;

    Opcode(int code, String mnemonic, Immediate immediate, String signature) {
        this(code, mnemonic, immediate, signature, 0);
    }

    Opcode(int code, String mnemonic, String signature) {
        this(code, mnemonic, Immediate.NONE, signature, 0);
    }

    Opcode(int code, String mnemonic, int accessSize, String signature) {
        this(code, mnemonic, Immediate.MEMARG, signature, accessSize);
    }

    Opcode(int code, String mnemonic, Immediate immediate, String signature, int accessSize) {
        this.code = code;
        this.mnemonic = mnemonic;
        this.immediate = immediate;
        this.accessSize = accessSize;
        if (signature == null) {
            this.params = null;
            this.results = null;
        } else {
            int colon = signature.indexOf(':');
            this.params = parseTypes(signature.substring(0, colon));
            this.results = parseTypes(signature.substring(colon + 1));
        }
    }

    /** Whether this is a load ({@code *.load*}). */
    public boolean isLoad() {
        return accessSize != 0 && results.length == 1;
    }

    /** Whether this is a store ({@code *.store*}). */
    public boolean isStore() {
        return accessSize != 0 && results.length == 0;
    }

    /** The single-byte instruction with opcode {@code b}, or null if none. */
    public static Opcode fromByte(int b) {
        return SINGLE_BYTE[b & 0xFF];
    }

    /** The 0xFC-prefixed instruction with sub-opcode {@code sub}, or null if none. */
    public static Opcode fromPrefixFC(long sub) {
        return sub >= 0 && sub < PREFIX_FC.length ? PREFIX_FC[(int) sub] : null;
    }

    @Override
    public String toString() {
        return mnemonic;
    }

    private static ValType[] parseTypes(String s) {
        ValType[] types = new ValType[s.length()];
        for (int i = 0; i < types.length; i++) {
            switch (s.charAt(i)) {
                case 'i': types[i] = ValType.I32; break;
                case 'l': types[i] = ValType.I64; break;
                case 'f': types[i] = ValType.F32; break;
                case 'd': types[i] = ValType.F64; break;
                default: throw new AssertionError(s);
            }
        }
        return types;
    }
}
