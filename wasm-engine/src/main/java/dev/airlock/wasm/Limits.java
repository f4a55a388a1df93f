package dev.airlock.wasm;

/**
 * Size limits of a memory or table (spec 2.3.7 "Limits"): a minimum and an optional maximum, both
 * unsigned 32-bit values held in a {@code long}.
 *
 * @param min the minimum size (pages for memories, elements for tables)
 * @param max the maximum size, or {@link #NO_MAX} when there is none
 */
public record Limits(long min, long max) {
    /** The value of {@link #max} when no maximum is declared. */
    public static final long NO_MAX = -1;

    /** Whether a maximum is declared. */
    public boolean hasMax() {
        return max != NO_MAX;
    }

    /**
     * Whether limits {@code this} (of an extern value being imported) match the limits an import
     * declares (spec 4.5.2 "Import Subtyping": min at least as large, max at most as large).
     */
    public boolean matches(Limits declared) {
        if (min < declared.min) {
            return false;
        }
        if (!declared.hasMax()) {
            return true;
        }
        return hasMax() && max <= declared.max;
    }

    @Override
    public String toString() {
        return hasMax() ? min + ".." + max : min + "..";
    }
}
