package dev.airlock.wasm.binary;

import dev.airlock.wasm.syntax.ModuleDefinition;

/** Decodes the table section (spec 5.5.7): a vector of table types. */
final class TableSectionDecoder {
    /** Not instantiable. */
    private TableSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.tables}. */
    static void decode(ByteReader r, ModuleDefinition.Builder module) {
        int n = r.length();
        for (int i = 0; i < n; i++) {
            module.tables.add(TypeDecoder.tableType(r));
        }
    }
}
