package dev.airlock.wasm.binary;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.Limits;
import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TableType;
import dev.airlock.wasm.ValType;

/**
 * Decodes types (spec 5.3 "Types"): 5.3.1 number types, 5.3.2 vector types (rejected: SIMD is not
 * supported), 5.3.3 reference types, 5.3.4 value types, 5.3.5 result types, 5.3.6 function types,
 * 5.3.7 limits, 5.3.8 memory types, 5.3.9 table types and 5.3.10 global types.
 */
final class TypeDecoder {
    /** The byte that introduces a function type. */
    static final int FUNCTION_TYPE_TAG = 0x60;

    /** Shared empty result type. */
    private static final ValType[] NO_TYPES = new ValType[0];

    /** Not instantiable. */
    private TypeDecoder() {
    }

    /**
     * The value type encoded by the byte {@code b} read at {@code at}; throws for anything else,
     * v128 included.
     */
    static ValType valueType(ByteReader r, int b, int at) {
        switch (b) {
            case 0x7F: return ValType.I32;
            case 0x7E: return ValType.I64;
            case 0x7D: return ValType.F32;
            case 0x7C: return ValType.F64;
            case 0x70: return ValType.FUNCREF;
            case 0x6F: return ValType.EXTERNREF;
            case 0x7B: throw unsupportedSimd();
            default:
                checkSingleByte(r, b, at);
                throw r.error(Messages.MALFORMED_VALUE_TYPE + ": 0x" + Integer.toHexString(b), at);
        }
    }

    /** A value type (5.3.4): one byte. */
    static ValType valueType(ByteReader r) {
        int at = r.position();
        return valueType(r, r.u8(), at);
    }

    /** A reference type (5.3.3): 0x70 funcref or 0x6F externref. */
    static ValType referenceType(ByteReader r) {
        int at = r.position();
        int b = r.u8();
        if (b == 0x70) {
            return ValType.FUNCREF;
        }
        if (b == 0x6F) {
            return ValType.EXTERNREF;
        }
        checkSingleByte(r, b, at);
        throw r.error(Messages.MALFORMED_REFERENCE_TYPE + ": 0x" + Integer.toHexString(b), at);
    }

    /** A result type (5.3.5): a vector of value types. */
    static ValType[] resultType(ByteReader r) {
        int n = r.length();
        if (n == 0) {
            return NO_TYPES;
        }
        ValType[] types = new ValType[n];
        for (int i = 0; i < n; i++) {
            types[i] = valueType(r);
        }
        return types;
    }

    /** A function type (5.3.6): 0x60, then parameter and result types. */
    static FuncType functionType(ByteReader r) {
        int at = r.position();
        int tag = r.u8();
        if (tag != FUNCTION_TYPE_TAG) {
            checkSingleByte(r, tag, at);
            throw r.error(Messages.MALFORMED_FUNCTION_TYPE + ": 0x" + Integer.toHexString(tag), at);
        }
        ValType[] params = resultType(r);
        ValType[] results = resultType(r);
        return FuncType.of(params, results);
    }

    /**
     * Limits (5.3.7): a flag (0x00: minimum only, 0x01: minimum and maximum) then u32 bounds. The
     * flag is read like the reference interpreter reads a 1-bit LEB128 number, which decides the
     * messages: a payload of 2 or more is {@value Messages#INT_TOO_LARGE}, a continuation bit
     * {@value Messages#INT_TOO_LONG}.
     */
    static Limits limits(ByteReader r) {
        boolean hasMax = r.unsigned(1) == 1;
        long min = r.u32();
        long max = hasMax ? r.u32() : Limits.NO_MAX;
        return new Limits(min, max);
    }

    /** A memory type (5.3.8): limits in pages. */
    static MemoryType memoryType(ByteReader r) {
        return new MemoryType(limits(r));
    }

    /** A table type (5.3.9): reference type, then limits. */
    static TableType tableType(ByteReader r) {
        ValType elementType = referenceType(r);
        return new TableType(elementType, limits(r));
    }

    /** A global type (5.3.10): value type, then a mutability byte (0x00 const, 0x01 var). */
    static GlobalType globalType(ByteReader r) {
        ValType type = valueType(r);
        int at = r.position();
        int mut = r.u8();
        if (mut > 1) {
            throw r.error(Messages.MALFORMED_MUTABILITY + ": 0x" + Integer.toHexString(mut), at);
        }
        return new GlobalType(type, mut == 1);
    }

    /**
     * Type constructors are negative numbers in a one-byte signed LEB128 (5.3): a byte with the
     * continuation bit set would make the number longer than 7 bits allow, which the reference
     * interpreter reports as {@value Messages#INT_TOO_LONG}.
     */
    private static void checkSingleByte(ByteReader r, int b, int at) {
        if ((b & 0x80) != 0) {
            throw r.error(Messages.INT_TOO_LONG, at + 1);
        }
    }

    /** The exception for any SIMD construct; its message is exactly {@value Messages#UNSUPPORTED_SIMD}. */
    static MalformedModuleException unsupportedSimd() {
        return new MalformedModuleException(Messages.UNSUPPORTED_SIMD);
    }
}
