package dev.airlock.wasm.syntax;

import dev.airlock.wasm.ExternKind;

/**
 * An export (spec 2.5.12): a name and an index into the index space of its kind.
 *
 * @param name the export name, unique within the module
 * @param kind what is exported
 * @param index the function, table, memory or global index
 */
public record Export(String name, ExternKind kind, int index) {
}
