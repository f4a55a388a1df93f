package dev.airlock.wasm.syntax;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TableType;

/**
 * An import (spec 2.5.11): a two-level name and the type of what is imported. Exactly the field
 * that matches {@link #kind} is set; the others are -1 or null.
 *
 * @param module the first-level name
 * @param name the second-level name
 * @param kind what is imported
 * @param functionTypeIndex for a function, the index of its type in the type section
 * @param tableType for a table, its type
 * @param memoryType for a memory, its type
 * @param globalType for a global, its type
 */
public record Import(String module, String name, ExternKind kind, int functionTypeIndex,
                     TableType tableType, MemoryType memoryType, GlobalType globalType) {

    /** A function import of the type at {@code typeIndex}. */
    public static Import function(String module, String name, int typeIndex) {
        return new Import(module, name, ExternKind.FUNCTION, typeIndex, null, null, null);
    }

    /** A table import. */
    public static Import table(String module, String name, TableType type) {
        return new Import(module, name, ExternKind.TABLE, -1, type, null, null);
    }

    /** A memory import. */
    public static Import memory(String module, String name, MemoryType type) {
        return new Import(module, name, ExternKind.MEMORY, -1, null, type, null);
    }

    /** A global import. */
    public static Import global(String module, String name, GlobalType type) {
        return new Import(module, name, ExternKind.GLOBAL, -1, null, null, type);
    }
}
