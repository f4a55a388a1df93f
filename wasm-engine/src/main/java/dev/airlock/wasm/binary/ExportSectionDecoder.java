package dev.airlock.wasm.binary;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.syntax.Export;
import dev.airlock.wasm.syntax.ModuleDefinition;

/**
 * Decodes the export section (spec 5.5.10): a vector of exports, each a name and a descriptor
 * whose kind byte is 0x00 (function), 0x01 (table), 0x02 (memory) or 0x03 (global), followed by
 * an index. Name uniqueness is left to the validator.
 */
final class ExportSectionDecoder {
    /** Not instantiable. */
    private ExportSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.exports}. */
    static void decode(ByteReader r, ModuleDefinition.Builder module) {
        int n = r.length();
        for (int i = 0; i < n; i++) {
            String name = r.name();
            int at = r.position();
            int code = r.u8();
            ExternKind kind = ExternKind.fromBinaryCode(code);
            if (kind == null) {
                throw r.error(Messages.MALFORMED_EXPORT_KIND + ": 0x" + Integer.toHexString(code), at);
            }
            module.exports.add(new Export(name, kind, r.index()));
        }
    }
}
