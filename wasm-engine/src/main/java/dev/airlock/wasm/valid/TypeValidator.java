package dev.airlock.wasm.valid;

import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.Limits;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TableType;

/**
 * Validity of the types a module declares (spec 3.2 "Types"): limits (3.2.1), table types (3.2.4),
 * memory types (3.2.5) and global types (3.2.6). Function types (3.2.3) are always valid.
 */
final class TypeValidator {
    /** The largest table size a table type may name: 2^32 - 1 elements (spec 3.2.4). */
    static final long MAX_TABLE_SIZE = 0xFFFF_FFFFL;

    /** Not instantiable: this class only holds static rules. */
    private TypeValidator() {
    }

    /**
     * Limits {@code {min, max?}} are valid within range {@code k} if min and max are at most k and min
     * is at most max (spec 3.2.1). Both bounds are unsigned; {@code tooLarge} is the message for a
     * bound above {@code k}.
     */
    static void validateLimits(Limits limits, long range, String tooLarge, String where) {
        if (limits == null) {
            throw ValidationErrors.invalid("malformed limits", where);
        }
        long min = limits.min();
        if (min < 0 || min > range) {
            throw ValidationErrors.invalid(tooLarge, where);
        }
        if (limits.hasMax()) {
            long max = limits.max();
            if (max < 0 || max > range) {
                throw ValidationErrors.invalid(tooLarge, where);
            }
            if (min > max) {
                throw ValidationErrors.invalid("size minimum must not be greater than maximum", where);
            }
        }
    }

    /** A table type is valid if its limits are valid within 2^32 - 1 and it holds references (3.2.4). */
    static void validateTable(TableType type, String where) {
        if (type == null || type.elementType() == null || !type.elementType().isReference()) {
            throw ValidationErrors.invalid("malformed reference type", where);
        }
        validateLimits(type.limits(), MAX_TABLE_SIZE, "table size must be at most 2^32-1", where);
    }

    /** A memory type is valid if its limits are valid within 65536 pages (3.2.5). */
    static void validateMemory(MemoryType type, String where) {
        if (type == null) {
            throw ValidationErrors.invalid("malformed memory type", where);
        }
        validateLimits(type.limits(), MemoryType.MAX_PAGES, "memory size must be at most 65536 pages (4GiB)", where);
    }

    /** A global type is valid if its value type is (3.2.6); here: it must be present. */
    static void validateGlobal(GlobalType type, String where) {
        if (type == null || type.valueType() == null) {
            throw ValidationErrors.invalid("malformed global type", where);
        }
    }
}
