package dev.airlock.libs;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Small images in every format stb_image reads, made by the tests: our own encoders for TGA, PNM,
 * HDR, PSD, PIC and BMP, and {@code javax.imageio} for PNG, JPEG, GIF (static and animated) and BMP.
 * The pixel content is a deterministic pattern with gradients, edges and noise.
 */
final class TestImages {
    private TestImages() {
    }

    /** A generated file and, for lossless 8-bit formats, the pixels stb_image must decode (else null). */
    record Generated(String name, String format, byte[] bytes, int width, int height, int channels, byte[] expected) {
    }

    /** width x height x channels bytes: gradients, a diagonal edge, some noise; alpha varies. */
    static byte[] pattern(int width, int height, int channels, long seed) {
        Random random = new Random(seed);
        byte[] p = new byte[width * height * channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * channels;
                int edge = x > y ? 200 : 30;
                int noise = random.nextInt(16);
                for (int c = 0; c < channels; c++) {
                    int v;
                    if (channels == 4 && c == 3 || channels == 2 && c == 1) {
                        v = (x * 255 / Math.max(1, width - 1) + y * 7) & 0xFF;
                    } else {
                        v = switch (c) {
                            case 0 -> x * 255 / Math.max(1, width - 1);
                            case 1 -> y * 255 / Math.max(1, height - 1);
                            default -> edge;
                        };
                        v = Math.min(255, v ^ noise);
                    }
                    p[i + c] = (byte) v;
                }
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- TGA

    /**
     * TGA: type 2 (true colour, 24/32-bit BGR(A)), 3 (grey), 1 (colour-mapped), and their RLE
     * variants 10, 11, 9; bottom-up unless {@code topDown}.
     */
    static byte[] tga(byte[] rgba, int width, int height, int channels, boolean rle, boolean topDown, boolean mapped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int type;
        int bpp;
        List<Integer> palette = new ArrayList<>();
        int[] indices = null;
        if (mapped) {
            type = rle ? 9 : 1;
            bpp = 8;
            indices = new int[width * height];
            Map<Integer, Integer> seen = new LinkedHashMap<>();
            for (int i = 0; i < width * height; i++) {
                int rgb = ((rgba[i * channels] & 0xE0) << 16) | ((rgba[i * channels + 1] & 0xE0) << 8)
                        | (rgba[i * channels + 2] & 0xC0);
                Integer idx = seen.get(rgb);
                if (idx == null) {
                    idx = seen.size();
                    seen.put(rgb, idx);
                    palette.add(rgb);
                }
                indices[i] = idx;
            }
            if (palette.size() > 256) {
                throw new IllegalStateException("palette too large");
            }
        } else if (channels == 1) {
            type = rle ? 11 : 3;
            bpp = 8;
        } else {
            type = rle ? 10 : 2;
            bpp = channels * 8;
        }
        out.write(0);                       // id length
        out.write(mapped ? 1 : 0);          // colour map type
        out.write(type);
        le16(out, 0);                       // first map entry
        le16(out, mapped ? palette.size() : 0);
        out.write(mapped ? 24 : 0);         // map entry size
        le16(out, 0);
        le16(out, 0);
        le16(out, width);
        le16(out, height);
        out.write(bpp);
        out.write((topDown ? 0x20 : 0) | (channels == 4 && !mapped ? 8 : 0));
        for (int rgb : palette) {
            out.write(rgb & 0xFF);
            out.write((rgb >> 8) & 0xFF);
            out.write((rgb >> 16) & 0xFF);
        }
        int pixelBytes = bpp / 8;
        byte[][] rows = new byte[height][];
        for (int y = 0; y < height; y++) {
            int srcY = topDown ? y : height - 1 - y;
            byte[] row = new byte[width * pixelBytes];
            for (int x = 0; x < width; x++) {
                int s = (srcY * width + x) * channels;
                int d = x * pixelBytes;
                if (mapped) {
                    row[d] = (byte) indices[srcY * width + x];
                } else if (channels == 1) {
                    row[d] = rgba[s];
                } else {
                    row[d] = rgba[s + 2];
                    row[d + 1] = rgba[s + 1];
                    row[d + 2] = rgba[s];
                    if (channels == 4) {
                        row[d + 3] = rgba[s + 3];
                    }
                }
            }
            rows[y] = row;
        }
        for (byte[] row : rows) {
            if (rle) {
                packBitsTga(out, row, pixelBytes);
            } else {
                out.write(row, 0, row.length);
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

    /** The pixels a colour-mapped TGA of {@code rgb} decodes to (the quantised palette colours). */
    static byte[] tgaMappedExpected(byte[] rgb, int width, int height, int channels) {
        byte[] out = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            out[i * 3] = (byte) (rgb[i * channels] & 0xE0);
            out[i * 3 + 1] = (byte) (rgb[i * channels + 1] & 0xE0);
            out[i * 3 + 2] = (byte) (rgb[i * channels + 2] & 0xC0);
        }
        return out;
    }

    // ---------------------------------------------------------------- PNM

    /** Binary PGM (1 channel) or PPM (3 channels); 16-bit samples (big-endian) when maxval > 255. */
    static byte[] pnm(byte[] pixels, int width, int height, int channels, int maxval) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = (channels == 1 ? "P5" : "P6") + "\n# airlock test\n" + width + " " + height + "\n" + maxval + "\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (byte b : pixels) {
            int v = b & 0xFF;
            if (maxval > 255) {
                int w = v * 257 % (maxval + 1);
                out.write(w >> 8);
                out.write(w & 0xFF);
            } else {
                out.write(v * maxval / 255);
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- HDR

    /** Radiance RGBE: flat pixels, or the "new" run-length scanlines (width 8..32767). */
    static byte[] hdr(int width, int height, boolean rle, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "#?RADIANCE\n# airlock test\nFORMAT=32-bit_rle_rgbe\nEXPOSURE=1.0\n\n-Y " + height + " +X " + width + "\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int y = 0; y < height; y++) {
            byte[][] comp = new byte[4][width];
            for (int x = 0; x < width; x++) {
                int e = 128 + (x * 9 / Math.max(1, width) - 4) + (y % 3);
                boolean flatRun = x > width / 2 && x < width * 3 / 4;
                comp[0][x] = (byte) (flatRun ? 200 : 128 + random.nextInt(128));
                comp[1][x] = (byte) (flatRun ? 100 : 128 + (x * 127 / Math.max(1, width)));
                comp[2][x] = (byte) (flatRun ? 150 : 128 + (y * 127 / Math.max(1, height)));
                comp[3][x] = (byte) (y == 0 && x == 0 ? 0 : e);
            }
            if (rle) {
                out.write(2);
                out.write(2);
                out.write(width >> 8);
                out.write(width & 0xFF);
                for (int c = 0; c < 4; c++) {
                    rleHdr(out, comp[c]);
                }
            } else {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < 4; c++) {
                        out.write(comp[c][x]);
                    }
                }
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

    /** Photoshop, RGB mode, 3 or 4 channels, 8 or 16 bits, raw or PackBits-compressed planes. */
    static byte[] psd(byte[] pixels, int width, int height, int channels, int depth, boolean rle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("8BPS".getBytes(StandardCharsets.US_ASCII));
        be16(out, 1);
        out.writeBytes(new byte[6]);
        be16(out, channels);
        be32(out, height);
        be32(out, width);
        be16(out, depth);
        be16(out, 3);       // RGB
        be32(out, 0);       // colour mode data
        be32(out, 0);       // image resources
        be32(out, 0);       // layer and mask information
        be16(out, rle ? 1 : 0);
        if (!rle) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < width * height; i++) {
                    int v = pixels[i * channels + c] & 0xFF;
                    if (depth == 16) {
                        be16(out, c == 3 ? v * 257 : v * 257 ^ (i & 0x7));
                    } else {
                        out.write(v);
                    }
                }
            }
        } else {
            // stb_image reads PackBits only for 8-bit PSDs.
            List<byte[]> packed = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < height; y++) {
                    byte[] row = new byte[width];
                    for (int x = 0; x < width; x++) {
                        row[x] = pixels[(y * width + x) * channels + c];
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

    /**
     * Softimage PIC: one packet for RGB (uncompressed, pure run-length or mixed run-length) and,
     * with 4 channels, a second packet for alpha.
     */
    static byte[] pic(byte[] pixels, int width, int height, int channels, int compression) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        be32(out, 0x5380F634);
        out.writeBytes(new byte[4]);                       // version (float)
        byte[] comment = new byte[80];
        byte[] text = "airlock test".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, comment, 0, text.length);
        out.writeBytes(comment);
        out.writeBytes("PICT".getBytes(StandardCharsets.US_ASCII));
        be16(out, width);
        be16(out, height);
        be32(out, Float.floatToIntBits(1.0f));             // ratio
        be16(out, 3);                                      // fields
        be16(out, 0);                                      // pad
        int[][] packets = channels == 4 ? new int[][] {{0xE0, 3}, {0x10, 1}} : new int[][] {{0xE0, 3}};
        for (int p = 0; p < packets.length; p++) {
            out.write(p < packets.length - 1 ? 1 : 0);     // chained
            out.write(8);                                  // bits per channel
            out.write(compression);
            out.write(packets[p][0]);
        }
        for (int y = 0; y < height; y++) {
            for (int[] packet : packets) {
                int first = packet[0] == 0x10 ? 3 : 0;
                int count = packet[1];
                byte[][] values = new byte[width][count];
                for (int x = 0; x < width; x++) {
                    for (int k = 0; k < count; k++) {
                        values[x][k] = pixels[(y * width + x) * channels + first + k];
                    }
                }
                writePicRow(out, values, compression);
            }
        }
        return out.toByteArray();
    }

    private static void writePicRow(ByteArrayOutputStream out, byte[][] values, int compression) {
        int width = values.length;
        switch (compression) {
            case 0 -> {
                for (byte[] v : values) {
                    out.write(v, 0, v.length);
                }
            }
            case 1 -> {
                int x = 0;
                while (x < width) {
                    int run = 1;
                    while (x + run < width && run < 255 && java.util.Arrays.equals(values[x], values[x + run])) {
                        run++;
                    }
                    out.write(run);
                    out.write(values[x], 0, values[x].length);
                    x += run;
                }
            }
            default -> {
                int x = 0;
                while (x < width) {
                    int run = 1;
                    while (x + run < width && run < 300 && java.util.Arrays.equals(values[x], values[x + run])) {
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
                        while (x + lit < width && lit < 128
                                && !(x + lit + 1 < width && java.util.Arrays.equals(values[x + lit], values[x + lit + 1]))) {
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
        }
    }

    // ---------------------------------------------------------------- BMP

    /**
     * BMP written by hand: {@code bits} 1, 4 or 8 (palette of grey levels), 16 (5-6-5 bit fields),
     * 24, or 32 (with an alpha mask, BITMAPV4-sized header); bottom-up unless {@code topDown}.
     */
    static byte[] bmp(byte[] rgba, int width, int height, int channels, int bits, boolean topDown) {
        int headerSize = bits == 32 ? 108 : 40;
        int paletteEntries = bits <= 8 ? 1 << bits : 0;
        int masksSize = bits == 16 ? 12 : 0;
        int stride = ((width * bits + 31) / 32) * 4;
        int offset = 14 + headerSize + masksSize + paletteEntries * 4;
        int fileSize = offset + stride * height;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('B');
        out.write('M');
        le32(out, fileSize);
        le32(out, 0);
        le32(out, offset);
        le32(out, headerSize);
        le32(out, width);
        le32(out, topDown ? -height : height);
        le16(out, 1);
        le16(out, bits);
        le32(out, bits == 16 || bits == 32 ? 3 : 0);   // BI_BITFIELDS or BI_RGB
        le32(out, stride * height);
        le32(out, 2835);
        le32(out, 2835);
        le32(out, paletteEntries);
        le32(out, 0);
        if (bits == 32) {
            le32(out, 0x00FF0000);
            le32(out, 0x0000FF00);
            le32(out, 0x000000FF);
            le32(out, 0xFF000000);
            out.writeBytes(new byte[108 - 40 - 16]);
        } else if (bits == 16) {
            le32(out, 0xF800);
            le32(out, 0x07E0);
            le32(out, 0x001F);
        }
        for (int i = 0; i < paletteEntries; i++) {
            int level = paletteEntries == 1 ? 0 : i * 255 / (paletteEntries - 1);
            out.write(level);
            out.write(255 - level);
            out.write(level / 2);
            out.write(0);
        }
        for (int row = 0; row < height; row++) {
            int y = topDown ? row : height - 1 - row;
            byte[] line = new byte[stride];
            for (int x = 0; x < width; x++) {
                int s = (y * width + x) * channels;
                int r = rgba[s] & 0xFF, g = rgba[s + 1 % channels] & 0xFF, b = rgba[s + 2 % channels] & 0xFF;
                switch (bits) {
                    case 1, 4, 8 -> {
                        int index = (r * ((1 << bits) - 1)) / 255;
                        int bitPos = x * bits;
                        line[bitPos / 8] |= (byte) (index << (8 - bits - bitPos % 8));
                    }
                    case 16 -> {
                        int v = ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3);
                        line[x * 2] = (byte) v;
                        line[x * 2 + 1] = (byte) (v >> 8);
                    }
                    case 24 -> {
                        line[x * 3] = (byte) b;
                        line[x * 3 + 1] = (byte) g;
                        line[x * 3 + 2] = (byte) r;
                    }
                    default -> {
                        line[x * 4] = (byte) b;
                        line[x * 4 + 1] = (byte) g;
                        line[x * 4 + 2] = (byte) r;
                        line[x * 4 + 3] = channels == 4 ? rgba[s + 3] : (byte) 255;
                    }
                }
            }
            out.write(line, 0, stride);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- javax.imageio

    static BufferedImage bufferedImage(byte[] pixels, int width, int height, int channels) {
        int type = switch (channels) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_INT_RGB;
            default -> BufferedImage.TYPE_INT_ARGB;
        };
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * channels;
                if (channels == 1) {
                    image.getRaster().setSample(x, y, 0, pixels[i] & 0xFF);
                } else {
                    int a = channels == 4 ? pixels[i + 3] & 0xFF : 255;
                    image.setRGB(x, y, (a << 24) | ((pixels[i] & 0xFF) << 16) | ((pixels[i + 1] & 0xFF) << 8) | (pixels[i + 2] & 0xFF));
                }
            }
        }
        return image;
    }

    /** A 16-bit grey or RGB PNG (javax.imageio writes 16-bit samples from USHORT rasters). */
    static BufferedImage grey16(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x * 65535 / Math.max(1, width - 1)) ^ (y * 31));
            }
        }
        return image;
    }

    /** An 8-bit palette image of 16 colours. */
    static BufferedImage indexed(int width, int height, int shift) {
        byte[] r = new byte[16], g = new byte[16], b = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) (i * 17);
            g[i] = (byte) (255 - i * 17);
            b[i] = (byte) ((i * 53 + shift) & 0xFF);
        }
        IndexColorModel model = new IndexColorModel(4, 16, r, g, b, 0);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, model);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, ((x + shift) / 3 + y / 2) & 15);
            }
        }
        return image;
    }

    static byte[] imageio(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG at {@code quality}, progressive or baseline. */
    static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            } else {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * An animated GIF: {@code frames} frames of 16-colour images, each placed at an offset and
     * smaller than the screen for some, with delays of 10, 20, ... ms (GIF counts hundredths)
     * and the given disposal method ("none", "doNotDispose", "restoreToBackgroundColor",
     * "restoreToPrevious").
     */
    static byte[] animatedGif(int width, int height, int frames, String disposal) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int f = 0; f < frames; f++) {
                int fw = f % 2 == 0 ? width : width / 2;
                int fh = f % 2 == 0 ? height : height / 2;
                BufferedImage frame = indexed(fw, fh, f * 5);
                ImageTypeSpecifier spec = ImageTypeSpecifier.createFromRenderedImage(frame);
                IIOMetadata metadata = writer.getDefaultImageMetadata(spec, null);
                String format = metadata.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode gce = child(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", disposal);
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", f > 0 ? "TRUE" : "FALSE");
                gce.setAttribute("transparentColorIndex", "0");
                gce.setAttribute("delayTime", Integer.toString(f + 1));
                IIOMetadataNode descriptor = child(root, "ImageDescriptor");
                descriptor.setAttribute("imageLeftPosition", Integer.toString(f % 2 == 0 ? 0 : width / 4));
                descriptor.setAttribute("imageTopPosition", Integer.toString(f % 2 == 0 ? 0 : height / 4));
                metadata.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(frame, null, metadata), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** RGB with an opaque alpha channel added. */
    static byte[] withAlpha(byte[] rgb) {
        byte[] out = new byte[rgb.length / 3 * 4];
        for (int i = 0; i < rgb.length / 3; i++) {
            System.arraycopy(rgb, i * 3, out, i * 4, 3);
            out[i * 4 + 3] = (byte) 255;
        }
        return out;
    }

    /** RGBA with every alpha 0 or 255. */
    static byte[] binaryAlpha(byte[] rgba) {
        byte[] out = rgba.clone();
        for (int i = 3; i < out.length; i += 4) {
            out[i] = (byte) ((out[i] & 0x80) != 0 ? 255 : 0);
        }
        return out;
    }

    // ---------------------------------------------------------------- every format

    /** Every generated test input: each format stb_image reads, in several variants. */
    static List<Generated> all() {
        List<Generated> list = new ArrayList<>();
        int w = 37, h = 23;
        byte[] rgb = pattern(w, h, 3, 1);
        byte[] rgba = pattern(w, h, 4, 2);
        byte[] grey = pattern(w, h, 1, 3);
        for (boolean rle : new boolean[] {false, true}) {
            for (boolean top : new boolean[] {false, true}) {
                String v = (rle ? "rle" : "raw") + (top ? "-top" : "-bottom");
                list.add(new Generated("tga-rgb-" + v, "tga", tga(rgb, w, h, 3, rle, top, false), w, h, 3, rgb));
                list.add(new Generated("tga-rgba-" + v, "tga", tga(rgba, w, h, 4, rle, top, false), w, h, 4, rgba));
                list.add(new Generated("tga-grey-" + v, "tga", tga(grey, w, h, 1, rle, top, false), w, h, 1, grey));
                list.add(new Generated("tga-mapped-" + v, "tga", tga(rgb, w, h, 3, rle, top, true), w, h, 3,
                        tgaMappedExpected(rgb, w, h, 3)));
            }
        }
        list.add(new Generated("pnm-p6", "pnm", pnm(rgb, w, h, 3, 255), w, h, 3, rgb));
        list.add(new Generated("pnm-p5", "pnm", pnm(grey, w, h, 1, 255), w, h, 1, grey));
        list.add(new Generated("pnm-p6-maxval100", "pnm", pnm(rgb, w, h, 3, 100), w, h, 3, null));
        list.add(new Generated("pnm-p6-16bit", "pnm", pnm(rgb, w, h, 3, 65535), w, h, 3, null));
        list.add(new Generated("pnm-p5-16bit", "pnm", pnm(grey, w, h, 1, 1000), w, h, 1, null));
        list.add(new Generated("hdr-flat", "hdr", hdr(w, h, false, 4), w, h, 3, null));
        list.add(new Generated("hdr-rle", "hdr", hdr(64, 19, true, 5), 64, 19, 3, null));
        list.add(new Generated("hdr-narrow", "hdr", hdr(5, 9, false, 6), 5, 9, 3, null));
        // stb_image returns PSDs with 4 channels. Alpha only 0 or 255: see KnownDivergences.
        byte[] binaryAlpha = binaryAlpha(rgba);
        list.add(new Generated("psd-rgb8-raw", "psd", psd(rgb, w, h, 3, 8, false), w, h, 4, withAlpha(rgb)));
        list.add(new Generated("psd-rgba8-raw", "psd", psd(binaryAlpha, w, h, 4, 8, false), w, h, 4, binaryAlpha));
        list.add(new Generated("psd-rgb8-rle", "psd", psd(rgb, w, h, 3, 8, true), w, h, 4, withAlpha(rgb)));
        list.add(new Generated("psd-rgba8-rle", "psd", psd(binaryAlpha, w, h, 4, 8, true), w, h, 4, binaryAlpha));
        list.add(new Generated("psd-rgb16-raw", "psd", psd(rgb, w, h, 3, 16, false), w, h, 3, null));
        list.add(new Generated("psd-rgba16-raw", "psd", psd(binaryAlpha, w, h, 4, 16, false), w, h, 4, null));
        for (int c = 0; c <= 2; c++) {
            list.add(new Generated("pic-rgb-c" + c, "pic", pic(rgb, w, h, 3, c), w, h, 3, rgb));
            list.add(new Generated("pic-rgba-c" + c, "pic", pic(rgba, w, h, 4, c), w, h, 4, rgba));
        }
        byte[] wide = pattern(300, 4, 3, 7);   // runs longer than 128 for mixed PIC RLE
        for (int y = 0; y < 4; y++) {
            for (int x = 20; x < 250; x++) {
                System.arraycopy(new byte[] {10, 20, 30}, 0, wide, (y * 300 + x) * 3, 3);
            }
        }
        list.add(new Generated("pic-long-runs", "pic", pic(wide, 300, 4, 3, 2), 300, 4, 3, wide));
        for (int bits : new int[] {1, 4, 8, 16, 24, 32}) {
            list.add(new Generated("bmp-" + bits + "bit", "bmp", bmp(bits == 32 ? rgba : rgb, w, h, bits == 32 ? 4 : 3, bits,
                    false), w, h, bits == 32 ? 4 : 3, bits == 24 ? rgb : bits == 32 ? rgba : null));
        }
        list.add(new Generated("bmp-24bit-topdown", "bmp", bmp(rgb, w, h, 3, 24, true), w, h, 3, rgb));
        list.add(new Generated("bmp-imageio-24", "bmp", imageio(bufferedImage(rgb, w, h, 3), "bmp"), w, h, 3, rgb));
        list.add(new Generated("bmp-imageio-indexed", "bmp", imageio(indexed(w, h, 3), "bmp"), w, h, 3, null));
        list.add(new Generated("png-rgb", "png", imageio(bufferedImage(rgb, w, h, 3), "png"), w, h, 3, rgb));
        list.add(new Generated("png-rgba", "png", imageio(bufferedImage(rgba, w, h, 4), "png"), w, h, 4, rgba));
        list.add(new Generated("png-grey", "png", imageio(bufferedImage(grey, w, h, 1), "png"), w, h, 1, grey));
        list.add(new Generated("png-grey16", "png", imageio(grey16(w, h), "png"), w, h, 1, null));
        list.add(new Generated("png-indexed", "png", imageio(indexed(w, h, 0), "png"), w, h, 3, null));
        BufferedImage big = bufferedImage(pattern(161, 97, 3, 8), 161, 97, 3);
        list.add(new Generated("jpeg-q90", "jpeg", jpeg(big, 0.9f, false), 161, 97, 3, null));
        list.add(new Generated("jpeg-q30", "jpeg", jpeg(big, 0.3f, false), 161, 97, 3, null));
        list.add(new Generated("jpeg-progressive", "jpeg", jpeg(big, 0.75f, true), 161, 97, 3, null));
        list.add(new Generated("jpeg-grey", "jpeg", jpeg(bufferedImage(grey, w, h, 1), 0.8f, false), w, h, 1, null));
        list.add(new Generated("gif-static", "gif", imageio(indexed(w, h, 1), "gif"), w, h, 4, null));
        list.add(new Generated("gif-animated-none", "gif", animatedGif(w, h, 5, "none"), w, h, 4, null));
        list.add(new Generated("gif-animated-keep", "gif", animatedGif(w, h, 4, "doNotDispose"), w, h, 4, null));
        list.add(new Generated("gif-animated-background", "gif", animatedGif(w, h, 6, "restoreToBackgroundColor"), w, h, 4,
                null));
        return list;
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v);
        le16(out, v >>> 16);
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
