package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.airlock.libs.StbImage;
import dev.airlock.libs.StbImageWasm;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airlock decode}: images of every channel layout and of several formats (written with
 * ImageIO, or by hand for TGA, PNM and HDR) decode to PNGs whose pixels, read back, are those of
 * the decoder (and of the source, for lossless formats); the output naming rules; damaged, hostile
 * and non-image files end in one line on stderr and exit 1; usage errors exit 64.
 */
class DecodeCommandTest {
    /** Where the test images and outputs are written. */
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ helpers

    /** Writes {@code bytes} to {@code name} in the test directory. */
    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** {@code image} encoded by ImageIO in {@code format}. */
    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no ImageIO writer for " + format);
        return out.toByteArray();
    }

    /** A {@code width x height} image of {@code type} with gradients, stripes and (if it has one) varying alpha. */
    static BufferedImage pattern(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / Math.max(1, width - 1);
                int g = y * 255 / Math.max(1, height - 1);
                int b = ((x / 4 + y / 4) % 2) * 200 + 20;
                int a = 255 - (x + y) * 200 / Math.max(1, width + height - 2);
                image.setRGB(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    /** Every sample of {@code image}'s raster, row-major, bands interleaved. */
    static int[] samples(BufferedImage image) {
        Raster raster = image.getRaster();
        return raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
    }

    /** {@code bytes} as unsigned samples. */
    static int[] unsigned(byte[] bytes) {
        int[] samples = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            samples[i] = bytes[i] & 0xFF;
        }
        return samples;
    }

    /** The RGB (and alpha, if {@code alpha}) samples of an sRGB image, as {@code getRGB} gives them. */
    static int[] rgbSamples(BufferedImage image, boolean alpha) {
        int channels = alpha ? 4 : 3;
        int[] samples = new int[image.getWidth() * image.getHeight() * channels];
        int i = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                samples[i++] = argb >>> 16 & 0xFF;
                samples[i++] = argb >>> 8 & 0xFF;
                samples[i++] = argb & 0xFF;
                if (alpha) {
                    samples[i++] = argb >>> 24;
                }
            }
        }
        return samples;
    }

    /** What stb_image in the sandbox decodes {@code file} to, with the file's channels. */
    static StbImage.Image stbDecode(Path file) throws IOException {
        try (StbImageWasm stb = new StbImageWasm()) {
            return stb.load(Files.readAllBytes(file), 0);
        }
    }

    /** Runs {@code airlock decode ARGS}, checking that no stack trace or exception name was printed. */
    private static Cli.Result decode(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "decode";
        System.arraycopy(args, 0, full, 1, args.length);
        Cli.Result r = Cli.run(full);
        assertNoStackTrace(r);
        return r;
    }

    /** Fails if {@code r}'s stderr looks like a stack trace or names an exception. */
    static void assertNoStackTrace(Cli.Result r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("Error:"),
                () -> "stack trace or exception name:\n" + r);
    }

    /** Checks a failure: {@code status}, nothing on stdout, exactly one line on stderr starting with {@code start}. */
    static void assertOneLineFailure(Cli.Result r, int status, String start) {
        assertEquals(status, r.status(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1,
                () -> "not one line on stderr:\n" + r);
        assertTrue(r.err().startsWith(start), () -> "expected stderr to start with '" + start + "':\n" + r);
        assertNoStackTrace(r);
    }

    /**
     * Decodes {@code file} to {@code NAME.png} in the test directory, checks the result line and
     * the PNG's header (8-bit, the colour type of {@code channels}), and returns the PNG's samples
     * after checking them against what the sandboxed decoder gives.
     */
    private int[] decodeAndReadBack(Path file, int width, int height, int channels) throws IOException {
        Path png = dir.resolve(file.getFileName() + ".out.png");
        Cli.Result r = decode(file.toString(), "-o", png.toString());
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertEquals("", r.err(), r::toString);
        String expectedLine = file + ": " + width + "x" + height + ", " + channels + " channel" + (channels == 1 ? "" : "s");
        assertTrue(r.out().startsWith(expectedLine), () -> "expected '" + expectedLine + "...':\n" + r);
        assertTrue(r.out().endsWith(" -> " + png + "\n") && r.out().indexOf('\n') == r.out().length() - 1, r::toString);

        byte[] bytes = Files.readAllBytes(png);
        assertEquals(8, bytes[24], "bit depth");
        int[] colourTypes = {0, 0, 4, 2, 6};
        assertEquals(colourTypes[channels], bytes[25], "PNG colour type for " + channels + " channels");
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(width, back.getWidth());
        assertEquals(height, back.getHeight());
        assertEquals(channels, back.getRaster().getNumBands());
        int[] samples = samples(back);
        StbImage.Image decoded = stbDecode(file);
        assertArrayEquals(unsigned(decoded.pixels()), samples, "the PNG holds the decoder's pixels");
        return samples;
    }

    // ------------------------------------------------------------------ formats and channels

    @Test
    void pngOfEveryChannelLayoutRoundTripsExactly() throws IOException {
        BufferedImage rgb = pattern(37, 23, BufferedImage.TYPE_3BYTE_BGR);
        assertArrayEquals(rgbSamples(rgb, false), decodeAndReadBack(write("rgb.png", encode(rgb, "png")), 37, 23, 3));

        BufferedImage rgba = pattern(29, 31, BufferedImage.TYPE_4BYTE_ABGR);
        assertArrayEquals(rgbSamples(rgba, true), decodeAndReadBack(write("rgba.png", encode(rgba, "png")), 29, 31, 4));

        BufferedImage grey = new BufferedImage(40, 9, BufferedImage.TYPE_BYTE_GRAY);
        byte[] greyPixels = new byte[40 * 9];
        for (int i = 0; i < greyPixels.length; i++) {
            greyPixels[i] = (byte) (i * 7);
        }
        grey.getRaster().setDataElements(0, 0, 40, 9, greyPixels);
        assertArrayEquals(unsigned(greyPixels), decodeAndReadBack(write("grey.png", encode(grey, "png")), 40, 9, 1));

        byte[] greyAlpha = new byte[11 * 13 * 2];
        for (int i = 0; i < greyAlpha.length; i++) {
            greyAlpha[i] = (byte) (i % 2 == 0 ? i * 3 : 255 - i);
        }
        BufferedImage ga = ImageFiles.image(11, 13, 2, greyAlpha.clone());
        assertArrayEquals(unsigned(greyAlpha), decodeAndReadBack(write("ga.png", encode(ga, "png")), 11, 13, 2));
    }

    @Test
    void sixteenBitPngIsReducedToEightBits() throws IOException {
        BufferedImage image = new BufferedImage(17, 5, BufferedImage.TYPE_USHORT_GRAY);
        short[] values = new short[17 * 5];
        int[] expected = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (i * 771 + 5);
            expected[i] = (values[i] & 0xFFFF) >> 8;
        }
        image.getRaster().setDataElements(0, 0, 17, 5, values);
        Path file = write("deep.png", encode(image, "png"));
        assertArrayEquals(expected, decodeAndReadBack(file, 17, 5, 1));
        Cli.Result r = decode(file.toString(), "-o", dir.resolve("deep2.png").toString());
        assertTrue(r.out().contains("1 channel (16-bit, reduced to 8 bits) -> "), r::toString);
    }

    @Test
    void jpegIsDecodedCloseToItsSource() throws IOException {
        // Smooth gradients, which JPEG keeps well (the stripes of pattern() suffer from its chroma
        // subsampling).
        BufferedImage rgb = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                rgb.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x + y) * 2);
            }
        }
        int[] samples = decodeAndReadBack(write("photo.jpg", encode(rgb, "jpeg")), 64, 48, 3);
        double difference = meanDifference(rgbSamples(rgb, false), samples);
        assertTrue(difference < 4, "JPEG too far from its source: " + difference);

        BufferedImage grey = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        grey.createGraphics().drawImage(rgb, 0, 0, null);
        int[] greySamples = decodeAndReadBack(write("grey.jpg", encode(grey, "jpeg")), 32, 32, 1);
        double greyDifference = meanDifference(samples(grey), greySamples);
        assertTrue(greyDifference < 4, "grey JPEG too far from its source: " + greyDifference);
    }

    @Test
    void bmpAndGifRoundTripExactly() throws IOException {
        BufferedImage rgb = pattern(33, 17, BufferedImage.TYPE_3BYTE_BGR);
        assertArrayEquals(rgbSamples(rgb, false), decodeAndReadBack(write("pic.bmp", encode(rgb, "bmp")), 33, 17, 3));

        // A GIF of few colours (so that ImageIO keeps them exactly): stb_image gives RGBA.
        BufferedImage indexed = new BufferedImage(24, 10, BufferedImage.TYPE_BYTE_INDEXED);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 24; x++) {
                indexed.setRGB(x, y, (x + y) % 3 == 0 ? 0xFF0000 : (x + y) % 3 == 1 ? 0x00FF00 : 0x0000FF);
            }
        }
        assertArrayEquals(rgbSamples(indexed, true), decodeAndReadBack(write("anim.gif", encode(indexed, "gif")), 24, 10, 4));
    }

    @Test
    void handMadeTgaAndPnmRoundTripExactly() throws IOException {
        // TGA: uncompressed true colour, 32 bits (BGRA), origin top left, 8 alpha bits.
        int w = 5;
        int h = 3;
        ByteArrayOutputStream tga = new ByteArrayOutputStream();
        tga.write(new byte[] {0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) w, 0, (byte) h, 0, 32, 0x28});
        int[] expected = new int[w * h * 4];
        for (int i = 0; i < w * h; i++) {
            int r = i * 17;
            int g = 255 - i * 9;
            int b = i * 5 + 1;
            int a = 100 + i * 10;
            tga.write(new byte[] {(byte) b, (byte) g, (byte) r, (byte) a});
            expected[i * 4] = r;
            expected[i * 4 + 1] = g;
            expected[i * 4 + 2] = b;
            expected[i * 4 + 3] = a;
        }
        assertArrayEquals(expected, decodeAndReadBack(write("hand.tga", tga.toByteArray()), w, h, 4));

        // PPM (P6) and PGM (P5).
        byte[] rgb = new byte[4 * 2 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 11);
        }
        assertArrayEquals(unsigned(rgb), decodeAndReadBack(write("hand.ppm", pnm("P6", 4, 2, rgb)), 4, 2, 3));
        byte[] grey = {0, 64, (byte) 128, (byte) 255, 1, 2};
        assertArrayEquals(unsigned(grey), decodeAndReadBack(write("hand.pgm", pnm("P5", 3, 2, grey)), 3, 2, 1));
    }

    @Test
    void hdrIsToneMappedByTheDecoder() throws IOException {
        // Radiance RGBE, 3x2, flat (no RLE below 8 pixels wide); (128, 64, 32) at exponent 129 is
        // (1, 0.5, 0.25).
        ByteArrayOutputStream hdr = new ByteArrayOutputStream();
        hdr.write("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 2 +X 3\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 6; i++) {
            hdr.write(new byte[] {(byte) 128, 64, 32, (byte) (129 - i)});
        }
        Path file = write("sky.hdr", hdr.toByteArray());
        int[] samples = decodeAndReadBack(file, 3, 2, 3);
        assertEquals(255, samples[0], "1.0 is white");
        assertEquals(Math.round(Math.pow(0.5, 1 / 2.2) * 255), samples[1], 1.0, "0.5 with gamma 2.2");
        Cli.Result r = decode(file.toString(), "-o", dir.resolve("sky2.png").toString());
        assertEquals(file + ": 3x2, 3 channels (HDR, tone-mapped to 8 bits) -> " + dir.resolve("sky2.png") + "\n", r.out());
    }

    /** A binary PNM file: {@code magic}, the dimensions, 255 and the samples. */
    static byte[] pnm(String magic, int width, int height, byte[] samples) {
        byte[] header = (magic + "\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] file = Arrays.copyOf(header, header.length + samples.length);
        System.arraycopy(samples, 0, file, header.length, samples.length);
        return file;
    }

    /** The mean absolute difference of two sample arrays of the same length. */
    static double meanDifference(int[] a, int[] b) {
        assertEquals(a.length, b.length);
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return (double) sum / a.length;
    }

    @Test
    void decodesTheReadmeSample() throws IOException {
        Path sample = Path.of("..", "samples", "sample.jpg");
        assertTrue(Files.isRegularFile(sample), "samples/sample.jpg is missing (java samples/GenerateSample.java)");
        assertTrue(Files.size(sample) < 100_000, "the sample should stay small");
        decodeAndReadBack(sample, 320, 200, 3);
    }

    // ------------------------------------------------------------------ output names

    @Test
    void defaultOutputNames() {
        Path cwd = dir.resolve("cwd");
        assertEquals(Path.of("photo.png"), ImageFiles.defaultOutput(Path.of("/x/photo.jpg"), cwd));
        assertEquals(Path.of("a.b.png"), ImageFiles.defaultOutput(Path.of("a.b.gif"), cwd));
        assertEquals(Path.of("raw.png"), ImageFiles.defaultOutput(Path.of("in/raw"), cwd));
        assertEquals(Path.of(".hidden.png"), ImageFiles.defaultOutput(Path.of(".hidden"), cwd));
        assertEquals(Path.of("pic.png"), ImageFiles.defaultOutput(Path.of("elsewhere/pic.png"), cwd));
        assertEquals(Path.of("pic.decoded.png"), ImageFiles.defaultOutput(cwd.resolve("pic.png"), cwd));
    }

    @Test
    void writesNextToTheWorkingDirectoryWithTheExtensionReplaced() throws IOException {
        Path cwd = Files.createDirectory(dir.resolve("work"));
        Path input = write("photo.jpg", encode(pattern(16, 8, BufferedImage.TYPE_3BYTE_BGR), "jpeg"));
        Cli.Result r = Cli.run(new DecodeCommand(cwd), input.toString());
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertEquals(input + ": 16x8, 3 channels -> photo.png\n", r.out());
        assertTrue(Files.isRegularFile(cwd.resolve("photo.png")), "photo.png in the working directory");
        assertFalse(Files.exists(dir.resolve("photo.png")), "nothing next to the input");

        // A relative -o is relative to the working directory too.
        Cli.Result o = Cli.run(new DecodeCommand(cwd), input.toString(), "-o", "sub.png");
        assertEquals(input + ": 16x8, 3 channels -> sub.png\n", o.out(), o::toString);
        assertTrue(Files.isRegularFile(cwd.resolve("sub.png")));
    }

    @Test
    void neverOverwritesItsInputByDefault() throws IOException {
        byte[] original = encode(pattern(6, 6, BufferedImage.TYPE_4BYTE_ABGR), "png");
        Path input = write("pic.png", original);
        Cli.Result r = Cli.run(new DecodeCommand(dir), input.toString());
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertEquals(input + ": 6x6, 4 channels -> pic.decoded.png\n", r.out());
        assertArrayEquals(original, Files.readAllBytes(input), "the input is untouched");
        assertArrayEquals(samples(ImageIO.read(input.toFile())), samples(ImageIO.read(dir.resolve("pic.decoded.png").toFile())));

        // Through a relative name, from the input's own directory, too.
        Cli.Result relative = Cli.run(new DecodeCommand(dir), "pic.png");
        assertEquals("pic.png: 6x6, 4 channels -> pic.decoded.png\n", relative.out(), relative::toString);
        assertArrayEquals(original, Files.readAllBytes(input));
    }

    @Test
    void anUnwritableOutputExits2() throws IOException {
        Path input = write("ok.png", encode(pattern(4, 4, BufferedImage.TYPE_3BYTE_BGR), "png"));
        Path missingDir = dir.resolve("no/such/dir/out.png");
        assertOneLineFailure(decode(input.toString(), "-o", missingDir.toString()), ExitStatus.BAD_INPUT,
                "airlock decode: cannot write " + missingDir + ": no such file or directory");
        assertOneLineFailure(decode(input.toString(), "-o", dir.toString()), ExitStatus.BAD_INPUT,
                "airlock decode: cannot write " + dir + ": is a directory");
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void missingOrUnreadableFilesExit2() {
        Path missing = dir.resolve("nope.jpg");
        Cli.Result r = decode(missing.toString());
        assertOneLineFailure(r, ExitStatus.BAD_INPUT, "airlock decode: cannot read " + missing + ": no such file or directory");
        assertOneLineFailure(decode(dir.toString()), ExitStatus.BAD_INPUT, "airlock decode: cannot read " + dir + ": is a directory");
    }

    @Test
    void nonImagesAreRefusedWithStbImagesReason() throws IOException {
        Path text = write("notes.txt", "just some text, not an image\n".getBytes(StandardCharsets.UTF_8));
        Cli.Result r = decode(text.toString(), "-o", dir.resolve("x.png").toString());
        assertOneLineFailure(r, ExitStatus.FAILED, "airlock decode: " + text + ": not a supported image: unknown image type");
        assertFalse(Files.exists(dir.resolve("x.png")), "no output for a failure");

        Path empty = write("empty.png", new byte[0]);
        assertOneLineFailure(decode(empty.toString()), ExitStatus.FAILED,
                "airlock decode: " + empty + ": not a supported image: the file is empty");
        Path etc = Path.of("/etc/passwd");
        if (Files.isReadable(etc)) {
            assertOneLineFailure(decode(etc.toString(), "-o", dir.resolve("y.png").toString()), ExitStatus.FAILED,
                    "airlock decode: /etc/passwd: not a supported image");
        }
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        BufferedImage image = pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        byte[] png = encode(image, "png");
        byte[] jpeg = encode(image, "jpeg");
        byte[] gif = encode(image, "gif");
        byte[] bmp = encode(image, "bmp");
        Path out = dir.resolve("out.png");
        Object[][] cases = {
            {"png", png, 5, "unknown image type"}, {"png", png, 16, ""}, {"png", png, 60, "outofdata"},
            {"png", png, png.length / 2, "outofdata"}, {"jpg", jpeg, 40, ""}, {"jpg", jpeg, jpeg.length / 2, ""},
            {"gif", gif, 30, ""}, {"bmp", bmp, 30, "bad offset"}, {"png", png, 30, ""},
        };
        for (Object[] c : cases) {
            byte[] whole = (byte[]) c[1];
            int length = (Integer) c[2];
            Path file = write("cut-" + length + "." + c[0], Arrays.copyOf(whole, length));
            Cli.Result r = decode(file.toString(), "-o", out.toString());
            assertOneLineFailure(r, ExitStatus.FAILED, "airlock decode: " + file + ": not a supported image");
            assertTrue(r.err().contains((String) c[3]), r::toString);
        }
    }

    @Test
    void damagedHeadersAreRefused() throws IOException {
        BufferedImage image = pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        Path out = dir.resolve("out.png");

        // Bits flipped in each format's signature.
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("png", encode(image, "png"));
        files.put("jpg", encode(image, "jpeg"));
        files.put("gif", encode(image, "gif"));
        files.put("bmp", encode(image, "bmp"));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] flipped = e.getValue().clone();
            flipped[1] ^= 0x04;
            Path file = write("flipped." + e.getKey(), flipped);
            assertOneLineFailure(decode(file.toString(), "-o", out.toString()), ExitStatus.FAILED,
                    "airlock decode: " + file + ": not a supported image: unknown image type");
        }

        // PNG: the zlib header of the image data fails its check bits.
        byte[] png = files.get("png").clone();
        png[indexOf(png, "IDAT") + 4] ^= 0x01;
        Path badZlib = write("zlib.png", png);
        assertOneLineFailure(decode(badZlib.toString(), "-o", out.toString()), ExitStatus.FAILED,
                "airlock decode: " + badZlib + ": not a supported image: bad zlib header");

        // JPEG: the frame header claims 9-bit samples.
        byte[] jpeg = files.get("jpg").clone();
        jpeg[indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xC0}) + 4] ^= 0x01;
        Path badFrame = write("frame.jpg", jpeg);
        assertOneLineFailure(decode(badFrame.toString(), "-o", out.toString()), ExitStatus.FAILED,
                "airlock decode: " + badFrame + ": not a supported image: only 8-bit");
    }

    @Test
    void randomBitFlipsAndCutsNeverEscape() throws IOException {
        BufferedImage image = pattern(48, 40, BufferedImage.TYPE_4BYTE_ABGR);
        List<byte[]> sources = List.of(encode(image, "png"), encode(pattern(48, 40, BufferedImage.TYPE_3BYTE_BGR), "jpeg"),
                encode(pattern(48, 40, BufferedImage.TYPE_3BYTE_BGR), "gif"),
                encode(pattern(48, 40, BufferedImage.TYPE_3BYTE_BGR), "bmp"));
        Random random = new Random(20240607);
        Path file = dir.resolve("damaged.img");
        Path out = dir.resolve("damaged.png");
        int failed = 0;
        List<String> seen = new ArrayList<>();
        for (byte[] source : sources) {
            for (int i = 0; i < 12; i++) {
                byte[] damaged = i % 3 == 2 ? Arrays.copyOf(source, 1 + random.nextInt(source.length - 1)) : source.clone();
                if (i % 3 != 2) {
                    for (int flips = 0; flips < 1 + i % 3 * 4; flips++) {
                        damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                Files.write(file, damaged);
                Files.deleteIfExists(out);
                Cli.Result r = decode(file.toString(), "-o", out.toString(), "--timeout", "20");
                if (r.status() == ExitStatus.OK) {
                    assertEquals("", r.err(), r::toString);
                    BufferedImage back = ImageIO.read(out.toFile());
                    assertEquals(48, back.getWidth(), r::toString);
                } else {
                    assertOneLineFailure(r, ExitStatus.FAILED, "airlock decode: " + file + ": ");
                    assertFalse(Files.exists(out), "no output for a failure");
                    failed++;
                    seen.add(r.err().strip());
                }
            }
        }
        assertTrue(failed > 0, "no damaged file was refused");
        System.out.println("decode: " + failed + " of " + sources.size() * 12 + " damaged files refused, e.g. "
                + seen.subList(0, Math.min(3, seen.size())));
    }

    /** The index of the first occurrence of {@code ascii} in {@code bytes}. */
    static int indexOf(byte[] bytes, String ascii) {
        return indexOf(bytes, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** The index of the first occurrence of {@code pattern} in {@code bytes}. */
    static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        fail("pattern not found");
        return -1;
    }

    // ------------------------------------------------------------------ limits

    @Test
    void maxPixelsRefusesLargerImagesBeforeDecoding() throws IOException {
        Path file = write("hundred.png", encode(pattern(100, 100, BufferedImage.TYPE_3BYTE_BGR), "png"));
        Path out = dir.resolve("hundred-out.png");
        assertOneLineFailure(decode(file.toString(), "-o", out.toString(), "--max-pixels", "9999"), ExitStatus.FAILED,
                "airlock decode: " + file + ": 100x100 is 10000 pixels, more than --max-pixels 9999\n");
        assertFalse(Files.exists(out));
        Cli.Result ok = decode(file.toString(), "-o", out.toString(), "--max-pixels=10000");
        assertEquals(ExitStatus.OK, ok.status(), ok::toString);
    }

    @Test
    void aHeaderPromisingAHugeImageIsRefused() throws IOException {
        // A PNG header of 10000x10000 RGBA (400 MB of pixels, which stb_image itself would still
        // try to allocate) in a file of a few bytes: refused by the default limit, nothing decoded.
        byte[] png = encode(pattern(2, 2, BufferedImage.TYPE_4BYTE_ABGR), "png");
        int ihdr = indexOf(png, "IHDR") + 4;
        for (int i = 0; i < 2; i++) {
            png[ihdr + 4 * i] = 0;
            png[ihdr + 4 * i + 1] = 0;
            png[ihdr + 4 * i + 2] = (byte) (10000 >> 8);
            png[ihdr + 4 * i + 3] = (byte) 10000;
        }
        Path file = write("bomb.png", png);
        assertOneLineFailure(decode(file.toString(), "-o", dir.resolve("bomb-out.png").toString()), ExitStatus.FAILED,
                "airlock decode: " + file + ": 10000x10000 is 100000000 pixels, more than --max-pixels "
                        + DecodeCommand.DEFAULT_MAX_PIXELS + "\n");
        // With a higher limit, the decoder gets it, and finds too few pixels.
        Cli.Result r = decode(file.toString(), "-o", dir.resolve("bomb-out.png").toString(), "--max-pixels", "100000000");
        assertOneLineFailure(r, ExitStatus.FAILED, "airlock decode: " + file + ": not a supported image");
    }

    @Test
    void aCallThatRunsTooLongTimesOut() throws IOException {
        // A deadline ends a call within a few 1 ms watchdog ticks of its start; a 3000x2000 JPEG
        // takes about a hundred times longer than that to decode, even warm.
        Path file = write("big.jpg", encode(pattern(3000, 2000, BufferedImage.TYPE_3BYTE_BGR), "jpeg"));
        Path out = dir.resolve("big-out.png");
        assertOneLineFailure(decode(file.toString(), "-o", out.toString(), "--timeout", "0.001"), ExitStatus.FAILED,
                "airlock decode: " + file + ": timed out after 0.001 s\n");
        assertFalse(Files.exists(out));
        // Without a limit it decodes.
        Cli.Result ok = decode(file.toString(), "-o", out.toString(), "--timeout", "0");
        assertEquals(ExitStatus.OK, ok.status(), ok::toString);
    }

    // ------------------------------------------------------------------ usage

    @Test
    void usageErrorsExit64() {
        String[][] bad = {
            {}, {"a.jpg", "b.jpg"}, {"a.jpg", "--max-pixels", "0"}, {"a.jpg", "--max-pixels", "lots"},
            {"a.jpg", "--max-pixels", String.valueOf(DecodeCommand.MAX_MAX_PIXELS + 1)}, {"a.jpg", "--timeout", "-1"},
            {"a.jpg", "--timeout", "soon"}, {"a.jpg", "--frobnicate"}, {"a.jpg", "-o"}, {"a.jpg", "-o", "x", "-o", "y"},
            {"a.jpg", "--timeout", "1", "--timeout", "2"}, {""},
        };
        for (String[] args : bad) {
            Cli.Result r = decode(args);
            assertEquals(ExitStatus.USAGE, r.status(), () -> Arrays.toString(args) + "\n" + r);
            assertTrue(r.err().startsWith("airlock decode: "), r::toString);
            assertTrue(r.err().contains("usage: airlock decode FILE"), r::toString);
        }
        Cli.Result dash = decode("--", "-image.png");
        assertEquals(ExitStatus.BAD_INPUT, dash.status(), "after --, a FILE may start with '-'");
    }

    @Test
    void helpDescribesOptionsAndFailures() {
        Cli.Result r = Cli.run("help", "decode");
        assertEquals(ExitStatus.OK, r.status());
        for (String s : new String[] {"-o, --output OUT.png", "--max-pixels N", "--timeout SECONDS", "GIF (the",
                "NAME.decoded.png", "not a supported image", "Exit status:"}) {
            assertTrue(r.out().contains(s), () -> s + " missing from\n" + r);
        }
    }
}
