package dev.airlock.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * stb_image decoding a file to 8-bit RGBA ({@code stbi_load_from_memory(..., 4)} through the glue,
 * with the host's copies in and out), one JVM per input and engine. Setup decodes the input once
 * with the native build (no SIMD) and once with the engine, and fails unless the pixels are
 * identical. The subclasses differ in their engines and warm-up: the Wasm engines need several
 * seconds of JIT compilation on a 2-core machine, the native builds none.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xss16m"})
public abstract class DecodeBase {
    /** Keep in step with {@link Inputs#ALL}. */
    @Param({"jpeg-camera_rgb", "jpeg-sddm_preview", "jpeg-RainDrops", "jpeg-Elephants_3840x2160",
            "png-ouster", "png-logo_text_256", "png-glow", "png-Sway_Wallpaper_Blue_2048x1536",
            "gif-earth", "gif-chimpshot", "bmp-liquid", "bmp-arraydemo", "tga-yellow", "tga-generated_rle",
            "pnm-crimson", "pnm-teapot", "psd-generated_rle", "hdr-generated_rle", "pic-generated_mixed"})
    public String input;

    private byte[] file;
    private Engines.Decoder decoder;

    /** The engine (a {@code @Param} of the subclass). */
    protected abstract String engine();

    @Setup(Level.Trial)
    public void setUp() {
        file = Inputs.bytes(input);
        byte[] expected;
        try (Engines.Decoder reference = Engines.decoder("native")) {
            expected = reference.rgba(file);
        }
        decoder = Engines.decoder(engine());
        Engines.requireSamePixels(engine() + " decoding " + input, expected, decoder.rgba(file));
    }

    @Benchmark
    public byte[] decode() {
        return decoder.rgba(file);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.close();
    }
}
