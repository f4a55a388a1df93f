package dev.airlock.bench;

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
 * stb_truetype rendering one line of text ({@link Inputs#TEXT} at {@link Inputs#PIXEL_HEIGHT} px
 * with DejaVu Sans into a fresh {@link Inputs#LINE_WIDTH}x{@link Inputs#LINE_HEIGHT} bitmap), the
 * font opened in setup. Setup checks the bitmap against the native build's. Fifteen seconds of
 * warm-up: on two cores the Wasm engines' code takes several seconds to reach C2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xss16m"})
public class TextBenchmark {
    @Param({"native", "airlock", "airlock_wasmopt", "chicory"})
    public String engine;

    private Engines.LineRenderer renderer;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] font = Inputs.font();
        byte[] expected;
        try (Engines.LineRenderer reference = Engines.lineRenderer("native", font)) {
            expected = render(reference);
        }
        renderer = Engines.lineRenderer(engine, font);
        Engines.requireSamePixels(engine + " rendering the line", expected, render(renderer));
    }

    static byte[] render(Engines.LineRenderer r) {
        return r.render(Inputs.TEXT, Inputs.PIXEL_HEIGHT, Inputs.LINE_WIDTH, Inputs.LINE_HEIGHT);
    }

    @Benchmark
    public byte[] renderLine() {
        return render(renderer);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        renderer.close();
    }
}
