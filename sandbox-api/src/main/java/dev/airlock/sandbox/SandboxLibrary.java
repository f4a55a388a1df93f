package dev.airlock.sandbox;

import dev.airlock.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A library that sandboxes are created from: a WebAssembly module (the isolated backend) or a
 * native shared library loaded with JNA (no isolation: RLBox's "noop" sandbox, the migration path
 * and the reference for differential tests). Immutable and thread-safe; create it once and make
 * any number of {@link Sandbox}es from it.
 *
 * <pre>{@code
 * SandboxLibrary wasm = SandboxLibrary.wasm("zlib", Files.readAllBytes(Path.of("zlib.wasm")));
 * SandboxLibrary same = SandboxLibrary.nativeLibrary(Path.of("/usr/lib/x86_64-linux-gnu/libz.so.1"));
 * }</pre>
 */
public abstract class SandboxLibrary {
    /** The name used in messages, events and logs. */
    private final String name;

    SandboxLibrary(String name) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a library name must not be blank");
        }
    }

    /**
     * A WebAssembly library: a {@code wasm32-wasi} reactor module (built with
     * {@code clang --target=wasm32-wasi -mexec-model=reactor}), compiled here, once, to JVM
     * classes (a JFR {@code dev.airlock.sandbox.Compile} event records it). For callbacks the
     * module must export its function table and let it grow (link with
     * {@code -Wl,--export-table -Wl,--growable-table}); for {@link Sandbox#malloc} it must
     * export {@code malloc} and {@code free}.
     *
     * @param name a name for messages
     * @throws dev.airlock.wasm.WasmException if the bytes are not a valid module
     */
    public static SandboxLibrary wasm(String name, byte[] wasmBytes) {
        Objects.requireNonNull(wasmBytes, "wasmBytes");
        SandboxCompileEvent event = SandboxEvents.beginCompile();
        WasmModule module = WasmModule.compile(wasmBytes);
        SandboxEvents.compiled(event, name, wasmBytes.length, module);
        return new WasmSandboxLibrary(name, module);
    }

    /** A WebAssembly library from a module compiled already (see {@link #wasm(String, byte[])}). */
    public static SandboxLibrary wasm(String name, WasmModule module) {
        return new WasmSandboxLibrary(name, Objects.requireNonNull(module, "module"));
    }

    /** A WebAssembly library read from {@code file}, named after the file. */
    public static SandboxLibrary wasm(Path file) throws IOException {
        return wasm(file.getFileName().toString(), Files.readAllBytes(file));
    }

    /**
     * A native shared library at {@code file}, loaded with JNA when a sandbox is created. Not
     * isolated: its code runs in the JVM's process with full access, so a bug in it can crash
     * or compromise the JVM. The same interfaces bind to it as to the Wasm build.
     */
    public static SandboxLibrary nativeLibrary(Path file) {
        Path absolute = file.toAbsolutePath();
        return new NativeSandboxLibrary(absolute.getFileName().toString(), absolute.toString());
    }

    /**
     * A native shared library found by JNA's search ({@code jna.library.path}, the system's
     * library path): {@code "z"} finds {@code libz.so}. See {@link #nativeLibrary(Path)}.
     */
    public static SandboxLibrary nativeLibrary(String name) {
        return new NativeSandboxLibrary(name, name);
    }

    /** The library's name. */
    public final String name() {
        return name;
    }

    /** Whether sandboxes of this library are isolated from the host (true for Wasm, false for native). */
    public abstract boolean isIsolated();

    /** Opens the backend of a new sandbox; {@code owner} is the sandbox (the memory's identity). */
    abstract Backend open(SandboxConfig config, Object owner);

    @Override
    public String toString() {
        return (isIsolated() ? "wasm library " : "native library ") + name;
    }
}
