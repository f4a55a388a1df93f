package dev.airlock.wasm.binary;

import dev.airlock.wasm.syntax.ModuleDefinition;

/** Decodes the start section (spec 5.5.11): one function index. */
final class StartSectionDecoder {
    /** Not instantiable. */
    private StartSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.startFunction}. */
    static void decode(ByteReader r, ModuleDefinition.Builder module) {
        module.startFunction = r.index();
    }
}
