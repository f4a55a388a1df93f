package dev.airlock.libs;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A deterministic digest of what a {@link TrueType} binding makes of a font file: one line per
 * call (font count, offsets, metrics, glyph indices, metrics and bitmaps of a few code points,
 * kerning, an SDF, a rendered line). Both builds produce it for the same file; the first differing
 * line says where they part. Used for damaged fonts, whose native run happens in a child process.
 */
final class FontSummary {
    static final int[] CODEPOINTS = {'A', 'V', 'a', 'g', 'j', 'W', '.', '@', 0xE9, 0x416, 0x4E2D, 0xFFFD};

    private FontSummary() {
    }

    static byte[] of(TrueType tt, byte[] file) {
        StringBuilder s = new StringBuilder();
        s.append("fonts ").append(tt.numberOfFonts(file)).append('\n');
        s.append("offset0 ").append(tt.fontOffsetForIndex(file, 0)).append('\n');
        try (TrueType.Font font = tt.open(file, 0)) {
            s.append("glyphs ").append(font.glyphCount()).append('\n');
            s.append("vmetrics ").append(font.verticalMetrics()).append('\n');
            float scale = font.scaleForPixelHeight(24);
            s.append("scale ").append(Float.floatToRawIntBits(scale)).append('\n');
            int previous = -1;
            for (int cp : CODEPOINTS) {
                int g = font.glyphIndex(cp);
                s.append("cp ").append(cp).append(" glyph ").append(g);
                if (g >= 0 && g < font.glyphCount()) {
                    s.append(' ').append(font.glyphHMetrics(g)).append(' ').append(font.glyphBox(g));
                    if (scale > 0 && scale < 100) {
                        TrueType.GlyphBitmap b = font.glyphBitmap(g, scale, scale, 0.25f, 0);
                        s.append(" bitmap ").append(b.width()).append('x').append(b.height()).append('@')
                                .append(b.xOffset()).append(',').append(b.yOffset()).append(" crc ").append(crc(b.pixels()));
                    }
                    if (previous >= 0) {
                        s.append(" kern ").append(font.glyphKernAdvance(previous, g));
                    }
                    previous = g;
                }
                s.append('\n');
            }
            int a = font.glyphIndex('a');
            if (scale > 0 && scale < 100 && a >= 0 && a < font.glyphCount()) {
                TrueType.GlyphBitmap sdf = font.glyphSdf(a, scale, 3, 128, 32f);
                s.append("sdf ").append(sdf.width()).append('x').append(sdf.height()).append(" crc ").append(crc(sdf.pixels()))
                        .append('\n');
            }
            TrueType.TextLine line = font.renderLine("AVAWAY Täg, 中!", 20, 200, 28);
            s.append("line ").append(line.advance()).append(' ').append(line.baseline()).append(' ').append(line.codepoints())
                    .append(" crc ").append(crc(line.pixels())).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return c.getValue();
    }

    /** The first differing line of two summaries, or null. */
    static String difference(byte[] expected, byte[] actual) {
        String[] e = new String(expected, StandardCharsets.UTF_8).split("\n");
        String[] a = new String(actual, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String x = i < e.length ? e[i] : "(none)";
            String y = i < a.length ? a[i] : "(none)";
            if (!x.equals(y)) {
                return "native \"" + x + "\" vs wasm \"" + y + "\"";
            }
        }
        return null;
    }
}
