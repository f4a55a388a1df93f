package dev.airlock.libs.font;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.SandboxException;
import dev.airlock.libs.TestFiles;
import dev.airlock.libs.TrueType;
import dev.airlock.libs.TrueTypeNative;
import dev.airlock.libs.TrueTypeWasm;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safe font API on a font the tests make ({@link TestFonts}: exact metrics known) and on the
 * corpus's fonts (compared with the raw native binding), with damaged fonts ending in a clear
 * exception.
 */
class SandboxedFontTest {
    @BeforeEach
    void built() {
        TestFiles.assumeBuilt(TrueTypeWasm.LIBRARY);
    }

    @Test
    void metricsOfTheGeneratedFont(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("test.ttf");
        Files.write(file, TestFonts.font());
        try (SandboxedFont font = SandboxedFont.load(file)) {
            assertEquals(4, font.glyphCount());
            assertEquals(new VerticalMetrics(TestFonts.ASCENT, TestFonts.DESCENT, TestFonts.LINE_GAP), font.verticalMetrics());
            assertEquals(1100, font.verticalMetrics().lineHeight());
            assertEquals(0.032f, font.scaleForPixelHeight(32f), 1e-6f);
            assertEquals(1, font.glyphIndex('A'));
            assertEquals(2, font.glyphIndex('B'));
            assertEquals(0, font.glyphIndex('Z'));
            assertEquals(0, font.glyphIndex(0x1F600));
            GlyphMetrics a = font.glyphMetrics('A');
            assertEquals(new GlyphMetrics(1, TestFonts.ADVANCE_A, 100, java.util.Optional.of(new GlyphMetrics.Box(100, 0, 500, 700))),
                    a);
            GlyphMetrics space = font.glyphMetrics(' ');
            assertEquals(TestFonts.ADVANCE_SPACE, space.advanceWidth());
            assertTrue(space.box().isEmpty());
            assertEquals(TestFonts.KERN_AB, font.kerning('A', 'B'));
            assertEquals(0, font.kerning('B', 'A'));
        }
        assertEquals(1, SandboxedFont.fontCount(TestFonts.font()));
    }

    @Test
    void glyphBitmapsAndLines() {
        try (SandboxedFont font = SandboxedFont.load(TestFonts.font())) {
            // 'A' is a square from 100 to 500 units wide, 0 to 700 high: at 100 px (scale 0.1), 40 x 70 pixels.
            GlyphBitmap a = font.glyphBitmap('A', 100f);
            assertEquals(40, a.width());
            assertEquals(70, a.height());
            assertEquals(10, a.xOffset());
            assertEquals(-70, a.yOffset());
            byte[] coverage = a.coverage();
            assertEquals((byte) 255, coverage[35 * 40 + 20]);
            assertEquals(0, font.glyphBitmap(' ', 100f).width());
            assertEquals(null, font.glyphBitmap(' ', 100f).toGrayImage());
            // "AB" at 100 px: 60 + 65 - 12 (kerning) = 113 pixels.
            assertEquals(113, font.measure("AB", 100f));
            assertEquals(60, font.measure("A", 100f));
            RenderedLine line = font.renderLine("AB A", 100f);
            assertEquals(80, line.baseline());
            assertEquals(4, line.codepoints());
            assertEquals(113 + 30 + 60, line.advance());
            assertTrue(line.width() >= line.advance());
            assertEquals(101, line.height());
            BufferedImage grey = line.toGrayImage();
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, grey.getType());
            // Inside the first A (x 10..50, rows 10..80) and in the gap after it.
            assertEquals(255, grey.getRaster().getSample(30, 40, 0));
            assertEquals(0, grey.getRaster().getSample(55, 40, 0));
            BufferedImage red = font.render("A", 100f, new Color(255, 0, 0, 128));
            assertEquals(BufferedImage.TYPE_INT_ARGB, red.getType());
            assertEquals(0x80FF0000, red.getRGB(30, 40));
            assertEquals(0, red.getRGB(2, 2) >>> 24);
            RenderedLine fixed = font.renderLine("A", 100f, 20, 20);
            assertEquals(20, fixed.width());
            assertEquals(400, fixed.coverage().length);
        }
    }

    @Test
    void limitsAndBadArguments() {
        FontLimits small = FontLimits.DEFAULT.withMaxBitmap(100, 100, 1000).withMaxPixelHeight(64);
        try (SandboxedFont font = SandboxedFont.load(TestFonts.font(), 0, small)) {
            assertThrows(IllegalArgumentException.class, () -> font.render("A", 65f));
            assertThrows(IllegalArgumentException.class, () -> font.render("A", 0f));
            assertThrows(IllegalArgumentException.class, () -> font.render("A", Float.NaN));
            assertThrows(IllegalArgumentException.class, () -> font.renderLine("A", 10f, 101, 10));
            assertThrows(IllegalArgumentException.class, () -> font.renderLine("AAAAAAAAAAAA", 60f));
            assertThrows(IllegalArgumentException.class, () -> font.renderLine("A", 10f, 0, 10));
            // 'A' at 64 px is 26 x 45 = 1170 pixels: refused by the glue's check of the limit.
            DecodeException e = assertThrows(DecodeException.class, () -> font.glyphBitmap('A', 64f));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        }
        assertThrows(DecodeException.class, () -> SandboxedFont.load(new byte[5]));
        assertThrows(DecodeException.class,
                () -> SandboxedFont.load(TestFonts.font(), 0, FontLimits.DEFAULT.withMaxFontBytes(100)));
        assertThrows(DecodeException.class, () -> SandboxedFont.load(TestFonts.font(), 1, FontLimits.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> SandboxedFont.load(TestFonts.font(), -1, FontLimits.DEFAULT));
        byte[] text = "definitely not a font file, just some text".getBytes(StandardCharsets.US_ASCII);
        DecodeException notFont = assertThrows(DecodeException.class, () -> SandboxedFont.load(text));
        assertNotNull(notFont.reason());
        assertEquals(0, SandboxedFont.fontCount(text));
        SandboxedFont closed = SandboxedFont.load(TestFonts.font());
        closed.close();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.glyphIndex('A'));
    }

    /** Truncated and bit-flipped fonts: a result or a clear exception, never anything else. */
    @Test
    void damagedFontsEndInAClearException() {
        FontLimits quick = FontLimits.DEFAULT.withCallTimeout(Duration.ofSeconds(3));
        int failures = 0;
        int used = 0;
        for (TestFiles.Damaged v : TestFiles.damaged(TestFonts.font(), 4242, 20, 60)) {
            try (SandboxedFont font = SandboxedFont.load(v.bytes(), 0, quick)) {
                font.verticalMetrics();
                font.glyphMetrics('A');
                font.kerning('A', 'B');
                font.glyphBitmap('B', 40f);
                font.renderLine("AB BA", 40f);
                used++;
            } catch (DecodeException | SandboxException e) {
                assertNotNull(e.getMessage());
                failures++;
            } catch (RuntimeException e) {
                fail(v.name() + " threw " + e, e);
            }
        }
        assertTrue(failures > 5 && used > 5, failures + " failures, " + used + " used");
    }

    /** The corpus's fonts: every metric the safe API returns equals the raw native binding's. */
    @Test
    void corpusFontsMatchTheRawNativeBinding() {
        Path root = TestFiles.assumeCorpus();
        Map<String, List<Path>> fonts = TestFiles.corpus(root, "ttf", "otf", "ttc");
        assertFalse(fonts.isEmpty(), "no font in the corpus");
        int compared = 0;
        try (TrueType reference = new TrueTypeNative()) {
            for (List<Path> files : fonts.values()) {
                for (Path p : files.subList(0, Math.min(3, files.size()))) {
                    byte[] data = TestFiles.read(p);
                    assertEquals(reference.numberOfFonts(data), SandboxedFont.fontCount(data), p.toString());
                    try (SandboxedFont font = SandboxedFont.load(data);
                         TrueType.Font raw = reference.open(data, 0)) {
                        TrueType.VMetrics v = raw.verticalMetrics();
                        assertEquals(new VerticalMetrics(v.ascent(), v.descent(), v.lineGap()), font.verticalMetrics());
                        assertEquals(raw.glyphCount(), font.glyphCount());
                        assertEquals(raw.scaleForPixelHeight(24f), font.scaleForPixelHeight(24f));
                        for (int cp : "AVWaoy.,0€中".codePoints().toArray()) {
                            int glyph = raw.glyphIndex(cp);
                            assertEquals(glyph, font.glyphIndex(cp), p + " " + cp);
                            GlyphMetrics m = font.glyphMetrics(cp);
                            assertEquals(raw.glyphHMetrics(glyph).advanceWidth(), m.advanceWidth());
                            assertEquals(raw.glyphHMetrics(glyph).leftSideBearing(), m.leftSideBearing());
                            assertEquals(raw.codepointKernAdvance(cp, 'a'), font.kerning(cp, 'a'));
                            float scale = raw.scaleForPixelHeight(24f);
                            TrueType.GlyphBitmap b = raw.glyphBitmap(glyph, scale, scale, 0, 0);
                            GlyphBitmap s = font.glyphBitmap(cp, 24f);
                            assertEquals(b.width(), s.width());
                            assertArrayEquals(b.pixels(), s.coverage());
                        }
                        TrueType.TextLine rawLine = raw.renderLine("Hello, Airlock", 24f, 200, 30);
                        RenderedLine line = font.renderLine("Hello, Airlock", 24f, 200, 30);
                        assertEquals(rawLine.advance(), line.advance());
                        assertEquals(rawLine.baseline(), line.baseline());
                        assertArrayEquals(rawLine.pixels(), line.coverage());
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared >= 3, "compared " + compared);
    }
}
