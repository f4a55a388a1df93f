package dev.airlock.wasm.binary;

import dev.airlock.wasm.syntax.ModuleDefinition;

/**
 * Decodes the data count section (spec 5.5.15): one u32, the number of data segments. Its
 * agreement with the data section is checked once the whole module has been read.
 */
final class DataCountSectionDecoder {
    /** Not instantiable. */
    private DataCountSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.dataCount}. */
    static void decode(ByteReader r, ModuleDefinition.Builder module) {
        module.dataCount = r.index();
    }
}
