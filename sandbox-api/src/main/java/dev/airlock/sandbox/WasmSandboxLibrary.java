package dev.airlock.sandbox;

import dev.airlock.wasm.WasmModule;

/** A compiled WebAssembly module, the source of isolated sandboxes. */
final class WasmSandboxLibrary extends SandboxLibrary {
    /** The compiled module: immutable and thread-safe, shared by every sandbox of this library. */
    final WasmModule module;

    WasmSandboxLibrary(String name, WasmModule module) {
        super(name);
        this.module = module;
    }

    @Override
    public boolean isIsolated() {
        return true;
    }

    @Override
    Backend open(SandboxConfig config, Object owner) {
        return WasmBackend.open(this, config, owner);
    }
}
