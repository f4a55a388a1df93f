package dev.airlock.bench;

import dev.airlock.libs.DecodeLimits;
import dev.airlock.libs.StbImage;
import dev.airlock.libs.StbImageNative;
import dev.airlock.libs.StbImageWasm;
import dev.airlock.libs.TrueType;
import dev.airlock.libs.TrueTypeNative;
import dev.airlock.libs.TrueTypeWasm;
import dev.airlock.libs.WasmModules;
import dev.airlock.libs.WasmVariant;
import java.util.Arrays;

/**
 * The engines measured on the JVM side, by the names used in the benchmarks' {@code engine}
 * parameter and in the results:
 *
 * <ul>
 *   <li>{@code native}: the glue compiled by gcc -O2 with {@code STBI_NO_SIMD}, through JNA (the
 *       reference: every ratio is to this);
 *   <li>{@code native_sse2}: the same with stb_image's SSE2 paths (stb_image only);
 *   <li>{@code airlock}: the standard Wasm build on Airlock's engine ({@link StbImageWasm});
 *   <li>{@code airlock_wasmopt}: the wasm-opt ("huge functions") build on Airlock's engine;
 *   <li>{@code chicory}: the standard Wasm build on Chicory 1.7.5's compiler ({@link ChicoryGlue}).
 * </ul>
 * (V8 runs in node, see {@link NodeRunner}.)
 */
public final class Engines {
    /** The limit on a decoded image (256 MiB), as {@link DecodeLimits#DEFAULT}. */
    static final int MAX_OUTPUT_BYTES = DecodeLimits.DEFAULT.maxOutputBytes();

    private Engines() {
    }

    /** Decodes a file to 8-bit RGBA. */
    public interface Decoder extends AutoCloseable {
        byte[] rgba(byte[] file);

        @Override
        void close();
    }

    /** Renders one line of text with a font opened beforehand. */
    public interface LineRenderer extends AutoCloseable {
        byte[] render(String text, float pixelHeight, int width, int height);

        @Override
        void close();
    }

    /** The stb_image decoder of {@code engine}. */
    public static Decoder decoder(String engine) {
        BenchEnv.init();
        return switch (engine) {
            case "native" -> of(new StbImageNative(StbImageNative.Flavour.NO_SIMD, DecodeLimits.DEFAULT));
            case "native_sse2" -> of(new StbImageNative(StbImageNative.Flavour.SIMD, DecodeLimits.DEFAULT));
            case "airlock" -> of(new StbImageWasm(WasmVariant.STANDARD, DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG));
            case "airlock_wasmopt" -> of(new StbImageWasm(WasmVariant.WASM_OPT, DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG));
            case "chicory" -> new ChicoryGlue.StbImage(ChicoryGlue.Compiled.compile(BenchEnv.wasm("stb_image.wasm")));
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }

    private static Decoder of(StbImage stb) {
        return new Decoder() {
            @Override
            public byte[] rgba(byte[] file) {
                return stb.load(file, 4).pixels();
            }

            @Override
            public void close() {
                stb.close();
            }
        };
    }

    /** The stb_truetype line renderer of {@code engine}, with {@code font} opened. */
    public static LineRenderer lineRenderer(String engine, byte[] font) {
        BenchEnv.init();
        return switch (engine) {
            case "native" -> of(new TrueTypeNative(DecodeLimits.DEFAULT), font);
            case "airlock" -> of(new TrueTypeWasm(WasmVariant.STANDARD, DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG), font);
            case "airlock_wasmopt" -> of(new TrueTypeWasm(WasmVariant.WASM_OPT, DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG),
                    font);
            case "chicory" -> new ChicoryGlue.TrueType(ChicoryGlue.Compiled.compile(BenchEnv.wasm("stb_truetype.wasm")), font);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }

    private static LineRenderer of(TrueType tt, byte[] fontFile) {
        TrueType.Font font = tt.open(fontFile, 0);
        return new LineRenderer() {
            @Override
            public byte[] render(String text, float pixelHeight, int width, int height) {
                return font.renderLine(text, pixelHeight, width, height).pixels();
            }

            @Override
            public void close() {
                font.close();
                tt.close();
            }
        };
    }

    /**
     * The correctness guard: throws unless {@code actual} is byte for byte {@code expected} (what
     * the native build gave), so that an engine that computes wrong pixels cannot post a time.
     */
    public static void requireSamePixels(String what, byte[] expected, byte[] actual) {
        if (Arrays.equals(expected, actual)) {
            return;
        }
        if (expected.length != actual.length) {
            throw new IllegalStateException(what + ": " + actual.length + " bytes of pixels, native gave " + expected.length);
        }
        int first = -1;
        int count = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        throw new IllegalStateException(what + ": pixels differ from native in " + count + " of " + expected.length
                + " bytes (first at byte " + first + ": " + (actual[first] & 0xFF) + ", native " + (expected[first] & 0xFF) + ")");
    }
}
