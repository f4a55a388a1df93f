package dev.airlock.bench;

import dev.airlock.libs.WasmModules;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.wasi.Wasi;
import dev.airlock.wasm.wasi.WasiConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Instantiating an already compiled module, ready to call: a fresh WASI environment (nothing
 * granted), linking, memory and data segments, and the reactor's {@code _initialize} — what
 * {@code StbImageWasm} does for a new binding. Chicory: {@code Instance.builder(...).build()} with
 * the precompiled machine factory and {@code ByteArrayMemory}, then {@code _initialize}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xss16m"})
public class InstantiateBenchmark {
    @Param({"stb_image", "stb_truetype"})
    public String library;

    @Param({"airlock", "chicory"})
    public String engine;

    private WasmModule airlock;
    private ChicoryGlue.Compiled chicory;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = BenchEnv.wasm(library + ".wasm");
        if (engine.equals("chicory")) {
            chicory = ChicoryGlue.Compiled.compile(bytes);
        } else {
            airlock = WasmModule.compile(bytes);
        }
    }

    @Benchmark
    public Object instantiate() {
        if (chicory != null) {
            return chicory.instantiate();
        }
        Wasi wasi = new Wasi(WasiConfig.builder().build());
        Instance instance = airlock.instantiate(wasi.addTo(new Imports()), WasmModules.DEFAULT_CONFIG);
        wasi.initialize(instance);
        return instance;
    }
}
