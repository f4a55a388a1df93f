package dev.airlock.libs;

import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.runtime.InstanceConfig;
import dev.airlock.wasm.wasi.Wasi;
import dev.airlock.wasm.wasi.WasiClock;
import dev.airlock.wasm.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The libraries' Wasm modules: classpath resources under {@code dev/airlock/libs/wasm/}, built by
 * {@code libs/src/main/c/build.sh}. Each is compiled once per class loader, on first use, and
 * shared by every binding (a {@link WasmModule} is immutable and thread-safe); each binding
 * object instantiates it once.
 */
public final class WasmModules {
    /** Where the modules are on the classpath. */
    static final String RESOURCE_DIR = "dev/airlock/libs/wasm/";

    /** The default limits of an instance: at most 1 GiB of memory (16,384 pages). */
    public static final InstanceConfig DEFAULT_CONFIG = InstanceConfig.DEFAULT.withMaxMemoryPages(16_384);

    private static final ConcurrentMap<String, WasmModule> COMPILED = new ConcurrentHashMap<>();

    private WasmModules() {
    }

    /** Whether library {@code name} (e.g. {@code "stb_image"}) was built in {@code variant}. */
    public static boolean isAvailable(String name, WasmVariant variant) {
        return WasmModules.class.getClassLoader().getResource(variant.resource(name)) != null;
    }

    /**
     * The compiled module of library {@code name} in {@code variant}, compiled on first use.
     *
     * @throws IllegalStateException if the module was not built
     */
    public static WasmModule module(String name, WasmVariant variant) {
        return COMPILED.computeIfAbsent(variant.resource(name), WasmModules::compile);
    }

    private static WasmModule compile(String resource) {
        byte[] bytes;
        try (InputStream in = WasmModules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the Wasm module " + resource + " is not on the classpath: build the libs"
                        + " module with the C toolchain (Debian packages clang lld wasi-libc libclang-rt-14-dev-wasm32"
                        + " gcc libstb-dev libqoi-dev; scripts/prerequisites.sh installs them)");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return WasmModule.compile(bytes);
    }

    /**
     * A new instance of {@code module} linked with WASI preview1 ({@code wasi}, which grants
     * nothing: no files, arguments or environment; standard error goes to {@code stderr}), its
     * {@code _initialize} run.
     */
    static Instance instantiate(WasmModule module, InstanceConfig config, Wasi wasi) {
        Instance instance = module.instantiate(wasi.addTo(new Imports()), config);
        wasi.initialize(instance);
        return instance;
    }

    /**
     * The WASI environment of a library instance: deny by default (no preopened directory, no
     * arguments, no environment, empty standard input, standard output discarded), deterministic
     * clocks and randomness, standard error into {@code stderr} (where a failed assertion in the
     * library writes its message).
     */
    static Wasi wasi(java.io.OutputStream stderr) {
        return new Wasi(WasiConfig.builder()
                .stderr(stderr)
                .clock(WasiClock.deterministic(0))
                .random(new java.util.Random(0))
                .build());
    }
}
