package dev.airlock.libs;

import java.util.Optional;

/**
 * stb_truetype: TrueType and OpenType (CFF) fonts and font collections held in memory. Two
 * implementations run the same glue: {@link TrueTypeWasm} in the sandbox and
 * {@link TrueTypeNative}, the native reference.
 *
 * <p>Font units are unscaled; multiply by a scale ({@link Font#scaleForPixelHeight}) for pixels.
 * Bitmaps are 8-bit coverage, row-major, top row first. A font stb_truetype rejects is a
 * {@link DecodeException}.
 *
 * <p><b>The native build is not safe with untrusted fonts:</b> stb_truetype does not check the
 * offsets it reads from a font's tables. A binding is not thread-safe; close fonts and the binding
 * to release their memory.
 */
public interface TrueType extends AutoCloseable {
    /** How many fonts the file holds (1 for a plain font file, 0 if it is not a font). */
    int numberOfFonts(byte[] file);

    /** The byte offset of font {@code index} in the file, or -1 if there is no such font. */
    int fontOffsetForIndex(byte[] file, int index);

    /** Opens font {@code index} of the file (0 for a plain font file). */
    Font open(byte[] file, int index);

    /** Opens the font that starts at byte {@code offset} of the file (see {@link #fontOffsetForIndex}). */
    Font openAt(byte[] file, int offset);

    @Override
    void close();

    /** One font of a file; valid until closed (or, in the sandbox, until a trap reset it). */
    interface Font extends AutoCloseable {
        /** The number of glyphs; glyph indices are 0 to this minus one. */
        int glyphCount();

        /** Ascent, descent, line gap, the OS/2 typographic metrics and the bounding box, unscaled. */
        VMetrics verticalMetrics();

        /** The scale that makes ascent minus descent {@code pixels} high. */
        float scaleForPixelHeight(float pixels);

        /** The scale that makes the em square {@code pixels} high. */
        float scaleForMappingEmToPixels(float pixels);

        /** The glyph of a Unicode code point; 0 (the missing glyph) if the font has none. */
        int glyphIndex(int codepoint);

        /** Advance width and left side bearing of a glyph, unscaled. */
        HMetrics glyphHMetrics(int glyph);

        /** The kerning between two glyphs, unscaled. */
        int glyphKernAdvance(int glyph1, int glyph2);

        /** The kerning between two code points, unscaled. */
        int codepointKernAdvance(int codepoint1, int codepoint2);

        /** The glyph's box in font units, empty if it has no outline. */
        Optional<Box> glyphBox(int glyph);

        /** The box of the glyph's bitmap, in pixels relative to the origin (y down). */
        Box glyphBitmapBox(int glyph, float scaleX, float scaleY, float shiftX, float shiftY);

        /** The glyph rasterised at a scale and subpixel shift; an empty glyph gives a 0x0 bitmap. */
        GlyphBitmap glyphBitmap(int glyph, float scaleX, float scaleY, float shiftX, float shiftY);

        /**
         * The glyph's signed distance field ({@code stbtt_GetGlyphSDF}): {@code padding} pixels
         * around the glyph, {@code onEdgeValue} on the outline, {@code pixelDistScale} per pixel
         * of distance; an empty glyph gives a 0x0 bitmap.
         */
        GlyphBitmap glyphSdf(int glyph, float scale, int padding, int onEdgeValue, float pixelDistScale);

        /**
         * One line of text laid out (advance widths, kerning, subpixel positions; the baseline at
         * the scaled ascent) and drawn into a new {@code width x height} bitmap.
         */
        TextLine renderLine(String text, float pixelHeight, int width, int height);

        @Override
        void close();
    }

    /** Vertical metrics in font units. */
    record VMetrics(int ascent, int descent, int lineGap, boolean hasTypoMetrics, int typoAscent, int typoDescent,
                    int typoLineGap, Box boundingBox) {
    }

    /** Horizontal metrics of a glyph in font units. */
    record HMetrics(int advanceWidth, int leftSideBearing) {
    }

    /** A box: x0, y0 inclusive, x1, y1 exclusive. */
    record Box(int x0, int y0, int x1, int y1) {
    }

    /** A glyph bitmap and where its top-left corner goes relative to the pen position. */
    record GlyphBitmap(int width, int height, int xOffset, int yOffset, byte[] pixels) {
    }

    /**
     * A rendered line: the bitmap, the pen position after the last glyph (pixels), the baseline's
     * row, and how many code points were laid out.
     */
    record TextLine(int width, int height, int advance, int baseline, int codepoints, byte[] pixels) {
    }
}
