package dev.airlock.bench;

import java.time.Duration;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of crossing into a sandboxed library and back, with a library that does almost nothing
 * ({@code bench/src/main/c/boundary.c}):
 *
 * <ul>
 *   <li>{@link #emptyCall}: {@code boundary_identity(x)};
 *   <li>{@link #roundTrip1k}: 1 KB copied into the library's memory, XORed there, copied out;
 *   <li>{@link #callbackRoundTrip}: the host calls the library, which calls a host callback once.
 * </ul>
 *
 * Engines ({@code engine}): {@code airlock} — the Wasm build through {@code Sandbox.bind}, no
 * deadline (the sandbox's default); {@code airlock_deadline} — the same with a 1 s
 * {@code callDeadline}, as the libs module's safe APIs always set one; {@code airlock_native} —
 * the same interface bound to the native build ({@code SandboxLibrary.nativeLibrary}, JNA
 * underneath); {@code jna} — the native build through a plain JNA {@code Library} interface, the
 * baseline of a JNA user today.
 *
 * <p>Setup runs every operation and fails unless the results are right (the identity, the XORed
 * bytes, 2x + 1 from the callback), so that no engine can post a time for a call that did not
 * happen. The argument is a non-final field, so the JIT cannot fold it; results go to JMH's
 * blackhole as return values. Ten seconds of warm-up: the Wasm code, the generated binding and
 * the callback adapter must reach C2 on a 2-core machine; two forks, because a few-nanosecond
 * result varies with the code layout of one JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx4g", "-Xss16m"})
public class BoundaryBenchmark {
    /** The per-call deadline of {@code airlock_deadline}. */
    static final Duration DEADLINE = Duration.ofSeconds(1);

    @Param({"airlock", "airlock_deadline", "airlock_native", "jna"})
    public String engine;

    /** The argument of the calls (a field: not a constant to the JIT). */
    public int argument = 21;

    private byte[] input;
    private BoundaryCalls calls;

    /** The calls of {@code engine}. */
    static BoundaryCalls open(String engine) {
        return switch (engine) {
            case "airlock" -> SandboxBoundaryCalls.wasm(null);
            case "airlock_deadline" -> SandboxBoundaryCalls.wasm(DEADLINE);
            case "airlock_native" -> SandboxBoundaryCalls.nativeBackend();
            case "jna" -> new JnaBoundaryCalls();
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        input = new byte[BoundaryCalls.BUFFER_BYTES];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i * 31 + 7);
        }
        calls = open(engine);
        verify(engine, calls, input);
    }

    /** Fails unless every operation of {@code calls} gives the right result (twice, so state does not leak). */
    static void verify(String engine, BoundaryCalls calls, byte[] input) {
        for (int x : new int[] {21, -5, 0, Integer.MAX_VALUE}) {
            require(calls.identity(x) == x, engine + ": boundary_identity(" + x + ") returned " + calls.identity(x));
            int expected = 2 * x + 1;
            int actual = calls.callback(x);
            require(actual == expected, engine + ": boundary_call(twice, " + x + ") returned " + actual + ", not " + expected);
        }
        byte[] expected = new byte[input.length];
        for (int i = 0; i < input.length; i++) {
            expected[i] = (byte) (input[i] ^ BoundaryLibrary.XOR_MASK);
        }
        for (int round = 0; round < 2; round++) {
            byte[] out = calls.roundTrip(input);
            if (!Arrays.equals(expected, out)) {
                throw new IllegalStateException(engine + ": the 1 KB round trip gave " + out.length + " bytes, first difference"
                        + " at " + Arrays.mismatch(expected, out));
            }
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    @Benchmark
    public int emptyCall() {
        return calls.identity(argument);
    }

    @Benchmark
    public byte[] roundTrip1k() {
        return calls.roundTrip(input);
    }

    @Benchmark
    public int callbackRoundTrip() {
        return calls.callback(argument);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        calls.close();
    }
}
