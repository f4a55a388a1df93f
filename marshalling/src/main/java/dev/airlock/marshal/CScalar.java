package dev.airlock.marshal;

/**
 * The C scalar types a struct field can have. Sizes and alignments come from an {@link Abi}; some
 * ({@code long}, {@code size_t}, {@code ptrdiff_t}) differ between wasm32 and LP64, which is why a
 * Java declaration names the C type rather than a width. Pointers are declared with
 * {@link Pointer @Pointer} or a {@code TaintedPointer} component instead.
 */
public enum CScalar {
    /** {@code char}: signed on both supported ABIs. */
    CHAR(Rank.CHAR, true),
    /** {@code signed char}. */
    SIGNED_CHAR(Rank.CHAR, true),
    /** {@code unsigned char}. */
    UNSIGNED_CHAR(Rank.CHAR, false),
    /** {@code short}. */
    SHORT(Rank.SHORT, true),
    /** {@code unsigned short}. */
    UNSIGNED_SHORT(Rank.SHORT, false),
    /** {@code int}. */
    INT(Rank.INT, true),
    /** {@code unsigned int}. */
    UNSIGNED_INT(Rank.INT, false),
    /** {@code long}: 4 bytes on wasm32, 8 on LP64. */
    LONG(Rank.LONG, true),
    /** {@code unsigned long}: 4 bytes on wasm32, 8 on LP64. */
    UNSIGNED_LONG(Rank.LONG, false),
    /** {@code long long}. */
    LONG_LONG(Rank.LONG_LONG, true),
    /** {@code unsigned long long}. */
    UNSIGNED_LONG_LONG(Rank.LONG_LONG, false),
    /** {@code size_t}: as wide as a pointer, unsigned. */
    SIZE_T(Rank.POINTER, false),
    /** {@code ptrdiff_t} / {@code ssize_t} / {@code intptr_t}: as wide as a pointer, signed. */
    PTRDIFF_T(Rank.POINTER, true),
    /** {@code int8_t}. */
    INT8(Rank.CHAR, true),
    /** {@code uint8_t}. */
    UINT8(Rank.CHAR, false),
    /** {@code int16_t}. */
    INT16(Rank.SHORT, true),
    /** {@code uint16_t}. */
    UINT16(Rank.SHORT, false),
    /** {@code int32_t}. */
    INT32(Rank.INT, true),
    /** {@code uint32_t}. */
    UINT32(Rank.INT, false),
    /** {@code int64_t}. */
    INT64(Rank.LONG_LONG, true),
    /** {@code uint64_t}. */
    UINT64(Rank.LONG_LONG, false),
    /** {@code float} (IEEE 754 single). */
    FLOAT(Rank.FLOAT, true),
    /** {@code double} (IEEE 754 double). */
    DOUBLE(Rank.DOUBLE, true),
    /** {@code bool} / {@code _Bool}: one byte. */
    BOOL(Rank.BOOL, false);

    /** What decides the size: the standard C types whose sizes the ABI fixes. */
    enum Rank { CHAR, SHORT, INT, LONG, LONG_LONG, POINTER, FLOAT, DOUBLE, BOOL }

    final Rank rank;
    private final boolean signed;

    CScalar(Rank rank, boolean signed) {
        this.rank = rank;
        this.signed = signed;
    }

    /**
     * Whether the type is a signed integer type (false for {@code bool}; true for the floating types).
     *
     * @return the signedness
     */
    public boolean isSigned() {
        return signed;
    }

    /**
     * Whether this is {@code float} or {@code double}.
     *
     * @return true for the floating types
     */
    public boolean isFloating() {
        return rank == Rank.FLOAT || rank == Rank.DOUBLE;
    }

    /**
     * The type as C spells it, for messages and generated declarations.
     *
     * @return for example {@code "unsigned long"} or {@code "uint8_t"}
     */
    public String cName() {
        switch (this) {
            case SIGNED_CHAR: return "signed char";
            case UNSIGNED_CHAR: return "unsigned char";
            case UNSIGNED_SHORT: return "unsigned short";
            case UNSIGNED_INT: return "unsigned int";
            case UNSIGNED_LONG: return "unsigned long";
            case LONG_LONG: return "long long";
            case UNSIGNED_LONG_LONG: return "unsigned long long";
            case SIZE_T: return "size_t";
            case PTRDIFF_T: return "ptrdiff_t";
            case BOOL: return "_Bool";
            case INT8: case UINT8: case INT16: case UINT16: case INT32: case UINT32: case INT64: case UINT64:
                return name().toLowerCase(java.util.Locale.ROOT) + "_t";
            default:
                return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
