package dev.airlock.wasm.binary;

import dev.airlock.wasm.syntax.ModuleDefinition;

/** Decodes the memory section (spec 5.5.8): a vector of memory types. */
final class MemorySectionDecoder {
    /** Not instantiable. */
    private MemorySectionDecoder() {
    }

    /** Reads the section's contents into {@code module.memories}. */
    static void decode(ByteReader r, ModuleDefinition.Builder module) {
        int n = r.length();
        for (int i = 0; i < n; i++) {
            module.memories.add(TypeDecoder.memoryType(r));
        }
    }
}
