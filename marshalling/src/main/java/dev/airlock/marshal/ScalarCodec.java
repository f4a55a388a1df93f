package dev.airlock.marshal;

import dev.airlock.taint.SandboxMemory;
import java.nio.ByteBuffer;

/**
 * A C scalar held in a Java primitive component. Integers are loaded at the C width, extended by
 * the C type's signedness, and stored after a range check (a Java value that the C type cannot hold
 * is refused rather than silently truncated, unless the widths are equal and the Java value simply
 * holds the bits).
 */
final class ScalarCodec extends Codec {
    private final CScalar type;
    private final Class<?> javaType;

    ScalarCodec(String where, CScalar type, Class<?> javaType) {
        super(where);
        this.type = type;
        this.javaType = javaType;
        validate();
    }

    /** The C type of an unannotated primitive component. */
    static CScalar defaultFor(Class<?> javaType) {
        if (javaType == byte.class) return CScalar.INT8;
        if (javaType == short.class) return CScalar.INT16;
        if (javaType == char.class) return CScalar.UINT16;
        if (javaType == int.class) return CScalar.INT32;
        if (javaType == long.class) return CScalar.INT64;
        if (javaType == float.class) return CScalar.FLOAT;
        if (javaType == double.class) return CScalar.DOUBLE;
        if (javaType == boolean.class) return CScalar.BOOL;
        throw new AssertionError(javaType);
    }

    private static int javaBits(Class<?> t) {
        if (t == byte.class) return 8;
        if (t == short.class || t == char.class) return 16;
        if (t == int.class) return 32;
        if (t == long.class) return 64;
        return -1;
    }

    private void validate() {
        String mismatch = null;
        if (type == CScalar.BOOL || javaType == boolean.class) {
            if (type != CScalar.BOOL || javaType != boolean.class) {
                mismatch = "_Bool pairs with a Java boolean only";
            }
        } else if (type == CScalar.FLOAT) {
            if (javaType != float.class) {
                mismatch = "a C float needs a Java float";
            }
        } else if (type == CScalar.DOUBLE) {
            if (javaType != double.class) {
                mismatch = "a C double needs a Java double";
            }
        } else if (javaType == float.class || javaType == double.class) {
            mismatch = "a Java " + javaType + " needs @CType(FLOAT) or @CType(DOUBLE)";
        } else {
            // The widest this C type gets in any supported ABI: a record is declared once for all.
            int cBits = 8 * Math.max(Abi.WASM32.sizeOf(type), Abi.LP64.sizeOf(type));
            int jBits = javaBits(javaType);
            if (jBits < cBits) {
                mismatch = "a Java " + javaType + " (" + jBits + " bits) cannot hold a C " + type.cName()
                        + " (up to " + cBits + " bits)" + (cBits == 64 ? "; use long" : "; use a wider type");
            } else if (javaType == char.class && type.isSigned()) {
                mismatch = "a Java char is unsigned and cannot hold a signed C " + type.cName();
            }
        }
        if (mismatch != null) {
            throw new IllegalArgumentException(where + ": " + mismatch);
        }
    }

    @Override
    long size(Abi abi) {
        return abi.sizeOf(type);
    }

    @Override
    long alignment(Abi abi) {
        return abi.alignmentOf(type);
    }

    @Override
    Object read(ByteBuffer bytes, int offset, SandboxMemory owner, Abi abi) {
        if (type == CScalar.FLOAT) {
            return bytes.getFloat(offset);
        }
        if (type == CScalar.DOUBLE) {
            return bytes.getDouble(offset);
        }
        long raw;
        int size = abi.sizeOf(type);
        switch (size) {
            case 1: raw = type.isSigned() ? bytes.get(offset) : Byte.toUnsignedLong(bytes.get(offset)); break;
            case 2: raw = type.isSigned() ? bytes.getShort(offset) : Short.toUnsignedLong(bytes.getShort(offset)); break;
            case 4: raw = type.isSigned() ? bytes.getInt(offset) : Integer.toUnsignedLong(bytes.getInt(offset)); break;
            default: raw = bytes.getLong(offset); break;
        }
        if (javaType == boolean.class) return raw != 0;
        if (javaType == byte.class) return (byte) raw;
        if (javaType == short.class) return (short) raw;
        if (javaType == char.class) return (char) raw;
        if (javaType == int.class) return (int) raw;
        return raw;
    }

    @Override
    void write(ByteBuffer bytes, int offset, Object value, SandboxMemory owner, Abi abi) {
        requireValue(value);
        if (type == CScalar.FLOAT) {
            bytes.putFloat(offset, (Float) value);
            return;
        }
        if (type == CScalar.DOUBLE) {
            bytes.putDouble(offset, (Double) value);
            return;
        }
        long v;
        if (value instanceof Boolean) {
            v = (Boolean) value ? 1 : 0;
        } else if (value instanceof Character) {
            v = (Character) value;
        } else {
            v = ((Number) value).longValue();
        }
        int size = abi.sizeOf(type);
        int cBits = 8 * size;
        if (cBits < javaBits(javaType)) {
            boolean fits = type.isSigned()
                    ? v >= -(1L << (cBits - 1)) && v < (1L << (cBits - 1))
                    : v >= 0 && v >>> cBits == 0;
            if (!fits) {
                throw new IllegalArgumentException(where + ": " + v + " does not fit in a " + abi + " "
                        + type.cName() + " (" + cBits + " bits, " + (type.isSigned() ? "signed" : "unsigned") + ")");
            }
        }
        switch (size) {
            case 1: bytes.put(offset, (byte) v); break;
            case 2: bytes.putShort(offset, (short) v); break;
            case 4: bytes.putInt(offset, (int) v); break;
            default: bytes.putLong(offset, v); break;
        }
    }

    @Override
    String declaration(String name, Abi abi) {
        return type.cName() + " " + name;
    }
}
