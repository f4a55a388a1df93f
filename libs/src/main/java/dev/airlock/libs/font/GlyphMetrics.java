package dev.airlock.libs.font;

import java.util.Optional;

/**
 * A glyph's horizontal metrics and outline box, in font units (y up).
 *
 * @param glyphIndex the glyph (0 is the font's "missing glyph")
 * @param advanceWidth how far the pen moves after the glyph
 * @param leftSideBearing from the pen position to the left of the outline
 * @param box the outline's box, empty for a glyph without outline (a space)
 */
public record GlyphMetrics(int glyphIndex, int advanceWidth, int leftSideBearing, Optional<Box> box) {
    /**
     * A box in font units.
     *
     * @param x0 left
     * @param y0 bottom
     * @param x1 right
     * @param y1 top
     */
    public record Box(int x0, int y0, int x1, int y1) {
    }
}
