package dev.airlock.libs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of {@link QoiWasm} against {@link QoiNative}: encodings of generated and
 * corpus images (decoded by stb_image) must be byte-identical, decodings identical, round trips
 * lossless; damaged QOI files must fail or decode alike.
 */
class QoiWasmTest {
    private static QoiWasm wasm;
    private static Qoi reference;

    @BeforeAll
    static void open() {
        if (Prerequisites.isBuilt(QoiWasm.LIBRARY)) {
            wasm = new QoiWasm(Prerequisites.variant(), DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG);
            wasm.setCallTimeout(java.time.Duration.ofSeconds(60));
            reference = new QoiNative();
        }
    }

    /** Each test skips, naming the Debian packages, when the libraries were not built. */
    @BeforeEach
    void built() {
        Prerequisites.assumeBuilt(QoiWasm.LIBRARY);
    }

    @AfterAll
    static void close() {
        if (wasm != null) {
            wasm.close();
            reference.close();
        }
    }

    static String imageDifference(Qoi.Image e, Qoi.Image a) {
        String d = Mismatches.fields("[w, h, channels in file, colorspace, channels]",
                new int[] {e.width(), e.height(), e.channelsInFile(), e.colorspace(), e.channels()},
                new int[] {a.width(), a.height(), a.channelsInFile(), a.colorspace(), a.channels()});
        return d != null ? d : Mismatches.bytes(e.pixels(), a.pixels());
    }

    /** Encodes with both, compares; decodes the encoding with both in every mode, compares; checks the round trip. */
    static void roundTrip(Mismatches m, String input, byte[] pixels, int width, int height, int channels, int colorspace) {
        Outcome<byte[]> e = Outcome.of(() -> reference.encode(pixels, width, height, channels, colorspace));
        m.compare(input, "encode", e::value, () -> wasm.encode(pixels, width, height, channels, colorspace), Mismatches::bytes);
        if (e.failed()) {
            return;
        }
        byte[] qoi = e.value();
        for (int c : new int[] {0, 3, 4}) {
            m.compare(input, "decode(" + c + ")", () -> reference.decode(qoi, c), () -> wasm.decode(qoi, c),
                    QoiWasmTest::imageDifference);
        }
        Qoi.Image back = wasm.decode(qoi, 0);
        if (!java.util.Arrays.equals(pixels, back.pixels())) {
            m.add(input + " round trip: " + Mismatches.bytes(pixels, back.pixels()));
        }
    }

    @Test
    void generatedImagesRoundTripAlike() {
        Mismatches m = new Mismatches();
        int[][] sizes = {{1, 1}, {2, 3}, {37, 23}, {64, 64}, {257, 3}, {300, 200}};
        for (int[] size : sizes) {
            for (int channels : new int[] {3, 4}) {
                for (int colorspace : new int[] {0, 1}) {
                    byte[] pixels = TestImages.pattern(size[0], size[1], channels, size[0] * 31L + channels);
                    roundTrip(m, size[0] + "x" + size[1] + "x" + channels + "/cs" + colorspace, pixels, size[0], size[1],
                            channels, colorspace);
                }
            }
        }
        // Runs, index hits and small differences: what QOI's ops encode.
        byte[] flat = new byte[100 * 100 * 4];
        for (int i = 0; i < flat.length; i += 4) {
            int k = (i / 4) % 97;
            flat[i] = (byte) (k < 50 ? 10 : k);
            flat[i + 1] = (byte) (k < 50 ? 10 : k + 1);
            flat[i + 2] = (byte) (k % 5);
            flat[i + 3] = (byte) (k < 90 ? 255 : k);
        }
        roundTrip(m, "runs-and-diffs", flat, 100, 100, 4, 0);
        m.assertNone();
    }

    @Test
    void corpusImagesRoundTripAlike() {
        Path root = Prerequisites.assumeCorpus();
        Mismatches m = new Mismatches();
        int images = 0;
        try (StbImage stb = new StbImageNative()) {
            for (List<Path> files : Prerequisites.corpus(root, "png", "jpg", "gif", "bmp", "tga", "ppm", "pgm", "pnm").values()) {
                int taken = 0;
                for (Path p : files) {
                    if (taken == 6 || p.toFile().length() > 1_500_000) {
                        continue;
                    }
                    Outcome<StbImage.Image> decoded = Outcome.of(() -> stb.load(Prerequisites.read(p), 0));
                    if (decoded.failed()) {
                        continue;
                    }
                    StbImage.Image image = decoded.value();
                    int channels = image.channels() == 4 || image.channels() == 2 ? 4 : 3;
                    StbImage.Image rgb = stb.load(Prerequisites.read(p), channels);
                    roundTrip(m, root.relativize(p).toString(), rgb.pixels(), rgb.width(), rgb.height(), channels, 0);
                    taken++;
                    images++;
                }
            }
        }
        System.out.println(m.summary("qoi corpus (" + images + " images)"));
        m.assertNone();
    }

    @Test
    void damagedFilesDecodeAlike() {
        Mismatches m = new Mismatches();
        int seed = 0;
        for (int channels : new int[] {3, 4}) {
            byte[] pixels = TestImages.pattern(61, 45, channels, 77 + channels);
            byte[] qoi = reference.encode(pixels, 61, 45, channels, 0);
            for (Mutations.Variant v : Mutations.of(qoi, 300 + seed++, 40, 60)) {
                byte[] file = v.bytes();
                for (int c : new int[] {0, 4}) {
                    m.compare("qoi-" + channels + "/" + v.name(), "decode(" + c + ")", () -> reference.decode(file, c),
                            () -> wasm.decode(file, c), QoiWasmTest::imageDifference);
                }
            }
        }
        System.out.println(m.summary("damaged qoi"));
        assertTrue(m.comparisons() >= 400);
        m.assertNone();
    }

    @Test
    void limitsAndFailuresAlike() {
        byte[] pixels = TestImages.pattern(40, 30, 4, 5);
        byte[] qoi = wasm.encode(pixels, 40, 30, 4, 1);
        assertArrayEquals(reference.encode(pixels, 40, 30, 4, 1), qoi);
        Qoi.Image image = wasm.decode(qoi, 3);
        assertEquals(40, image.width());
        assertEquals(4, image.channelsInFile());
        assertEquals(1, image.colorspace());
        assertEquals(40 * 30 * 3, image.pixels().length);
        DecodeLimits small = new DecodeLimits(40 * 30 * 4 - 1);
        try (Qoi w = new QoiWasm(WasmVariant.STANDARD, small, WasmModules.DEFAULT_CONFIG); Qoi n = new QoiNative(small)) {
            DecodeException we = assertThrows(DecodeException.class, () -> w.decode(qoi, 0));
            DecodeException ne = assertThrows(DecodeException.class, () -> n.decode(qoi, 0));
            assertEquals(ne.reason(), we.reason());
            assertEquals(40 * 30 * 3, w.decode(qoi, 3).pixels().length);
        }
        // A header promising 2^31 pixels is refused before decoding.
        byte[] huge = qoi.clone();
        huge[4] = 0x7F;
        DecodeException e = assertThrows(DecodeException.class, () -> wasm.decode(huge, 0));
        assertTrue(e.reason().contains("limit"), e.reason());
        assertThrows(DecodeException.class, () -> wasm.decode(new byte[10], 0));
        assertThrows(IllegalArgumentException.class, () -> wasm.encode(pixels, 40, 31, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> wasm.decode(qoi, 2));
    }
}
