package dev.airlock.wasm;

/** The four kinds of things a module imports and exports (spec 2.5.10 "Imports", 2.5.11). */
public enum ExternKind {
    /** A function; binary code 0x00. */
    FUNCTION,
    /** A table; binary code 0x01. */
    TABLE,
    /** A memory; binary code 0x02. */
    MEMORY,
    /** A global; binary code 0x03. */
    GLOBAL;

    /** The kind encoded by {@code code} in import and export descriptors, or null. */
    public static ExternKind fromBinaryCode(int code) {
        switch (code) {
            case 0: return FUNCTION;
            case 1: return TABLE;
            case 2: return MEMORY;
            case 3: return GLOBAL;
            default: return null;
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
