package dev.airlock.libs;

/** Which Wasm build of a library a {@code …Wasm} binding runs. */
public enum WasmVariant {
    /** Linked without {@code -O}: clang's function boundaries kept. The default. */
    STANDARD(".wasm"),
    /**
     * Linked with {@code -O2}, so clang ran binaryen's {@code wasm-opt}, which inlines and merges
     * functions into huge ones: for benchmarks of the engine's handling of huge functions.
     */
    WASM_OPT(".wasmopt.wasm");

    private final String suffix;

    WasmVariant(String suffix) {
        this.suffix = suffix;
    }

    /** The classpath resource of library {@code name} in this variant. */
    String resource(String name) {
        return WasmModules.RESOURCE_DIR + name + suffix;
    }
}
