package dev.airlock.bench;

import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link DecodeBase} on the JVM's Wasm engines: Airlock (standard and wasm-opt builds) and Chicory.
 * Ten seconds of warm-up: C2 has to compile the generated classes (on two cores, with the
 * benchmark running) before the measured iterations.
 */
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecodeWasmBenchmark extends DecodeBase {
    @Param({"airlock", "airlock_wasmopt", "chicory"})
    public String engine;

    @Override
    protected String engine() {
        return engine;
    }
}
