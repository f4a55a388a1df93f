package dev.airlock.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Deterministic images in the formats the corpus lacks (PSD, HDR, PIC) and a larger TGA than the
 * corpus's only one. Encoders adapted from the libs tests' {@code TestImages} (our own code); the
 * pixel content is the same kind of pattern — gradients, a diagonal edge, noise — with flat bands
 * added, so that the run-length encodings have both runs and literals to decode.
 */
final class Generators {
    private Generators() {
    }

    /** width x height x channels bytes: noisy gradients, a diagonal edge, and flat vertical bands. */
    static byte[] pattern(int width, int height, int channels, long seed) {
        Random random = new Random(seed);
        byte[] p = new byte[width * height * channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * channels;
                boolean band = (x / 48) % 3 == 2;           // a third of the columns: flat runs
                int edge = x > y ? 200 : 30;
                int noise = random.nextInt(16);
                for (int c = 0; c < channels; c++) {
                    int v;
                    if (band) {
                        v = 40 + 60 * c + (y / 32) * 8;
                    } else if (channels == 4 && c == 3) {
                        v = 255;
                    } else {
                        v = switch (c) {
                            case 0 -> x * 255 / Math.max(1, width - 1);
                            case 1 -> y * 255 / Math.max(1, height - 1);
                            default -> edge;
                        };
                        v = Math.min(255, v ^ noise);
                    }
                    p[i + c] = (byte) (band && c == 3 ? 255 : v);
                }
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- TGA

    /** TGA type 2 (true colour 24-bit BGR) or 10 (its run-length variant), bottom-up. */
    static byte[] tga(byte[] rgb, int width, int height, boolean rle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);                       // id length
        out.write(0);                       // no colour map
        out.write(rle ? 10 : 2);
        le16(out, 0);
        le16(out, 0);
        out.write(0);
        le16(out, 0);
        le16(out, 0);
        le16(out, width);
        le16(out, height);
        out.write(24);
        out.write(0);                       // bottom-up, no alpha bits
        for (int row = 0; row < height; row++) {
            int y = height - 1 - row;
            byte[] line = new byte[width * 3];
            for (int x = 0; x < width; x++) {
                int s = (y * width + x) * 3;
                line[x * 3] = rgb[s + 2];
                line[x * 3 + 1] = rgb[s + 1];
                line[x * 3 + 2] = rgb[s];
            }
            if (rle) {
                packBitsTga(out, line, 3);
            } else {
                out.write(line, 0, line.length);
            }
        }
        return out.toByteArray();
    }

    /** TGA run-length packets over one row of {@code pixelBytes}-byte pixels. */
    private static void packBitsTga(ByteArrayOutputStream out, byte[] row, int pixelBytes) {
        int n = row.length / pixelBytes;
        int i = 0;
        while (i < n) {
            int run = 1;
            while (i + run < n && run < 128 && samePixel(row, i, i + run, pixelBytes)) {
                run++;
            }
            if (run >= 2) {
                out.write(0x80 | (run - 1));
                out.write(row, i * pixelBytes, pixelBytes);
                i += run;
            } else {
                int lit = 1;
                while (i + lit < n && lit < 128 && !(i + lit + 1 < n && samePixel(row, i + lit, i + lit + 1, pixelBytes))) {
                    lit++;
                }
                out.write(lit - 1);
                out.write(row, i * pixelBytes, lit * pixelBytes);
                i += lit;
            }
        }
    }

    private static boolean samePixel(byte[] row, int a, int b, int pixelBytes) {
        for (int k = 0; k < pixelBytes; k++) {
            if (row[a * pixelBytes + k] != row[b * pixelBytes + k]) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- HDR

    /** Radiance RGBE with the "new" run-length scanlines (width 8..32767). */
    static byte[] hdr(int width, int height, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "#?RADIANCE\n# airlock benchmark\nFORMAT=32-bit_rle_rgbe\nEXPOSURE=1.0\n\n-Y " + height + " +X "
                + width + "\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int y = 0; y < height; y++) {
            byte[][] comp = new byte[4][width];
            for (int x = 0; x < width; x++) {
                int e = 128 + (x * 9 / Math.max(1, width) - 4) + (y % 3);
                boolean flatRun = (x / 48) % 3 == 2;
                comp[0][x] = (byte) (flatRun ? 200 : 128 + random.nextInt(128));
                comp[1][x] = (byte) (flatRun ? 100 : 128 + (x * 127 / Math.max(1, width)));
                comp[2][x] = (byte) (flatRun ? 150 : 128 + (y * 127 / Math.max(1, height)));
                comp[3][x] = (byte) (flatRun ? 129 : e);
            }
            out.write(2);
            out.write(2);
            out.write(width >> 8);
            out.write(width & 0xFF);
            for (int c = 0; c < 4; c++) {
                rleHdr(out, comp[c]);
            }
        }
        return out.toByteArray();
    }

    private static void rleHdr(ByteArrayOutputStream out, byte[] data) {
        int i = 0;
        while (i < data.length) {
            int run = 1;
            while (i + run < data.length && run < 127 && data[i + run] == data[i]) {
                run++;
            }
            if (run > 2) {
                out.write(128 + run);
                out.write(data[i]);
                i += run;
            } else {
                int lit = 1;
                while (i + lit < data.length && lit < 128
                        && !(i + lit + 2 < data.length && data[i + lit] == data[i + lit + 1] && data[i + lit] == data[i + lit + 2])) {
                    lit++;
                }
                out.write(lit);
                out.write(data, i, lit);
                i += lit;
            }
        }
    }

    // ---------------------------------------------------------------- PSD

    /**
     * Photoshop, RGB mode, 3 channels, 8 bits, PackBits-compressed planes. (No alpha channel: with
     * one, stb_image un-mats partly transparent pixels with a float-to-unsigned conversion that is
     * undefined in C, and the builds legitimately differ; see the libs tests' KnownDivergences.)
     */
    static byte[] psd(byte[] rgb, int width, int height) {
        int channels = 3;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("8BPS".getBytes(StandardCharsets.US_ASCII));
        be16(out, 1);
        out.writeBytes(new byte[6]);
        be16(out, channels);
        be32(out, height);
        be32(out, width);
        be16(out, 8);
        be16(out, 3);       // RGB
        be32(out, 0);       // colour mode data
        be32(out, 0);       // image resources
        be32(out, 0);       // layer and mask information
        be16(out, 1);       // PackBits
        List<byte[]> packed = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                byte[] row = new byte[width];
                for (int x = 0; x < width; x++) {
                    row[x] = rgb[(y * width + x) * channels + c];
                }
                ByteArrayOutputStream r = new ByteArrayOutputStream();
                packBits(r, row);
                packed.add(r.toByteArray());
            }
        }
        for (byte[] row : packed) {
            be16(out, row.length);
        }
        for (byte[] row : packed) {
            out.write(row, 0, row.length);
        }
        return out.toByteArray();
    }

    /** PackBits: n in 0..127 copies n+1 bytes; n in -127..-1 repeats the next byte 1-n times. */
    private static void packBits(ByteArrayOutputStream out, byte[] data) {
        int i = 0;
        while (i < data.length) {
            int run = 1;
            while (i + run < data.length && run < 128 && data[i + run] == data[i]) {
                run++;
            }
            if (run >= 2) {
                out.write(1 - run);
                out.write(data[i]);
                i += run;
            } else {
                int lit = 1;
                while (i + lit < data.length && lit < 128 && !(i + lit + 1 < data.length && data[i + lit] == data[i + lit + 1])) {
                    lit++;
                }
                out.write(lit - 1);
                out.write(data, i, lit);
                i += lit;
            }
        }
    }

    // ---------------------------------------------------------------- PIC

    /** Softimage PIC, RGB in one packet with mixed run-length compression (compression type 2). */
    static byte[] pic(byte[] rgb, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        be32(out, 0x5380F634);
        out.writeBytes(new byte[4]);                       // version (float)
        byte[] comment = new byte[80];
        byte[] text = "airlock benchmark".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, comment, 0, text.length);
        out.writeBytes(comment);
        out.writeBytes("PICT".getBytes(StandardCharsets.US_ASCII));
        be16(out, width);
        be16(out, height);
        be32(out, Float.floatToIntBits(1.0f));             // ratio
        be16(out, 3);                                      // fields
        be16(out, 0);                                      // pad
        out.write(0);                                      // not chained: one packet
        out.write(8);                                      // bits per channel
        out.write(2);                                      // mixed run-length
        out.write(0xE0);                                   // R, G, B
        for (int y = 0; y < height; y++) {
            byte[][] values = new byte[width][3];
            for (int x = 0; x < width; x++) {
                System.arraycopy(rgb, (y * width + x) * 3, values[x], 0, 3);
            }
            writeMixedRow(out, values);
        }
        return out.toByteArray();
    }

    private static void writeMixedRow(ByteArrayOutputStream out, byte[][] values) {
        int width = values.length;
        int x = 0;
        while (x < width) {
            int run = 1;
            while (x + run < width && run < 300 && Arrays.equals(values[x], values[x + run])) {
                run++;
            }
            if (run >= 2) {
                if (run <= 128) {
                    out.write(run + 127);
                } else {
                    out.write(128);
                    be16(out, run);
                }
                out.write(values[x], 0, values[x].length);
                x += run;
            } else {
                int lit = 1;
                while (x + lit < width && lit < 128 && !(x + lit + 1 < width && Arrays.equals(values[x + lit], values[x + lit + 1]))) {
                    lit++;
                }
                out.write(lit - 1);
                for (int k = 0; k < lit; k++) {
                    out.write(values[x + k], 0, values[x + k].length);
                }
                x += lit;
            }
        }
    }

    // ---------------------------------------------------------------- bytes

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }

    private static void be16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xFF);
        out.write(v & 0xFF);
    }

    private static void be32(ByteArrayOutputStream out, int v) {
        be16(out, v >>> 16);
        be16(out, v);
    }
}
