package dev.airlock.wasm.binary;

import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.syntax.GlobalDefinition;
import dev.airlock.wasm.syntax.ModuleDefinition;

/** Decodes the global section (spec 5.5.9): a vector of global types with initialiser expressions. */
final class GlobalSectionDecoder {
    /** Not instantiable. */
    private GlobalSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.globals}. */
    static void decode(ByteReader r, InstructionDecoder code, ModuleDefinition.Builder module) {
        int n = r.length();
        for (int i = 0; i < n; i++) {
            GlobalType type = TypeDecoder.globalType(r);
            module.globals.add(new GlobalDefinition(type, code.constantExpression()));
        }
    }
}
