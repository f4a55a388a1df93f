package dev.airlock.libs.font;

import dev.airlock.libs.TrueTypeWasm;
import dev.airlock.libs.WasmModules;
import dev.airlock.libs.WasmVariant;
import dev.airlock.sandbox.SandboxLibrary;
import dev.airlock.taint.TaintedFloat;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedPointer;

/**
 * stb_truetype's glue ({@code libs/src/main/c/airlock_stb_truetype.c}) as sandbox-api sees it:
 * the functions, declared once, and the library sandboxes are made from. A font is a pointer to
 * the library's {@code stbtt_fontinfo}, which points into the font data in the sandbox.
 */
final class FontGlue {
    private FontGlue() {
    }

    /**
     * The glue's functions. Public only because sandbox-api's generated binding implements it; the
     * package-private enclosing class keeps it out of the API. Every result is tainted.
     */
    public interface Functions {
        /** How many fonts the data holds (0 if none). */
        TaintedInt airlock_tt_number_of_fonts(TaintedPointer<Byte> data, int length);

        /** Opens font {@code index}; *status 0 ok, 1 no such font, 2 rejected, 3 out of memory. */
        TaintedPointer<Void> airlock_tt_open(TaintedPointer<Byte> data, int length, int index,
                                             TaintedPointer<Integer> status);

        /** Releases a font (not its data). */
        void airlock_tt_close(TaintedPointer<?> font);

        /** The number of glyphs. */
        TaintedInt airlock_tt_glyph_count(TaintedPointer<?> font);

        /** out = ascent, descent, line gap, has OS/2 metrics, typo ascent, descent, line gap, box x0, y0, x1, y1. */
        void airlock_tt_vmetrics(TaintedPointer<?> font, TaintedPointer<Integer> out);

        /** The scale that makes ascent - descent {@code pixels} high. */
        TaintedFloat airlock_tt_scale_for_pixel_height(TaintedPointer<?> font, float pixels);

        /** The glyph of a code point, 0 if none. */
        TaintedInt airlock_tt_find_glyph(TaintedPointer<?> font, int codepoint);

        /** out = advance width, left side bearing (font units). */
        void airlock_tt_glyph_hmetrics(TaintedPointer<?> font, int glyph, TaintedPointer<Integer> out);

        /** Kerning between two glyphs (font units). */
        TaintedInt airlock_tt_glyph_kern(TaintedPointer<?> font, int glyph1, int glyph2);

        /** out = x0, y0, x1, y1 (font units); 0 if the glyph has no outline. */
        TaintedInt airlock_tt_glyph_box(TaintedPointer<?> font, int glyph, TaintedPointer<Integer> out);

        /** The glyph's coverage bitmap; out = width, height, x offset, y offset, status. */
        TaintedPointer<Byte> airlock_tt_glyph_bitmap(TaintedPointer<?> font, int glyph, float scaleX, float scaleY,
                                                     float shiftX, float shiftY, int maxBytes,
                                                     TaintedPointer<Integer> out);

        /** Draws a line of UTF-8 text into bitmap; out = pen position after it, baseline row, code points. */
        TaintedInt airlock_tt_render_line(TaintedPointer<?> font, float pixelHeight, TaintedPointer<Byte> text,
                                          int length, TaintedPointer<Byte> bitmap, int width, int height,
                                          TaintedPointer<Integer> out);

        /** Frees a bitmap the glue returned (the C library's free). */
        @dev.airlock.sandbox.Symbol("free")
        void free(TaintedPointer<?> pointer);
    }

    /** The sandboxed build of the glue, compiled once per class loader on first use. */
    static SandboxLibrary library() {
        return Library.WASM;
    }

    private static final class Library {
        static final SandboxLibrary WASM = SandboxLibrary.wasm(TrueTypeWasm.LIBRARY,
                WasmModules.module(TrueTypeWasm.LIBRARY, WasmVariant.STANDARD));
    }
}
