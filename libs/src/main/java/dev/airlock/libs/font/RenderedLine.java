package dev.airlock.libs.font;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A line of text rendered to 8-bit coverage, with where its baseline is and how far the pen
 * went. Immutable; the images are new each time.
 */
public final class RenderedLine {
    private final int width;
    private final int height;
    private final int baseline;
    private final int advance;
    private final int codepoints;
    private final byte[] coverage;

    RenderedLine(int width, int height, int baseline, int advance, int codepoints, byte[] coverage) {
        this.width = width;
        this.height = height;
        this.baseline = baseline;
        this.advance = advance;
        this.codepoints = codepoints;
        this.coverage = coverage;
    }

    /** The width of the bitmap in pixels. */
    public int width() {
        return width;
    }

    /** The height of the bitmap in pixels. */
    public int height() {
        return height;
    }

    /** The row of the baseline. */
    public int baseline() {
        return baseline;
    }

    /** The pen position after the last glyph, in pixels (rounded up): the text's width. */
    public int advance() {
        return advance;
    }

    /** How many code points were laid out. */
    public int codepoints() {
        return codepoints;
    }

    /** A copy of the coverage, {@code width * height} bytes, rows top to bottom. */
    public byte[] coverage() {
        return coverage.clone();
    }

    /** The coverage as a new {@code TYPE_BYTE_GRAY} image: white text on black. */
    public BufferedImage toGrayImage() {
        return gray(width, height, coverage);
    }

    /**
     * The text in {@code color} on a transparent background, as a new {@code TYPE_INT_ARGB}
     * image: each pixel's alpha is the coverage times the colour's alpha.
     */
    public BufferedImage toImage(Color color) {
        Objects.requireNonNull(color, "color");
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int rgb = color.getRGB() & 0xFFFFFF;
        int alpha = color.getAlpha();
        int[] argb = new int[coverage.length];
        for (int i = 0; i < argb.length; i++) {
            int a = ((coverage[i] & 0xFF) * alpha + 127) / 255;
            argb[i] = a << 24 | rgb;
        }
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    static BufferedImage gray(int width, int height, byte[] coverage) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, coverage);
        return image;
    }
}
