package dev.airlock.wasm.binary;

import dev.airlock.wasm.syntax.Import;
import dev.airlock.wasm.syntax.ModuleDefinition;

/**
 * Decodes the import section (spec 5.5.5): a vector of imports, each a module name, an item name
 * and a descriptor whose kind byte is 0x00 (function: type index), 0x01 (table type), 0x02
 * (memory type) or 0x03 (global type).
 */
final class ImportSectionDecoder {
    /** Not instantiable. */
    private ImportSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.imports}. */
    static void decode(ByteReader r, ModuleDefinition.Builder module) {
        int n = r.length();
        for (int i = 0; i < n; i++) {
            module.imports.add(importEntry(r));
        }
    }

    /** One import. */
    private static Import importEntry(ByteReader r) {
        String moduleName = r.name();
        String itemName = r.name();
        int at = r.position();
        int kind = r.u8();
        switch (kind) {
            case 0x00: return Import.function(moduleName, itemName, r.index());
            case 0x01: return Import.table(moduleName, itemName, TypeDecoder.tableType(r));
            case 0x02: return Import.memory(moduleName, itemName, TypeDecoder.memoryType(r));
            case 0x03: return Import.global(moduleName, itemName, TypeDecoder.globalType(r));
            default: throw r.error(Messages.MALFORMED_IMPORT_KIND + ": 0x" + Integer.toHexString(kind), at);
        }
    }
}
