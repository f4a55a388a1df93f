package dev.airlock.libs.font;

import java.awt.image.BufferedImage;

/**
 * One glyph rasterised: 8-bit coverage (0 outside the outline, 255 inside), rows top to bottom,
 * and where its top-left corner goes relative to the pen position on the baseline (y down).
 * Immutable.
 */
public final class GlyphBitmap {
    private final int width;
    private final int height;
    private final int xOffset;
    private final int yOffset;
    private final byte[] coverage;

    GlyphBitmap(int width, int height, int xOffset, int yOffset, byte[] coverage) {
        this.width = width;
        this.height = height;
        this.xOffset = xOffset;
        this.yOffset = yOffset;
        this.coverage = coverage;
    }

    /** The width in pixels (0 for a glyph without outline). */
    public int width() {
        return width;
    }

    /** The height in pixels (0 for a glyph without outline). */
    public int height() {
        return height;
    }

    /** From the pen position to the bitmap's left edge, in pixels. */
    public int xOffset() {
        return xOffset;
    }

    /** From the baseline to the bitmap's top edge, in pixels (negative: above the baseline). */
    public int yOffset() {
        return yOffset;
    }

    /** A copy of the coverage, {@code width * height} bytes. */
    public byte[] coverage() {
        return coverage.clone();
    }

    /** The coverage as a new {@code TYPE_BYTE_GRAY} image (null for an empty glyph, which has no pixels). */
    public BufferedImage toGrayImage() {
        return width == 0 || height == 0 ? null : RenderedLine.gray(width, height, coverage);
    }
}
