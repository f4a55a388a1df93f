package dev.airlock.bench;

import dev.airlock.wasm.WasmModule;
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
 * Compiling a module from its bytes to something that can be instantiated: for Airlock
 * {@link WasmModule#compile(byte[])} (decode, validate, translate every function, load the
 * classes); for Chicory {@code Parser.parse} and {@code MachineFactoryCompiler.compile}.
 *
 * <p>{@link #cold}: the first compilation in a fresh JVM — one measurement per fork, several forks
 * (what an application pays at first use, class loading and interpreted compiler included).
 * {@link #warm}: the average over repeated compilations in one JVM once the compiler itself is
 * JIT-compiled.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {
    @Param({"stb_image", "stb_truetype"})
    public String library;

    @Param({"airlock", "airlock_wasmopt", "chicory"})
    public String engine;

    private byte[] bytes;

    @Setup(Level.Trial)
    public void setUp() {
        bytes = BenchEnv.wasm(library + (engine.equals("airlock_wasmopt") ? ".wasmopt.wasm" : ".wasm"));
    }

    private Object compile() {
        return engine.equals("chicory") ? ChicoryGlue.Compiled.compile(bytes) : WasmModule.compile(bytes);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(value = 8, jvmArgsAppend = {"-Xmx4g", "-Xss16m"})
    public Object cold() {
        return compile();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xss16m"})
    public Object warm() {
        return compile();
    }
}
