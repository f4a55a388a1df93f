package dev.airlock.wasm.binary;

import dev.airlock.wasm.syntax.ModuleDefinition;

/** Decodes the type section (spec 5.5.4): a vector of function types. */
final class TypeSectionDecoder {
    /** Not instantiable. */
    private TypeSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.types}. */
    static void decode(ByteReader r, ModuleDefinition.Builder module) {
        int n = r.length();
        for (int i = 0; i < n; i++) {
            module.types.add(TypeDecoder.functionType(r));
        }
    }
}
