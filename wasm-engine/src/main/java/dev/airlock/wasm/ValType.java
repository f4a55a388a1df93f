package dev.airlock.wasm;

/**
 * A WebAssembly value type (spec 2.3.4 "Value Types"), as the engine supports them.
 *
 * <p>Each value type has one JVM representation, used by generated code, by host functions and by
 * the generic call API: {@code i32} is {@code int}, {@code i64} is {@code long}, {@code f32} is
 * {@code float}, {@code f64} is {@code double}, and both reference types are object references
 * ({@code funcref} a {@link dev.airlock.wasm.runtime.FunctionInstance} or {@code null},
 * {@code externref} any host object or {@code null}).
 */
public enum ValType {
    /** 32-bit integer, binary code 0x7F. */
    I32(0x7F, "i32", "I"),
    /** 64-bit integer, binary code 0x7E. */
    I64(0x7E, "i64", "J"),
    /** IEEE 754 single precision, binary code 0x7D. */
    F32(0x7D, "f32", "F"),
    /** IEEE 754 double precision, binary code 0x7C. */
    F64(0x7C, "f64", "D"),
    /** 128-bit vector, binary code 0x7B; decoded only to be rejected as an unsupported feature. */
    V128(0x7B, "v128", null),
    /** Reference to a function, binary code 0x70. */
    FUNCREF(0x70, "funcref", "Ldev/airlock/wasm/runtime/FunctionInstance;"),
    /** Reference to a host object, binary code 0x6F. */
    EXTERNREF(0x6F, "externref", "Ljava/lang/Object;");

    /** The byte that encodes this type in the binary format (spec 5.3.4). */
    public final int binaryCode;
    /** The name used by the text format and in messages. */
    public final String wasmName;
    /** The JVM field descriptor of this type's representation; null for types we cannot run. */
    public final String descriptor;

    ValType(int binaryCode, String wasmName, String descriptor) {
        this.binaryCode = binaryCode;
        this.wasmName = wasmName;
        this.descriptor = descriptor;
    }

    /** Whether this is {@code funcref} or {@code externref}. */
    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /** Whether this is a number type (i32, i64, f32, f64). */
    public boolean isNumber() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    /** Whether a value of this type takes two JVM stack and local slots (long and double). */
    public boolean isWide() {
        return this == I64 || this == F64;
    }

    /** The value type encoded by {@code code}, or null if {@code code} encodes none. */
    public static ValType fromBinaryCode(int code) {
        switch (code) {
            case 0x7F: return I32;
            case 0x7E: return I64;
            case 0x7D: return F32;
            case 0x7C: return F64;
            case 0x7B: return V128;
            case 0x70: return FUNCREF;
            case 0x6F: return EXTERNREF;
            default: return null;
        }
    }

    @Override
    public String toString() {
        return wasmName;
    }
}
