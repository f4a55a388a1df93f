package dev.airlock.libs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of {@link StbImageWasm}: every call on the sandboxed build must give exactly
 * what the native build ({@link StbImageNative}, no SIMD) gives: the same pixels, dimensions and
 * channels, or the same failure with the same reason. Inputs: the corpus (real files from Debian
 * packages, see scripts/fetch-corpus.sh), images of every format the tests generate, and damaged
 * variants of both.
 */
class StbImageWasmTest {
    /** Image formats of the corpus, by file extension. */
    private static final String[] FORMATS = {"jpg", "jpeg", "png", "bmp", "gif", "tga", "psd", "hdr", "pic", "pnm", "ppm",
        "pgm"};

    /** Time limit of one Wasm call: far above any decode here, there to stop the library's endless loops. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Time limit of one Wasm call on damaged files, which are small. */
    private static final Duration DAMAGED_TIMEOUT = Duration.ofSeconds(3);

    private static StbImageWasm wasm;
    private static StbImage reference;

    @BeforeAll
    static void open() {
        if (Prerequisites.isBuilt(StbImageWasm.LIBRARY)) {
            wasm = new StbImageWasm(Prerequisites.variant(), DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG);
            wasm.setCallTimeout(TIMEOUT);
            reference = new StbImageNative();
        }
    }

    /** Each test skips, naming the Debian packages, when the libraries were not built. */
    @BeforeEach
    void built() {
        Prerequisites.assumeBuilt(StbImageWasm.LIBRARY);
    }

    @AfterAll
    static void close() {
        if (wasm != null) {
            wasm.close();
            reference.close();
        }
    }

    // ------------------------------------------------------------------ comparisons

    static String infoDifference(StbImage.Info e, StbImage.Info a) {
        return e.equals(a) ? null : "native " + e + " vs wasm " + a;
    }

    static String imageDifference(StbImage.Image e, StbImage.Image a) {
        String d = Mismatches.fields("[w, h, channels in file, channels]",
                new int[] {e.width(), e.height(), e.channelsInFile(), e.channels()},
                new int[] {a.width(), a.height(), a.channelsInFile(), a.channels()});
        return d != null ? d : Mismatches.bytes(e.pixels(), a.pixels());
    }

    static String image16Difference(StbImage.Image16 e, StbImage.Image16 a) {
        String d = Mismatches.fields("[w, h, channels in file, channels]",
                new int[] {e.width(), e.height(), e.channelsInFile(), e.channels()},
                new int[] {a.width(), a.height(), a.channelsInFile(), a.channels()});
        return d != null ? d : Mismatches.shorts(e.pixels(), a.pixels());
    }

    static String imageFDifference(StbImage.ImageF e, StbImage.ImageF a) {
        String d = Mismatches.fields("[w, h, channels in file, channels]",
                new int[] {e.width(), e.height(), e.channelsInFile(), e.channels()},
                new int[] {a.width(), a.height(), a.channelsInFile(), a.channels()});
        return d != null ? d : Mismatches.floats(e.pixels(), a.pixels());
    }

    static String gifDifference(StbImage.Gif e, StbImage.Gif a) {
        String d = Mismatches.fields("[w, h, channels in file, channels, frames]",
                new int[] {e.width(), e.height(), e.channelsInFile(), e.channels(), e.frames().size()},
                new int[] {a.width(), a.height(), a.channelsInFile(), a.channels(), a.frames().size()});
        if (d != null) {
            return d;
        }
        for (int i = 0; i < e.frames().size(); i++) {
            if (e.frames().get(i).delayMillis() != a.frames().get(i).delayMillis()) {
                return "frame " + i + " delay native " + e.frames().get(i).delayMillis() + " vs wasm "
                        + a.frames().get(i).delayMillis();
            }
            String p = Mismatches.bytes(e.frames().get(i).pixels(), a.frames().get(i).pixels());
            if (p != null) {
                return "frame " + i + ": " + p;
            }
        }
        return null;
    }

    /** Compares info and the 8-bit decode; with {@code everyMode}, also 1-4 channels, 16-bit and float. */
    static void compare(Mismatches m, String input, byte[] file, boolean everyMode) {
        m.compare(input, "info", () -> reference.info(file), () -> wasm.info(file), StbImageWasmTest::infoDifference);
        String psd = psdDivergence(file);
        m.compare(input, "load(0)", () -> reference.load(file, 0), () -> wasm.load(file, 0),
                Mismatches.knownIf(psd, StbImageWasmTest::imageDifference));
        if (isGif(file)) {
            m.compare(input, "loadGif(0)", () -> reference.loadGif(file, 0), () -> wasm.loadGif(file, 0),
                    StbImageWasmTest::gifDifference);
        }
        if (!everyMode) {
            return;
        }
        Outcome<Integer> info = Outcome.of(() -> reference.info(file).channels());
        int fileChannels = info.failed() ? 0 : info.value();
        for (int c = 1; c <= 4; c++) {
            int channels = c;
            String known = psd != null ? psd : KnownDivergences.callDivergence(file, fileChannels, c);
            m.compare(input, "load(" + c + ")", () -> reference.load(file, channels), () -> wasm.load(file, channels),
                    Mismatches.knownIf(known, StbImageWasmTest::imageDifference));
        }
        for (int c = 0; c <= 4; c++) {
            int channels = c;
            String known = psd != null ? psd : KnownDivergences.callDivergence(file, fileChannels, c);
            m.compare(input, "load16(" + c + ")", () -> reference.load16(file, channels), () -> wasm.load16(file, channels),
                    Mismatches.knownIf(known, StbImageWasmTest::image16Difference));
            m.compare(input, "loadFloat(" + c + ")", () -> reference.loadFloat(file, channels),
                    () -> wasm.loadFloat(file, channels), Mismatches.knownIf(known, StbImageWasmTest::imageFDifference));
        }
        if (isGif(file)) {
            m.compare(input, "loadGif(1)", () -> reference.loadGif(file, 1), () -> wasm.loadGif(file, 1),
                    StbImageWasmTest::gifDifference);
            m.compare(input, "loadGif(3)", () -> reference.loadGif(file, 3), () -> wasm.loadGif(file, 3),
                    StbImageWasmTest::gifDifference);
        }
    }

    /**
     * For an 8-bit PSD with alpha whose RGBA decodes differ only in pixels of partial alpha, the
     * reason (see {@link KnownDivergences#onlyUnmattedPixelsDiffer}); else null: every call must agree.
     */
    static String psdDivergence(byte[] file) {
        if (!KnownDivergences.isPsdWithAlpha(file)) {
            return null;
        }
        Outcome<StbImage.Image> e = Outcome.of(() -> reference.load(file, 4));
        Outcome<StbImage.Image> a = Outcome.of(() -> wasm.load(file, 4));
        if (e.failed() || a.failed() || imageDifference(e.value(), a.value()) == null
                || !KnownDivergences.onlyUnmattedPixelsDiffer(e.value().pixels(), a.value().pixels(), 4,
                        KnownDivergences.isPsd16(file))) {
            return null;
        }
        return "PSD un-matting converts out-of-range floats to unsigned char (undefined behaviour)";
    }

    static boolean isGif(byte[] file) {
        return file.length >= 4 && file[0] == 'G' && file[1] == 'I' && file[2] == 'F' && file[3] == '8';
    }

    // ------------------------------------------------------------------ generated inputs

    @Test
    void generatedImagesDecodeToTheirPixels() {
        for (TestImages.Generated g : TestImages.all()) {
            StbImage.Info info = wasm.info(g.bytes());
            assertEquals(g.width(), info.width(), g.name());
            assertEquals(g.height(), info.height(), g.name());
            StbImage.Image image = wasm.load(g.bytes(), 0);
            assertEquals(g.width(), image.width(), g.name());
            assertEquals(g.height(), image.height(), g.name());
            if (g.expected() != null) {
                assertEquals(g.channels(), image.channels(), g.name());
                assertArrayEquals(g.expected(), image.pixels(), g.name());
            }
        }
    }

    @Test
    void generatedImagesOfEveryFormatMatchNative() {
        Mismatches m = new Mismatches();
        List<String> formats = new ArrayList<>();
        for (TestImages.Generated g : TestImages.all()) {
            compare(m, g.name(), g.bytes(), true);
            if (!formats.contains(g.format())) {
                formats.add(g.format());
            }
        }
        System.out.println(m.summary("generated images in every mode"));
        assertEquals(List.of("tga", "pnm", "hdr", "psd", "pic", "bmp", "png", "jpeg", "gif"), formats);
        m.assertNone();
    }

    @Test
    void animatedGifFramesAndDelays() {
        byte[] gif = TestImages.animatedGif(40, 30, 5, "none");
        StbImage.Gif animation = wasm.loadGif(gif, 0);
        assertEquals(5, animation.frames().size());
        assertEquals(4, animation.channels());
        for (int i = 0; i < 5; i++) {
            assertEquals((i + 1) * 10, animation.frames().get(i).delayMillis());
            assertEquals(40 * 30 * 4, animation.frames().get(i).pixels().length);
        }
        StbImage.Gif rgb = wasm.loadGif(gif, 3);
        assertEquals(3, rgb.channels());
        assertEquals(40 * 30 * 3, rgb.frames().get(4).pixels().length);
    }

    @Test
    void damagedGeneratedImagesMatchNative() {
        Mismatches m = new Mismatches();
        int seed = 0;
        wasm.setCallTimeout(DAMAGED_TIMEOUT);
        try {
            damagedGenerated(m, seed);
        } finally {
            wasm.setCallTimeout(TIMEOUT);
        }
        System.out.println(m.summary("damaged generated images"));
        assertTrue(m.comparisons() >= 300, "comparisons: " + m.comparisons());
        m.assertNone();
    }

    private static void damagedGenerated(Mismatches m, int seed) {
        try (NativeOracle oracle = new NativeOracle()) {
            for (TestImages.Generated g : TestImages.all()) {
                for (Mutations.Variant v : Mutations.of(g.bytes(), 1000 + seed++, 2, 3)) {
                    compareDamaged(m, oracle, g.name() + "/" + v.name(), v.bytes());
                }
            }
        }
    }

    /** Info, load and (for a GIF) loadGif of a damaged file: Wasm here, native in a child process. */
    static void compareDamaged(Mismatches m, NativeOracle oracle, String input, byte[] file) {
        trace(input);
        List<String> operations = new ArrayList<>(List.of(NativeOracle.INFO, NativeOracle.LOAD));
        if (isGif(file)) {
            operations.add(NativeOracle.LOAD_GIF);
        }
        for (String op : operations) {
            m.compareOutcomes(input, op + "(0)", () -> oracle.call(op, 0, file, 20_000),
                    () -> NativeOracle.run(op, 0, file, wasm, null, null), (e, a) -> {
                        String d = NativeOracle.difference(e, a);
                        if (d != null && op.equals(NativeOracle.LOAD) && KnownDivergences.isPsdWithAlpha(file)
                                && NativeOracle.headerLength(e) == NativeOracle.headerLength(a)) {
                            int h = NativeOracle.headerLength(e);
                            byte[] ep = java.util.Arrays.copyOfRange(e, h, e.length);
                            byte[] ap = java.util.Arrays.copyOfRange(a, h, a.length);
                            if (KnownDivergences.onlyUnmattedPixelsDiffer(ep, ap, 4, KnownDivergences.isPsd16(file))) {
                                return Mismatches.KNOWN + "PSD un-matting (undefined behaviour): " + d;
                            }
                        }
                        return d;
                    });
        }
    }

    /**
     * With -Dairlock.trace=FILE, appends each damaged input's name to FILE before it is decoded:
     * if the native build crashes the JVM, the last line names the input.
     */
    static void trace(String input) {
        String file = System.getProperty("airlock.trace");
        if (file != null && !file.isEmpty()) {
            try {
                java.nio.file.Files.writeString(Path.of(file), input + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------ the corpus

    @Test
    void corpusMatchesNative() {
        Path root = Prerequisites.assumeCorpus();
        Map<String, List<Path>> byFormat = Prerequisites.corpus(root, FORMATS);
        assertFalse(byFormat.isEmpty(), "no image in the corpus");
        Mismatches m = new Mismatches();
        int files = 0;
        for (List<Path> paths : byFormat.values()) {
            for (Path p : paths) {
                compare(m, root.relativize(p).toString(), Prerequisites.read(p), false);
                files++;
            }
        }
        System.out.println("corpus: " + files + " files " + counts(byFormat));
        System.out.println(m.summary("corpus"));
        m.assertNone();
    }

    static String counts(Map<String, List<Path>> byFormat) {
        StringBuilder s = new StringBuilder("(");
        byFormat.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append(k).append(' ').append(v.size()));
        return s.append(')').toString();
    }

    @Test
    void corpusInEveryModeMatchesNative() {
        Path root = Prerequisites.assumeCorpus();
        Mismatches m = new Mismatches();
        for (List<Path> files : Prerequisites.corpus(root, FORMATS).values()) {
            // The two smallest files of each format.
            files.stream().sorted((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).limit(2)
                    .forEach(p -> compare(m, root.relativize(p).toString(), Prerequisites.read(p), true));
        }
        System.out.println(m.summary("corpus in every mode"));
        m.assertNone();
    }

    @Test
    void damagedCorpusFilesMatchNative() {
        Path root = Prerequisites.assumeCorpus();
        Mismatches m = new Mismatches();
        wasm.setCallTimeout(DAMAGED_TIMEOUT);
        try {
            damagedCorpus(root, m);
        } finally {
            wasm.setCallTimeout(TIMEOUT);
        }
        System.out.println(m.summary("damaged corpus files"));
        m.assertNone();
    }

    private static void damagedCorpus(Path root, Mismatches m) {
        int seed = 0;
        try (NativeOracle oracle = new NativeOracle()) {
            for (List<Path> files : Prerequisites.corpus(root, FORMATS).values()) {
                // The smallest file of each format, 16 variants.
                Path p = files.stream().min((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
                for (Mutations.Variant v : Mutations.of(Prerequisites.read(p), 5000 + seed++, 6, 10)) {
                    compareDamaged(m, oracle, root.relativize(p) + "/" + v.name(), v.bytes());
                }
            }
        }
    }

    // ------------------------------------------------------------------ failures and limits

    @Test
    void failuresCarryStbReason() {
        byte[] garbage = "not an image at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        DecodeException w = assertThrows(DecodeException.class, () -> wasm.load(garbage, 0));
        DecodeException n = assertThrows(DecodeException.class, () -> reference.load(garbage, 0));
        assertEquals("unknown image type", w.reason());
        assertEquals(n.reason(), w.reason());
        assertThrows(DecodeException.class, () -> wasm.load(new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> wasm.load(garbage, 5));
    }

    @Test
    void limitsRefuseLargeResultsAlike() {
        byte[] png = TestImages.imageio(TestImages.bufferedImage(TestImages.pattern(64, 64, 3, 9), 64, 64, 3), "png");
        DecodeLimits small = new DecodeLimits(64 * 64 * 3 - 1);
        try (StbImage w = new StbImageWasm(WasmVariant.STANDARD, small, WasmModules.DEFAULT_CONFIG);
             StbImage n = new StbImageNative(StbImageNative.Flavour.NO_SIMD, small)) {
            DecodeException we = assertThrows(DecodeException.class, () -> w.load(png, 0));
            DecodeException ne = assertThrows(DecodeException.class, () -> n.load(png, 0));
            assertEquals(ne.reason(), we.reason());
            assertEquals("image larger than the host's limit", we.reason());
            assertEquals(64 * 64, w.load(png, 1).pixels().length);
        }
    }

    @Test
    void endlessLoopOnTruncatedHdrIsInterrupted() {
        // A run-length HDR cut inside a scanline: stb_image reads a count of 0 at the end of the
        // input, forever (the native build never returns). In the sandbox the time limit stops it.
        byte[] hdr = TestImages.hdr(64, 19, true, 5);
        byte[] truncated = java.util.Arrays.copyOf(hdr, 183);
        try (StbImageWasm w = new StbImageWasm()) {
            w.setCallTimeout(Duration.ofMillis(500));
            SandboxException e = assertThrows(SandboxException.class, () -> w.loadFloat(truncated, 0));
            assertEquals(dev.airlock.wasm.TrapKind.INTERRUPTED, e.trap().kind());
            // A fresh instance serves the next call.
            assertEquals(64 * 19 * 3, w.loadFloat(hdr, 0).pixels().length);
        }
    }

    @Test
    void gifRestoreToPreviousStaysInTheSandbox() {
        // stb_image 2.27 keeps the frame two back at `out - 2 * stride` (before its buffer, not in
        // it): a GIF whose frames use disposal method 3 makes it read memory before the frames.
        // In the sandbox that read stays inside the instance's memory.
        byte[] gif = TestImages.animatedGif(40, 30, 6, "restoreToPrevious");
        Mismatches m = new Mismatches().outcomesMayDiffer("stb_image reads before its frame buffer");
        try (NativeOracle oracle = new NativeOracle()) {
            m.compareOutcomes("gif-restore-to-previous", "loadGif(0)", () -> oracle.call(NativeOracle.LOAD_GIF, 0, gif, 20_000),
                    () -> NativeOracle.run(NativeOracle.LOAD_GIF, 0, gif, wasm, null, null),
                    (e, a) -> {
                        String d = NativeOracle.difference(e, a);
                        return d == null ? null : Mismatches.KNOWN + "reads before the frame buffer: " + d;
                    });
        }
        System.out.println(m.summary("gif with disposal method 3"));
        StbImage.Gif frames = wasm.loadGif(gif, 0);
        assertEquals(6, frames.frames().size());
    }

    @Test
    void instanceSurvivesManyCalls() {
        byte[] png = TestImages.imageio(TestImages.bufferedImage(TestImages.pattern(50, 40, 4, 3), 50, 40, 4), "png");
        for (int i = 0; i < 200; i++) {
            assertEquals(50 * 40 * 4, wasm.load(png, 0).pixels().length);
        }
    }
}
