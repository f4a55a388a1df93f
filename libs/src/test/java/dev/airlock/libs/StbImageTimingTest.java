package dev.airlock.libs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A quick measurement, not a benchmark: decode times of the corpus's largest JPEG and PNG on the
 * sandboxed builds and the native ones. Runs only with {@code -Dairlock.timing=true}.
 */
@EnabledIfSystemProperty(named = "airlock.timing", matches = "true")
class StbImageTimingTest {
    @Test
    void largestJpegAndPng() throws Exception {
        Path root = Prerequisites.assumeCorpus();
        Prerequisites.assumeBuilt(StbImageWasm.LIBRARY);
        for (String ext : new String[] {"jpg", "png"}) {
            Path file = largest(root, ext).orElseThrow();
            byte[] bytes = Files.readAllBytes(file);
            StbImage.Info info = new StbImageNative().info(bytes);
            System.out.printf("%s (%d bytes, %dx%dx%d)%n", root.relativize(file), bytes.length, info.width(), info.height(),
                    info.channels());
            long t0 = System.nanoTime();
            WasmModules.module(StbImageWasm.LIBRARY, WasmVariant.STANDARD);
            WasmModules.module(StbImageWasm.LIBRARY, WasmVariant.WASM_OPT);
            System.out.printf("  compile both modules: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            for (String lib : new String[] {"stb_image", "stb_truetype", "qoi"}) {
                for (WasmVariant v : WasmVariant.values()) {
                    System.out.printf("  %s %s: %s%n", lib, v, WasmModules.module(lib, v).statistics());
                }
            }
            List<Object[]> bindings = List.of(
                    new Object[] {"native, STBI_NO_SIMD", new StbImageNative()},
                    new Object[] {"native, SSE2", new StbImageNative(StbImageNative.Flavour.SIMD, DecodeLimits.DEFAULT)},
                    new Object[] {"wasm", new StbImageWasm()},
                    new Object[] {"wasm (wasm-opt, huge functions)", new StbImageWasm(WasmVariant.WASM_OPT, DecodeLimits.DEFAULT,
                            WasmModules.DEFAULT_CONFIG)});
            for (Object[] b : bindings) {
                try (StbImage stb = (StbImage) b[1]) {
                    long[] ms = new long[4];
                    for (int i = 0; i < ms.length; i++) {
                        long start = System.nanoTime();
                        stb.load(bytes, 0);
                        ms[i] = (System.nanoTime() - start) / 1_000_000;
                    }
                    System.out.printf("  %-34s first %6d ms, then %s ms%n", b[0], ms[0],
                            java.util.Arrays.toString(java.util.Arrays.copyOfRange(ms, 1, ms.length)));
                }
            }
        }
    }

    private static Optional<Path> largest(Path root, String ext) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Prerequisites.extension(p).equals(ext)).max(Comparator.comparingLong(p -> p.toFile().length()));
        }
    }
}
