package dev.airlock.libs.font;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny TrueType font made by the tests, so that the font tests need no font file: the tables
 * stb_truetype requires (cmap, glyf, head, hhea, hmtx, loca, maxp) and a kern table. 1000 units
 * per em, ascent 800, descent -200, line gap 100. Glyphs: 0 .notdef (empty), 1 'A' a square
 * (100..500 x 0..700, advance 600), 2 'B' a triangle (50..550 x 0..700, advance 650), 3 ' ' (no
 * outline, advance 300). Kerning A,B = -120.
 */
final class TestFonts {
    static final int UNITS_PER_EM = 1000;
    static final int ASCENT = 800;
    static final int DESCENT = -200;
    static final int LINE_GAP = 100;
    static final int ADVANCE_A = 600;
    static final int ADVANCE_B = 650;
    static final int ADVANCE_SPACE = 300;
    static final int KERN_AB = -120;

    private TestFonts() {
    }

    /** The font file. */
    static byte[] font() {
        List<byte[]> glyphs = List.of(new byte[0],
                simpleGlyph(new int[][] {{100, 0}, {100, 700}, {500, 700}, {500, 0}}),
                simpleGlyph(new int[][] {{50, 0}, {300, 700}, {550, 0}}),
                new byte[0]);
        ByteArrayOutputStream glyf = new ByteArrayOutputStream();
        ByteArrayOutputStream loca = new ByteArrayOutputStream();
        for (byte[] g : glyphs) {
            u16(loca, glyf.size() / 2);
            glyf.writeBytes(g);
        }
        u16(loca, glyf.size() / 2);

        ByteArrayOutputStream head = new ByteArrayOutputStream();
        u32(head, 0x00010000);           // version
        u32(head, 0x00010000);           // font revision
        u32(head, 0);                    // checksum adjustment
        u32(head, 0x5F0F3CF5);           // magic
        u16(head, 0);                    // flags
        u16(head, UNITS_PER_EM);
        head.writeBytes(new byte[16]);   // created, modified
        u16(head, 0);                    // xMin, yMin, xMax, yMax
        u16(head, 0);
        u16(head, 600);
        u16(head, 700);
        u16(head, 0);                    // mac style
        u16(head, 8);                    // lowest rec ppem
        u16(head, 2);                    // font direction hint
        u16(head, 0);                    // index to loc format: short offsets
        u16(head, 0);                    // glyph data format

        ByteArrayOutputStream hhea = new ByteArrayOutputStream();
        u32(hhea, 0x00010000);
        u16(hhea, ASCENT);
        u16(hhea, DESCENT);
        u16(hhea, LINE_GAP);
        u16(hhea, 650);                  // advance width max
        hhea.writeBytes(new byte[22]);   // min lsb .. reserved, metric data format
        u16(hhea, glyphs.size());        // number of h metrics

        ByteArrayOutputStream hmtx = new ByteArrayOutputStream();
        int[][] metrics = {{500, 0}, {ADVANCE_A, 100}, {ADVANCE_B, 50}, {ADVANCE_SPACE, 0}};
        for (int[] m : metrics) {
            u16(hmtx, m[0]);
            u16(hmtx, m[1]);
        }

        ByteArrayOutputStream maxp = new ByteArrayOutputStream();
        u32(maxp, 0x00005000);
        u16(maxp, glyphs.size());

        // cmap: one Windows Unicode BMP subtable, format 4, segments ' ', 'A'..'B', 0xFFFF.
        ByteArrayOutputStream cmap = new ByteArrayOutputStream();
        u16(cmap, 0);
        u16(cmap, 1);
        u16(cmap, 3);
        u16(cmap, 1);
        u32(cmap, 12);
        int[][] segments = {{' ', ' ', 3}, {'A', 'B', 1}, {0xFFFF, 0xFFFF, 0}};
        int segX2 = segments.length * 2;
        u16(cmap, 4);
        u16(cmap, 16 + segments.length * 8);
        u16(cmap, 0);
        u16(cmap, segX2);
        u16(cmap, 4);                    // search range: 2 * 2^floor(log2(3))
        u16(cmap, 1);                    // entry selector
        u16(cmap, segX2 - 4);            // range shift
        for (int[] s : segments) {
            u16(cmap, s[1]);             // end codes
        }
        u16(cmap, 0);                    // reserved pad
        for (int[] s : segments) {
            u16(cmap, s[0]);             // start codes
        }
        for (int[] s : segments) {
            u16(cmap, s[2] == 0 ? 1 : (s[2] - s[0]) & 0xFFFF);   // id deltas
        }
        for (int i = 0; i < segments.length; i++) {
            u16(cmap, 0);                // id range offsets
        }

        ByteArrayOutputStream kern = new ByteArrayOutputStream();
        u16(kern, 0);                    // version
        u16(kern, 1);                    // tables
        u16(kern, 0);                    // subtable version
        u16(kern, 14 + 6);               // length
        u16(kern, 1);                    // coverage: horizontal, format 0
        u16(kern, 1);                    // pairs
        u16(kern, 6);
        u16(kern, 0);
        u16(kern, 0);
        u16(kern, 1);                    // left glyph 'A'
        u16(kern, 2);                    // right glyph 'B'
        u16(kern, KERN_AB);

        String[] tags = {"cmap", "glyf", "head", "hhea", "hmtx", "kern", "loca", "maxp"};
        byte[][] tables = {cmap.toByteArray(), glyf.toByteArray(), head.toByteArray(), hhea.toByteArray(),
            hmtx.toByteArray(), kern.toByteArray(), loca.toByteArray(), maxp.toByteArray()};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 0x00010000);
        u16(out, tables.length);
        u16(out, 128);
        u16(out, 3);
        u16(out, tables.length * 16 - 128);
        int offset = 12 + tables.length * 16;
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < tables.length; i++) {
            out.writeBytes(tags[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            u32(out, 0);                 // checksum: stb_truetype does not check it
            u32(out, offset);
            u32(out, tables[i].length);
            offsets.add(offset);
            offset += (tables[i].length + 3) & ~3;
        }
        for (byte[] t : tables) {
            out.writeBytes(t);
            out.writeBytes(new byte[((t.length + 3) & ~3) - t.length]);
        }
        return out.toByteArray();
    }

    /** A glyph of one closed contour through {@code points} (all on the curve). */
    private static byte[] simpleGlyph(int[][] points) {
        ByteArrayOutputStream g = new ByteArrayOutputStream();
        int xMin = Integer.MAX_VALUE, yMin = Integer.MAX_VALUE, xMax = Integer.MIN_VALUE, yMax = Integer.MIN_VALUE;
        for (int[] p : points) {
            xMin = Math.min(xMin, p[0]);
            yMin = Math.min(yMin, p[1]);
            xMax = Math.max(xMax, p[0]);
            yMax = Math.max(yMax, p[1]);
        }
        u16(g, 1);                       // contours
        u16(g, xMin);
        u16(g, yMin);
        u16(g, xMax);
        u16(g, yMax);
        u16(g, points.length - 1);       // end point of the contour
        u16(g, 0);                       // no instructions
        for (int i = 0; i < points.length; i++) {
            g.write(0x01);               // on curve; x and y as signed 16-bit deltas
        }
        int x = 0;
        for (int[] p : points) {
            u16(g, p[0] - x);
            x = p[0];
        }
        int y = 0;
        for (int[] p : points) {
            u16(g, p[1] - y);
            y = p[1];
        }
        if (g.size() % 2 != 0) {
            g.write(0);
        }
        return g.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xFF);
        out.write(v & 0xFF);
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        u16(out, v >>> 16);
        u16(out, v);
    }
}
