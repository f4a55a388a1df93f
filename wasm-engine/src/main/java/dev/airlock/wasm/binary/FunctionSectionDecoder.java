package dev.airlock.wasm.binary;

import dev.airlock.wasm.syntax.ModuleDefinition;

/** Decodes the function section (spec 5.5.6): the type index of each function the module defines. */
final class FunctionSectionDecoder {
    /** Not instantiable. */
    private FunctionSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.functionTypeIndices}. */
    static void decode(ByteReader r, ModuleDefinition.Builder module) {
        int n = r.length();
        for (int i = 0; i < n; i++) {
            module.functionTypeIndices.add(r.index());
        }
    }
}
