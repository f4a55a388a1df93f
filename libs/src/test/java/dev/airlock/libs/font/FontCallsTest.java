package dev.airlock.libs.font;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.libs.SandboxException;
import dev.airlock.libs.TestFiles;
import dev.airlock.libs.TrueTypeWasm;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.TaintedFloat;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedPointer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The verification of what stb_truetype returns, against a library that lies: the real glue in a
 * real sandbox, with chosen results replaced the way a compromised library could. Each lie ends
 * in a {@link SandboxException} naming the check; after a trap the font carries on in a fresh
 * sandbox.
 */
class FontCallsTest {
    @BeforeEach
    void built() {
        TestFiles.assumeBuilt(TrueTypeWasm.LIBRARY);
    }

    /** Forwards every call to the real glue; tests override what they falsify. */
    static class Liar implements FontGlue.Functions {
        final FontGlue.Functions real;

        Liar(FontGlue.Functions real) {
            this.real = real;
        }

        @Override
        public TaintedInt airlock_tt_number_of_fonts(TaintedPointer<Byte> data, int length) {
            return real.airlock_tt_number_of_fonts(data, length);
        }

        @Override
        public TaintedPointer<Void> airlock_tt_open(TaintedPointer<Byte> data, int length, int index,
                                                    TaintedPointer<Integer> status) {
            return real.airlock_tt_open(data, length, index, status);
        }

        @Override
        public void airlock_tt_close(TaintedPointer<?> font) {
            real.airlock_tt_close(font);
        }

        @Override
        public TaintedInt airlock_tt_glyph_count(TaintedPointer<?> font) {
            return real.airlock_tt_glyph_count(font);
        }

        @Override
        public void airlock_tt_vmetrics(TaintedPointer<?> font, TaintedPointer<Integer> out) {
            real.airlock_tt_vmetrics(font, out);
        }

        @Override
        public TaintedFloat airlock_tt_scale_for_pixel_height(TaintedPointer<?> font, float pixels) {
            return real.airlock_tt_scale_for_pixel_height(font, pixels);
        }

        @Override
        public TaintedInt airlock_tt_find_glyph(TaintedPointer<?> font, int codepoint) {
            return real.airlock_tt_find_glyph(font, codepoint);
        }

        @Override
        public void airlock_tt_glyph_hmetrics(TaintedPointer<?> font, int glyph, TaintedPointer<Integer> out) {
            real.airlock_tt_glyph_hmetrics(font, glyph, out);
        }

        @Override
        public TaintedInt airlock_tt_glyph_kern(TaintedPointer<?> font, int glyph1, int glyph2) {
            return real.airlock_tt_glyph_kern(font, glyph1, glyph2);
        }

        @Override
        public TaintedInt airlock_tt_glyph_box(TaintedPointer<?> font, int glyph, TaintedPointer<Integer> out) {
            return real.airlock_tt_glyph_box(font, glyph, out);
        }

        @Override
        public TaintedPointer<Byte> airlock_tt_glyph_bitmap(TaintedPointer<?> font, int glyph, float scaleX, float scaleY,
                                                            float shiftX, float shiftY, int maxBytes,
                                                            TaintedPointer<Integer> out) {
            return real.airlock_tt_glyph_bitmap(font, glyph, scaleX, scaleY, shiftX, shiftY, maxBytes, out);
        }

        @Override
        public TaintedInt airlock_tt_render_line(TaintedPointer<?> font, float pixelHeight, TaintedPointer<Byte> text,
                                                 int length, TaintedPointer<Byte> bitmap, int width, int height,
                                                 TaintedPointer<Integer> out) {
            return real.airlock_tt_render_line(font, pixelHeight, text, length, bitmap, width, height, out);
        }

        @Override
        public void free(TaintedPointer<?> pointer) {
            real.free(pointer);
        }
    }

    static SandboxedFont load(UnaryOperator<FontGlue.Functions> glue) {
        return SandboxedFont.load(TestFonts.font(), 0, FontLimits.DEFAULT, glue);
    }

    static void assertRefused(String named, Executable call) {
        SandboxException e = assertThrows(SandboxException.class, call);
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void glyphIndicesBeyondTheGlyphCount() {
        try (SandboxedFont font = load(real -> new Liar(real) {
            @Override
            public TaintedInt airlock_tt_find_glyph(TaintedPointer<?> f, int codepoint) {
                return TaintedInt.of(4);
            }
        })) {
            assertRefused("glyph index", () -> font.glyphIndex('A'));
            assertRefused("glyph index", () -> font.glyphMetrics('A'));
            assertRefused("glyph index", () -> font.kerning('A', 'B'));
        }
        try (SandboxedFont font = load(real -> new Liar(real) {
            @Override
            public TaintedInt airlock_tt_glyph_count(TaintedPointer<?> f) {
                return TaintedInt.of(-1);
            }
        })) {
            throw new AssertionError("a negative glyph count was accepted");
        } catch (SandboxException e) {
            assertTrue(e.getMessage().contains("glyph count"), e.getMessage());
        }
    }

    @Test
    void metricsOutsideSixteenBits() {
        try (SandboxedFont font = load(real -> new Liar(real) {
            @Override
            public void airlock_tt_vmetrics(TaintedPointer<?> f, TaintedPointer<Integer> out) {
                super.airlock_tt_vmetrics(f, out);
                out.elementAt(1).write(-100_000);
            }

            @Override
            public void airlock_tt_glyph_hmetrics(TaintedPointer<?> f, int glyph, TaintedPointer<Integer> out) {
                super.airlock_tt_glyph_hmetrics(f, glyph, out);
                out.elementAt(0).write(-1);
            }

            @Override
            public TaintedInt airlock_tt_glyph_kern(TaintedPointer<?> f, int glyph1, int glyph2) {
                return TaintedInt.of(1 << 20);
            }
        })) {
            assertRefused("descent", font::verticalMetrics);
            assertRefused("advance width", () -> font.glyphMetrics('A'));
            assertRefused("kerning", () -> font.kerning('A', 'B'));
        }
    }

    @Test
    void scalesMustBePositiveAndFinite() {
        for (float lie : new float[] {Float.NaN, Float.POSITIVE_INFINITY, 0f, -1f}) {
            try (SandboxedFont font = load(real -> new Liar(real) {
                @Override
                public TaintedFloat airlock_tt_scale_for_pixel_height(TaintedPointer<?> f, float pixels) {
                    return TaintedFloat.of(lie);
                }
            })) {
                assertRefused("scale", () -> font.scaleForPixelHeight(20f));
                assertRefused("scale", () -> font.render("AB", 20f));
            }
        }
    }

    @Test
    void bitmapsBeyondTheLimitsOrWithoutStatus() {
        try (SandboxedFont font = load(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_tt_glyph_bitmap(TaintedPointer<?> f, int glyph, float sx, float sy,
                                                                float hx, float hy, int maxBytes,
                                                                TaintedPointer<Integer> out) {
                TaintedPointer<Byte> p = super.airlock_tt_glyph_bitmap(f, glyph, sx, sy, hx, hy, maxBytes, out);
                out.elementAt(0).write(100_000);
                return p;
            }
        })) {
            assertRefused("bitmap width", () -> font.glyphBitmap('A', 30f));
        }
        try (SandboxedFont font = load(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_tt_glyph_bitmap(TaintedPointer<?> f, int glyph, float sx, float sy,
                                                                float hx, float hy, int maxBytes,
                                                                TaintedPointer<Integer> out) {
                TaintedPointer<Byte> p = super.airlock_tt_glyph_bitmap(f, glyph, sx, sy, hx, hy, maxBytes, out);
                out.elementAt(4).write(2);
                return p;
            }
        })) {
            assertRefused("status", () -> font.glyphBitmap('A', 30f));
        }
        try (SandboxedFont font = load(real -> new Liar(real) {
            @Override
            public TaintedInt airlock_tt_render_line(TaintedPointer<?> f, float px, TaintedPointer<Byte> text, int length,
                                                     TaintedPointer<Byte> bitmap, int width, int height,
                                                     TaintedPointer<Integer> out) {
                TaintedInt r = super.airlock_tt_render_line(f, px, text, length, bitmap, width, height, out);
                out.elementAt(2).write(1000);
                return r;
            }
        })) {
            assertRefused("code points", () -> font.render("AB", 20f));
        }
    }

    @Test
    void aTrapPoisonsTheSandboxAndTheFontCarriesOn() {
        boolean[] trapped = {false};
        try (SandboxedFont font = load(real -> new Liar(real) {
            @Override
            public void airlock_tt_glyph_hmetrics(TaintedPointer<?> f, int glyph, TaintedPointer<Integer> out) {
                if (!trapped[0]) {
                    trapped[0] = true;
                    super.airlock_tt_glyph_hmetrics(f, glyph, TaintedPointer.of(out.unverifiedMemoryBecause("test: a hostile pointer into the same sandbox"), 0xFFFF_FFF0L, Pointees.INT32));
                }
                super.airlock_tt_glyph_hmetrics(f, glyph, out);
            }
        })) {
            assertRefused("trapped", () -> font.glyphMetrics('A'));
            assertEquals(TestFonts.ADVANCE_A, font.glyphMetrics('A').advanceWidth());
        }
    }
}
