package dev.airlock.libs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of {@link TrueTypeWasm} against {@link TrueTypeNative}: every font of the
 * corpus (TrueType, OpenType CFF, a collection), its metrics, glyph indices, horizontal metrics,
 * boxes, bitmaps at several scales and subpixel shifts, kerning, signed distance fields and
 * rendered lines must be identical, floats bit for bit.
 */
class TrueTypeWasmTest {
    /** ASCII, Latin-1, Latin Extended, Greek, Cyrillic, CJK, symbols, and code points no font has. */
    static final int[] CODEPOINTS;
    static {
        List<Integer> cps = new ArrayList<>();
        for (int c = 32; c < 127; c++) {
            cps.add(c);
        }
        for (int c : new int[] {0xA0, 0xC5, 0xE9, 0xF8, 0xFF, 0x141, 0x153, 0x3A9, 0x3B1, 0x416, 0x44F, 0x5D0, 0x20AC, 0x2122,
            0x2192, 0x4E2D, 0x6587, 0xAC00, 0xFB01, 0xFFFD, 0x1F600, 0x10FFFF, 0x110000, -1}) {
            cps.add(c);
        }
        CODEPOINTS = cps.stream().mapToInt(Integer::intValue).toArray();
    }

    static final String[] LINES = {"Hello, World!", "AVAWAY To Ty Wa Yo", "The quick brown fox jumps over the lazy dog 0123456789",
        "Grüße, ½ € — ‘quotes’", "Кириллица Ελληνικά 中文 한국어", "invalid \uFFFD and emoji \uD83D\uDE00"};

    private static TrueTypeWasm wasm;
    private static TrueType reference;

    @BeforeAll
    static void open() {
        if (Prerequisites.isBuilt(TrueTypeWasm.LIBRARY)) {
            wasm = new TrueTypeWasm(Prerequisites.variant(), DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG);
            wasm.setCallTimeout(Duration.ofSeconds(60));
            reference = new TrueTypeNative();
        }
    }

    /** Each test skips, naming the Debian packages, when the libraries were not built. */
    @BeforeEach
    void built() {
        Prerequisites.assumeBuilt(TrueTypeWasm.LIBRARY);
    }

    @AfterAll
    static void close() {
        if (wasm != null) {
            wasm.close();
            reference.close();
        }
    }

    static Map<String, List<Path>> fonts(Path root) {
        return Prerequisites.corpus(root, "ttf", "otf", "ttc");
    }

    @Test
    void corpusFontsMatchNative() {
        Path root = Prerequisites.assumeCorpus();
        Map<String, List<Path>> byType = fonts(root);
        assertFalse(byType.isEmpty(), "no font in the corpus");
        Mismatches m = new Mismatches();
        int fonts = 0;
        for (List<Path> files : byType.values()) {
            for (Path p : files) {
                byte[] file = Prerequisites.read(p);
                String input = root.relativize(p).toString();
                m.compare(input, "numberOfFonts", () -> reference.numberOfFonts(file), () -> wasm.numberOfFonts(file),
                        TrueTypeWasmTest::equal);
                int count = reference.numberOfFonts(file);
                for (int index = 0; index <= count; index++) {
                    int i = index;
                    m.compare(input, "fontOffsetForIndex(" + i + ")", () -> reference.fontOffsetForIndex(file, i),
                            () -> wasm.fontOffsetForIndex(file, i), TrueTypeWasmTest::equal);
                }
                for (int index = 0; index < Math.max(1, count); index++) {
                    compareFont(m, input + "#" + index, file, index, true);
                    fonts++;
                }
                if (count > 1) {
                    // A collection: the last font opened by its offset is the font opened by its index.
                    int last = count - 1;
                    int offset = reference.fontOffsetForIndex(file, last);
                    try (TrueType.Font byIndex = wasm.open(file, last); TrueType.Font byOffset = wasm.openAt(file, offset)) {
                        assertEquals(byIndex.verticalMetrics(), byOffset.verticalMetrics(), input);
                        assertEquals(byIndex.glyphIndex(0x4E2D), byOffset.glyphIndex(0x4E2D), input);
                    }
                    try (TrueType.Font n = reference.openAt(file, offset); TrueType.Font w = wasm.openAt(file, offset)) {
                        m.compare(input, "openAt(" + offset + ")", n::verticalMetrics, w::verticalMetrics, TrueTypeWasmTest::equal);
                    }
                }
            }
        }
        System.out.println(m.summary("corpus fonts (" + fonts + " faces)"));
        assertTrue(byType.containsKey("ttf") && byType.containsKey("otf"), "TrueType and CFF fonts expected: " + byType.keySet());
        m.assertNone();
    }

    /** Compares everything about font {@code index}; SDFs (slow) only with {@code sdf}. */
    static void compareFont(Mismatches m, String input, byte[] file, int index, boolean sdf) {
        Outcome<TrueType.Font> e = Outcome.of(() -> reference.open(file, index));
        Outcome<TrueType.Font> a = Outcome.of(() -> wasm.open(file, index));
        m.compare(input, "open", e::value, a::value, (x, y) -> null);
        if (e.failed() || a.failed()) {
            m.add(input + " open: native " + e.failure() + " / wasm " + a.failure());
            return;
        }
        try (TrueType.Font n = e.value(); TrueType.Font w = a.value()) {
            m.compare(input, "glyphCount", n::glyphCount, w::glyphCount, TrueTypeWasmTest::equal);
            m.compare(input, "verticalMetrics", n::verticalMetrics, w::verticalMetrics, TrueTypeWasmTest::equal);
            for (float px : new float[] {9f, 16f, 33.5f, 120f}) {
                m.compare(input, "scaleForPixelHeight(" + px + ")", () -> bits(n.scaleForPixelHeight(px)),
                        () -> bits(w.scaleForPixelHeight(px)), TrueTypeWasmTest::equal);
                m.compare(input, "scaleForMappingEmToPixels(" + px + ")", () -> bits(n.scaleForMappingEmToPixels(px)),
                        () -> bits(w.scaleForMappingEmToPixels(px)), TrueTypeWasmTest::equal);
            }
            List<Integer> glyphs = new ArrayList<>();
            for (int cp : CODEPOINTS) {
                m.compare(input, "glyphIndex(U+" + Integer.toHexString(cp) + ")", () -> n.glyphIndex(cp), () -> w.glyphIndex(cp),
                        TrueTypeWasmTest::equal);
                int g = n.glyphIndex(cp);
                if (g > 0 && g < n.glyphCount() && !glyphs.contains(g)) {
                    glyphs.add(g);
                }
            }
            glyphs.add(0);
            float scale = n.scaleForPixelHeight(24);
            for (int g : glyphs) {
                String glyph = "glyph " + g + " ";
                m.compare(input, glyph + "hmetrics", () -> n.glyphHMetrics(g), () -> w.glyphHMetrics(g), TrueTypeWasmTest::equal);
                m.compare(input, glyph + "box", () -> n.glyphBox(g), () -> w.glyphBox(g), TrueTypeWasmTest::equal);
                m.compare(input, glyph + "bitmapBox", () -> n.glyphBitmapBox(g, scale, scale, 0.3f, 0.6f),
                        () -> w.glyphBitmapBox(g, scale, scale, 0.3f, 0.6f), TrueTypeWasmTest::equal);
                m.compare(input, glyph + "bitmap(24px)", () -> n.glyphBitmap(g, scale, scale, 0, 0),
                        () -> w.glyphBitmap(g, scale, scale, 0, 0), TrueTypeWasmTest::bitmapDifference);
                m.compare(input, glyph + "bitmap(subpixel)", () -> n.glyphBitmap(g, scale * 0.5f, scale * 0.75f, 0.37f, 0.81f),
                        () -> w.glyphBitmap(g, scale * 0.5f, scale * 0.75f, 0.37f, 0.81f), TrueTypeWasmTest::bitmapDifference);
            }
            // Large glyphs, and kerning between every pair of the first glyphs.
            List<Integer> some = glyphs.subList(0, Math.min(24, glyphs.size()));
            float big = n.scaleForPixelHeight(96);
            for (int g : some.subList(0, Math.min(6, some.size()))) {
                m.compare(input, "glyph " + g + " bitmap(96px)", () -> n.glyphBitmap(g, big, big, 0.5f, 0),
                        () -> w.glyphBitmap(g, big, big, 0.5f, 0), TrueTypeWasmTest::bitmapDifference);
            }
            for (int g1 : some) {
                for (int g2 : some) {
                    m.compare(input, "kern(" + g1 + "," + g2 + ")", () -> n.glyphKernAdvance(g1, g2),
                            () -> w.glyphKernAdvance(g1, g2), TrueTypeWasmTest::equal);
                }
            }
            for (String pair : new String[] {"AV", "To", "Ty", "WA", "LT", "Yo", "ff", "r.", "11"}) {
                int c1 = pair.codePointAt(0), c2 = pair.codePointAt(1);
                m.compare(input, "codepointKern(" + pair + ")", () -> n.codepointKernAdvance(c1, c2),
                        () -> w.codepointKernAdvance(c1, c2), TrueTypeWasmTest::equal);
            }
            if (sdf) {
                for (int g : some.subList(0, Math.min(4, some.size()))) {
                    m.compare(input, "glyph " + g + " sdf", () -> n.glyphSdf(g, scale, 4, 128, 40f),
                            () -> w.glyphSdf(g, scale, 4, 128, 40f), TrueTypeWasmTest::bitmapDifference);
                }
            }
            for (String line : LINES) {
                m.compare(input, "renderLine(\"" + line + "\")", () -> n.renderLine(line, 22f, 480, 32),
                        () -> w.renderLine(line, 22f, 480, 32), TrueTypeWasmTest::lineDifference);
            }
            m.compare(input, "renderLine(clipped)", () -> n.renderLine(LINES[2], 40f, 120, 20),
                    () -> w.renderLine(LINES[2], 40f, 120, 20), TrueTypeWasmTest::lineDifference);
        }
    }

    static Integer bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    static <T> String equal(T e, T a) {
        return e.equals(a) ? null : "native " + e + " vs wasm " + a;
    }

    static String bitmapDifference(TrueType.GlyphBitmap e, TrueType.GlyphBitmap a) {
        String d = Mismatches.fields("[w, h, xoff, yoff]", new int[] {e.width(), e.height(), e.xOffset(), e.yOffset()},
                new int[] {a.width(), a.height(), a.xOffset(), a.yOffset()});
        return d != null ? d : Mismatches.bytes(e.pixels(), a.pixels());
    }

    static String lineDifference(TrueType.TextLine e, TrueType.TextLine a) {
        String d = Mismatches.fields("[advance, baseline, codepoints]", new int[] {e.advance(), e.baseline(), e.codepoints()},
                new int[] {a.advance(), a.baseline(), a.codepoints()});
        return d != null ? d : Mismatches.bytes(e.pixels(), a.pixels());
    }

    // ------------------------------------------------------------------ behaviour of the binding

    @Test
    void renderedLineHasInk() {
        Path root = Prerequisites.assumeCorpus();
        Path dejavu = fonts(root).get("ttf").stream().filter(p -> p.getFileName().toString().equals("DejaVuSans.ttf"))
                .findFirst().orElse(fonts(root).get("ttf").get(0));
        try (TrueType.Font font = wasm.open(Prerequisites.read(dejavu), 0)) {
            TrueType.TextLine line = font.renderLine("Airlock", 24f, 200, 30);
            int ink = 0;
            for (byte b : line.pixels()) {
                ink += b & 0xFF;
            }
            assertTrue(ink > 1000, "ink " + ink);
            assertTrue(line.advance() > 50 && line.advance() < 200, "advance " + line.advance());
            assertEquals(7, line.codepoints());
            int a = font.glyphIndex('A');
            assertTrue(a > 0);
            assertEquals(0, font.glyphIndex(0x10FFFF));
            Optional<TrueType.Box> box = font.glyphBox(a);
            assertTrue(box.isPresent());
            assertThrows(IllegalArgumentException.class, () -> font.glyphHMetrics(font.glyphCount()));
            assertThrows(IllegalArgumentException.class, () -> font.glyphBitmap(a, 0f, 1f, 0, 0));
            TrueType.GlyphBitmap space = font.glyphBitmap(font.glyphIndex(' '), 1f, 1f, 0, 0);
            assertEquals(0, space.width());
        }
    }

    @Test
    void badFontsFailAlike() {
        byte[] junk = "definitely not a font file, just text".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        DecodeException w = assertThrows(DecodeException.class, () -> wasm.open(junk, 0));
        DecodeException n = assertThrows(DecodeException.class, () -> reference.open(junk, 0));
        assertEquals(n.reason(), w.reason());
        assertEquals(0, wasm.numberOfFonts(junk));
        assertEquals(-1, wasm.fontOffsetForIndex(junk, 0));
        assertThrows(DecodeException.class, () -> wasm.open(new byte[3], 0));
    }

    @Test
    void fontsBecomeInvalidAfterATrap() {
        Path root = Prerequisites.assumeCorpus();
        byte[] file = Prerequisites.read(fonts(root).get("ttf").get(0));
        try (TrueTypeWasm tt = new TrueTypeWasm()) {
            TrueType.Font font = tt.open(file, 0);
            int a = font.glyphIndex('a');
            // A call with an address outside the memory traps; the instance is discarded.
            WasmGlueRuntime runtime = (WasmGlueRuntime) tt.runtime;
            SandboxException e = assertThrows(SandboxException.class,
                    () -> runtime.callInt("airlock_tt_find_glyph", 0xFFFF_FFF0L, 65));
            assertEquals(dev.airlock.wasm.TrapKind.OUT_OF_BOUNDS_MEMORY, e.trap().kind());
            assertThrows(IllegalStateException.class, () -> font.glyphIndex('a'));
            font.close();
            try (TrueType.Font again = tt.open(file, 0)) {
                assertEquals(a, again.glyphIndex('a'));
            }
        }
    }

    // ------------------------------------------------------------------ damaged fonts

    /**
     * Damaged fonts: stb_truetype trusts every offset in a font, so a damaged font makes it read
     * outside the font's buffer. The sandbox must contain that: every call ends with a result, a
     * {@link DecodeException} or a {@link SandboxException}, never anything worse. The native
     * build (in a child process) crashes on some; where it survives, its reads outside the buffer
     * see other memory than the sandbox's (and a read past the end of the sandbox's memory traps
     * where the native build reads on), so results may differ: those are counted and printed.
     */
    @Test
    void damagedFontsAreContained() {
        Path root = Prerequisites.assumeCorpus();
        List<Path> sample = new ArrayList<>();
        for (List<Path> files : fonts(root).values()) {
            files.stream().min((x, y) -> Long.compare(x.toFile().length(), y.toFile().length())).ifPresent(sample::add);
        }
        Mismatches m = new Mismatches().outcomesMayDiffer("stb_truetype reads outside the damaged font");
        int seed = 0;
        wasm.setCallTimeout(Duration.ofSeconds(5));
        try (NativeOracle oracle = new NativeOracle()) {
            for (Path p : sample) {
                for (Mutations.Variant v : Mutations.of(Prerequisites.read(p), 9000 + seed++, 10, 20)) {
                    byte[] file = v.bytes();
                    String input = root.relativize(p) + "/" + v.name();
                    StbImageWasmTest.trace(input);
                    m.compareOutcomes(input, "summary", () -> oracle.call(NativeOracle.FONT_SUMMARY, 0, file, 30_000),
                            () -> FontSummary.of(wasm, file),
                            (e, a) -> {
                                String d = FontSummary.difference(e, a);
                                return d == null ? null : Mismatches.KNOWN + "reads outside the damaged font: " + d;
                            });
                }
            }
        } finally {
            wasm.setCallTimeout(Duration.ofSeconds(60));
        }
        System.out.println(m.summary("damaged fonts"));
        assertTrue(m.comparisons() + m.interrupted().size() + m.nativeCrashes().size() >= 80);
        m.assertNone();
    }
}
