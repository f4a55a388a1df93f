package dev.airlock.libs.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.airlock.libs.StbImageWasm;
import dev.airlock.libs.TestFiles;
import dev.airlock.libs.image.Channels;
import dev.airlock.libs.image.DecodedImage;
import dev.airlock.libs.image.ImageFormat;
import dev.airlock.libs.image.ImageLimits;
import dev.airlock.libs.image.SampleType;
import dev.airlock.libs.image.SandboxedImageDecoder;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ImageIO reader, tested the way ImageIO plugins are usually tested (the provider's
 * registration and canDecodeInput: {@link SandboxedImageReaderSpiTest}): every test image, ImageIO.read
 * of the formats the JDK lacks, the read parameters (source region,
 * subsampling, destination, destination type and offset, bands), listeners, abort, repeated
 * reads, dispose, misuse (no input, bad index) and damaged files (only IIOException).
 */
class SandboxedImageReaderTest {
    private static SandboxedImageDecoder damagedDecoder;

    @BeforeAll
    static void open() {
        damagedDecoder = SandboxedImageDecoder.builder().callTimeout(Duration.ofSeconds(3)).build();
    }

    @AfterAll
    static void close() {
        damagedDecoder.close();
    }

    @BeforeEach
    void built() {
        TestFiles.assumeBuilt(StbImageWasm.LIBRARY);
    }

    // ------------------------------------------------------------------ helpers

    static ImageInputStream stream(byte[] bytes) {
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    }

    static SandboxedImageReaderSpi provider(ImageFormat format) {
        return switch (format) {
            case JPEG -> new SandboxedImageReaderSpi.Jpeg();
            case PNG -> new SandboxedImageReaderSpi.Png();
            case BMP -> new SandboxedImageReaderSpi.Bmp();
            case GIF -> new SandboxedImageReaderSpi.Gif();
            case PSD -> new SandboxedImageReaderSpi.Psd();
            case PIC -> new SandboxedImageReaderSpi.Pic();
            case PNM -> new SandboxedImageReaderSpi.Pnm();
            case HDR -> new SandboxedImageReaderSpi.Hdr();
            case TGA -> new SandboxedImageReaderSpi.Tga();
        };
    }

    static ImageFormat formatOf(TestFiles.Image image) {
        for (ImageFormat f : ImageFormat.values()) {
            if (f.formatName().equals(image.format())) {
                return f;
            }
        }
        throw new IllegalArgumentException(image.format());
    }

    static SandboxedImageReader reader(TestFiles.Image image) {
        SandboxedImageReader reader = (SandboxedImageReader) provider(formatOf(image)).createReaderInstance(null);
        reader.setInput(stream(image.bytes()));
        return reader;
    }

    /** The first test image: an RGB TGA of 37 x 23. */
    static TestFiles.Image first() {
        return TestFiles.image("tga-rgb-raw-bottom");
    }

    static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        assertEquals(expected.getWidth(), actual.getWidth(), what + ": width");
        assertEquals(expected.getHeight(), actual.getHeight(), what + ": height");
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (expected.getRGB(x, y) != actual.getRGB(x, y)) {
                    fail(what + ": pixel (" + x + ", " + y + ") " + Integer.toHexString(expected.getRGB(x, y)) + " vs "
                            + Integer.toHexString(actual.getRGB(x, y)));
                }
            }
        }
    }

    /**
     * Whether {@code actual} holds the samples of {@code expected} with channels converted the
     * way stb_image converts them: grey replicated to RGB, opaque alpha added. (Comparing getRGB
     * would not do: Java 2D treats 8-bit grey as linear and converts it to sRGB.)
     */
    static void assertSameSamples(Raster expected, Raster actual, String what) {
        int eb = expected.getNumBands();
        int ab = actual.getNumBands();
        boolean expectedAlpha = eb == 2 || eb == 4;
        boolean actualAlpha = ab == 2 || ab == 4;
        int colours = actualAlpha ? ab - 1 : ab;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                for (int b = 0; b < colours; b++) {
                    int source = eb <= 2 ? 0 : b;
                    assertEquals(expected.getSample(x, y, source), actual.getSample(x, y, b), what + " at " + x + "," + y);
                }
                if (actualAlpha) {
                    int alpha = expectedAlpha ? expected.getSample(x, y, eb - 1) : 255;
                    assertEquals(alpha, actual.getSample(x, y, ab - 1), what + " alpha at " + x + "," + y);
                }
            }
        }
    }

    static boolean isOurs(ImageReader reader) {
        return reader instanceof SandboxedImageReader;
    }

    static boolean found(Iterator<ImageReader> readers) {
        while (readers.hasNext()) {
            if (isOurs(readers.next())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void imageIoReadDecodesTheFormatsTheJdkLacks(@TempDir Path dir) throws IOException {
        for (TestFiles.Image g : TestFiles.images()) {
            ImageFormat f = formatOf(g);
            if (f.jdkReads()) {
                continue;
            }
            Path file = dir.resolve(g.name() + "." + f.suffixes().get(0));
            Files.write(file, g.bytes());
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, g.name());
            assertEquals(g.width(), image.getWidth(), g.name());
            assertEquals(g.height(), image.getHeight(), g.name());
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                ImageReader reader = ImageIO.getImageReaders(in).next();
                assertTrue(isOurs(reader), g.name() + ": " + reader);
            }
        }
    }

    // ------------------------------------------------------------------ reading

    @Test
    void readsEveryTestImage() throws IOException {
        SandboxedImageDecoder decoder = damagedDecoder;
        for (TestFiles.Image g : TestFiles.images()) {
            SandboxedImageReader reader = reader(g);
            assertEquals(g.width(), reader.getWidth(0), g.name());
            assertEquals(g.height(), reader.getHeight(0), g.name());
            assertEquals((float) g.width() / g.height(), reader.getAspectRatio(0), 1e-6, g.name());
            BufferedImage image = reader.read(0);
            assertEquals(g.width(), image.getWidth(), g.name());
            assertEquals(g.height(), image.getHeight(), g.name());
            assertEquals(formatOf(g).formatName(), reader.getFormatName());
            // Pixel for pixel what the decoder gives (with the raw type's channels and samples).
            ImageTypeSpecifier raw = reader.getRawImageType(0);
            assertEquals(raw.getColorModel(), image.getColorModel(), g.name());
            if (!g.format().equals("gif")) {
                int bands = raw.getSampleModel().getNumBands();
                SampleType type = raw.getSampleModel().getDataType() == DataBuffer.TYPE_FLOAT ? SampleType.FLOAT32
                        : raw.getSampleModel().getDataType() == DataBuffer.TYPE_USHORT ? SampleType.UINT16 : SampleType.UINT8;
                DecodedImage expected = decoder.decode(g.bytes(), Channels.of(bands), type);
                assertRasterEquals(expected, image.getRaster(), g.name());
            }
            if (g.expected() != null && g.channels() == image.getSampleModel().getNumBands()) {
                assertArrayEquals(g.expected(), samples(image.getRaster()), g.name());
            }
            reader.dispose();
        }
    }

    static byte[] samples(Raster raster) {
        int[] s = raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
        byte[] b = new byte[s.length];
        for (int i = 0; i < s.length; i++) {
            b[i] = (byte) s[i];
        }
        return b;
    }

    static void assertRasterEquals(DecodedImage expected, Raster raster, String what) {
        int w = expected.width(), h = expected.height(), c = expected.channels();
        assertEquals(c, raster.getNumBands(), what);
        if (expected.sampleType() == SampleType.FLOAT32) {
            assertArrayEquals(expected.floats(), raster.getPixels(0, 0, w, h, (float[]) null), what);
            return;
        }
        int[] actual = raster.getPixels(0, 0, w, h, (int[]) null);
        int[] want = new int[actual.length];
        if (expected.sampleType() == SampleType.UINT16) {
            short[] s = expected.shorts();
            for (int i = 0; i < s.length; i++) {
                want[i] = s[i] & 0xFFFF;
            }
        } else {
            byte[] b = expected.bytes();
            for (int i = 0; i < b.length; i++) {
                want[i] = b[i] & 0xFF;
            }
        }
        assertArrayEquals(want, actual, what);
    }

    @Test
    void sixteenBitImagesComeAsUshortRasters() throws IOException {
        for (String name : List.of("png-grey16", "pnm-p6-16bit", "psd-rgb16-raw")) {
            TestFiles.Image g = TestFiles.image(name);
            SandboxedImageReader reader = reader(g);
            BufferedImage image = reader.read(0);
            assertEquals(DataBuffer.TYPE_USHORT, image.getRaster().getDataBuffer().getDataType(), name);
            if (name.equals("png-grey16")) {
                assertEquals(BufferedImage.TYPE_USHORT_GRAY, image.getType());
            }
            DecodedImage expected = damagedDecoder.decode(g.bytes(), Channels.of(image.getRaster().getNumBands()),
                    SampleType.UINT16);
            assertRasterEquals(expected, image.getRaster(), name);
        }
    }

    @Test
    void hdrIsAFloatRasterOrToneMapped() throws IOException {
        TestFiles.Image g = TestFiles.image("hdr-rle");
        SandboxedImageReader reader = reader(g);
        BufferedImage linear = reader.read(0);
        assertEquals(DataBuffer.TYPE_FLOAT, linear.getRaster().getDataBuffer().getDataType());
        float[] values = linear.getRaster().getPixels(0, 0, linear.getWidth(), linear.getHeight(), (float[]) null);
        float max = 0;
        for (float v : values) {
            max = Math.max(max, v);
        }
        assertTrue(max > 1, "unclamped radiance, max " + max);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setDestinationType(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB));
        BufferedImage toneMapped = reader.read(0, param);
        assertEquals(BufferedImage.TYPE_INT_RGB, toneMapped.getType());
        DecodedImage expected = damagedDecoder.decode(g.bytes(), Channels.RGB, SampleType.UINT8);
        assertRasterEquals(expected, toneMapped.getRaster(), "tone-mapped");
    }

    @Test
    void gifFramesAreImages() throws IOException {
        TestFiles.Image g = TestFiles.image("gif-animated-keep");
        SandboxedImageReader reader = reader(g);
        assertEquals(-1, reader.getNumImages(false));
        assertEquals(4, reader.getNumImages(true));
        assertEquals(4, reader.getNumImages(false));
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assertEquals(g.width(), reader.getWidth(i));
            frames.add(reader.read(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> reader.read(4));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.getWidth(4));
        boolean differ = false;
        for (int y = 0; y < g.height() && !differ; y++) {
            for (int x = 0; x < g.width() && !differ; x++) {
                differ = frames.get(0).getRGB(x, y) != frames.get(3).getRGB(x, y);
            }
        }
        assertTrue(differ, "frames 0 and 3 are the same");
        // A fresh reader can read a later frame first.
        assertSamePixels(frames.get(2), reader(g).read(2), "frame 2");
    }

    @Test
    void readAsRenderedImageAndWithEveryKindOfParam() throws IOException {
        TestFiles.Image g = first();
        SandboxedImageReader reader = reader(g);
        BufferedImage plain = reader.read(0);
        assertSamePixels(plain, (BufferedImage) reader.readAsRenderedImage(0, null), "rendered");
        assertSamePixels(plain, reader.read(0, null), "null param");
        assertSamePixels(plain, reader.read(0, new ImageReadParam()), "new param");
        assertSamePixels(plain, reader.read(0, reader.getDefaultReadParam()), "default param");
        assertFalse(reader.getDefaultReadParam().canSetSourceRenderSize());
    }

    @Test
    void sourceRegion() throws IOException {
        for (String name : List.of("tga-rgb-raw-bottom", "png-rgba", "png-grey", "hdr-flat")) {
            TestFiles.Image g = TestFiles.image(name);
            SandboxedImageReader reader = reader(g);
            Rectangle r = new Rectangle(3, 3, 9, 9);
            BufferedImage roi = reader.read(0).getSubimage(r.x, r.y, r.width, r.height);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(r);
            BufferedImage image = reader.read(0, param);
            assertEquals(9, image.getWidth());
            assertSamePixels(roi, image, name);
            // A region reaching past the image is clipped.
            param.setSourceRegion(new Rectangle(30, 20, 100, 100));
            BufferedImage corner = reader.read(0, param);
            assertEquals(g.width() - 30, corner.getWidth());
            assertEquals(g.height() - 20, corner.getHeight());
        }
    }

    @Test
    void subsampling() throws IOException {
        TestFiles.Image g = first();
        SandboxedImageReader reader = reader(g);
        BufferedImage full = reader.read(0);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(5, 5, 0, 0);
        BufferedImage fifth = reader.read(0, param);
        assertEquals((g.width() + 4) / 5, fifth.getWidth());
        assertEquals((g.height() + 4) / 5, fifth.getHeight());
        param.setSourceSubsampling(2, 3, 1, 2);
        BufferedImage sub = reader.read(0, param);
        for (int y = 0; y < sub.getHeight(); y++) {
            for (int x = 0; x < sub.getWidth(); x++) {
                assertEquals(full.getRGB(1 + 2 * x, 2 + 3 * y), sub.getRGB(x, y), x + "," + y);
            }
        }
        param.setSourceSubsampling(2, 2, 0, 0);
        param.setSourceRegion(new Rectangle(0, 0, 10, 10));
        BufferedImage both = reader.read(0, param);
        assertEquals(5, both.getWidth());
        assertEquals(5, both.getHeight());
    }

    @Test
    void destinationOfEveryOfferedType() throws IOException {
        for (String name : List.of("tga-rgb-raw-bottom", "tga-grey-raw-top", "png-rgba", "png-grey16", "hdr-flat")) {
            TestFiles.Image g = TestFiles.image(name);
            SandboxedImageReader reader = reader(g);
            BufferedImage reference = reader.read(0);
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            assertTrue(types.hasNext());
            int offered = 0;
            while (types.hasNext()) {
                ImageTypeSpecifier type = types.next();
                offered++;
                ImageReadParam param = reader.getDefaultReadParam();
                BufferedImage destination = type.createBufferedImage(50, 50);
                param.setDestination(destination);
                assertSame(destination, reader.read(0, param), name);
                param = reader.getDefaultReadParam();
                param.setDestinationType(type);
                BufferedImage result = reader.read(0, param);
                assertEquals(type.getColorModel(), result.getColorModel(), name);
                assertEquals(type.getSampleModel().getDataType(), result.getSampleModel().getDataType(), name);
                assertEquals(type.getSampleModel().getNumBands(), result.getSampleModel().getNumBands(), name);
                if (type.getSampleModel().getDataType() != DataBuffer.TYPE_FLOAT && !name.startsWith("hdr")
                        && !name.endsWith("16") && type.getSampleModel().getNumBands() >= reference.getSampleModel().getNumBands()) {
                    assertSameSamples(reference.getRaster(), result.getRaster(), name + " as " + type.getBufferedImageType());
                }
            }
            assertTrue(offered >= 2, name + ": " + offered);
        }
    }

    @Test
    void illegalDestinationsAreRefused() throws IOException {
        SandboxedImageReader reader = reader(first());
        List<ImageTypeSpecifier> offered = new ArrayList<>();
        reader.getImageTypes(0).forEachRemaining(offered::add);
        for (int t = BufferedImage.TYPE_INT_RGB; t <= BufferedImage.TYPE_BYTE_INDEXED; t++) {
            ImageTypeSpecifier type = ImageTypeSpecifier.createFromBufferedImageType(t);
            if (offered.contains(type)) {
                continue;
            }
            ImageReadParam param = reader.getDefaultReadParam();
            param.setDestinationType(type);
            IIOException e = assertThrows(IIOException.class, () -> reader.read(0, param), "type " + t);
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("destination"), e.getMessage());
        }
        ImageReadParam indexed = reader.getDefaultReadParam();
        indexed.setDestination(new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_INDEXED));
        assertThrows(IIOException.class, () -> reader.read(0, indexed));
    }

    @Test
    void destinationOffset() throws IOException {
        SandboxedImageReader reader = reader(first());
        BufferedImage plain = reader.read(0);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setDestinationOffset(new Point(37, 42));
        BufferedImage shifted = reader.read(0, param);
        assertEquals(37 + 37, shifted.getWidth());
        assertEquals(23 + 42, shifted.getHeight());
        assertEquals(0, shifted.getRGB(10, 10) & 0xFFFFFF);
        assertSamePixels(plain, shifted.getSubimage(37, 42, 37, 23), "offset");
        // Into a smaller destination: clipped.
        param.setDestination(new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB));
        param.setDestinationOffset(new Point(40, 45));
        BufferedImage clipped = reader.read(0, param);
        assertEquals(plain.getRGB(9, 4), clipped.getRGB(49, 49));
        assertThrows(IllegalArgumentException.class, () -> param.setDestinationOffset(null));
    }

    @Test
    void sourceAndDestinationBands() throws IOException {
        SandboxedImageReader reader = reader(TestFiles.image("png-rgba"));
        BufferedImage rgba = reader.read(0);
        ImageReadParam param = reader.getDefaultReadParam();
        BufferedImage grey = new BufferedImage(37, 23, BufferedImage.TYPE_BYTE_GRAY);
        param.setDestination(grey);
        param.setSourceBands(new int[] {3});
        param.setDestinationBands(new int[] {0});
        reader.read(0, param);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                assertEquals(rgba.getRGB(x, y) >>> 24, grey.getRaster().getSample(x, y, 0));
            }
        }
        ImageReadParam mismatch = reader.getDefaultReadParam();
        mismatch.setSourceBands(new int[] {0, 1});
        mismatch.setDestinationBands(new int[] {0});
        assertThrows(IllegalArgumentException.class, () -> reader.read(0, mismatch));
    }

    // ------------------------------------------------------------------ listeners, abort, state

    /** Records the progress events it receives. */
    static class Recorder implements IIOReadProgressListener {
        final List<String> events = new ArrayList<>();
        final String name;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {
            events.add("sequenceStarted");
        }

        @Override
        public void sequenceComplete(ImageReader source) {
            events.add("sequenceComplete");
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
            events.add("imageStarted " + imageIndex);
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            if (percentageDone < 0 || percentageDone > 100) {
                events.add("bad progress " + percentageDone);
            } else if (!events.isEmpty() && events.get(events.size() - 1).equals("imageProgress")) {
                return;
            }
            events.add("imageProgress");
        }

        @Override
        public void imageComplete(ImageReader source) {
            events.add("imageComplete");
        }

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
            events.add("thumbnailStarted");
        }

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {
            events.add("thumbnailProgress");
        }

        @Override
        public void thumbnailComplete(ImageReader source) {
            events.add("thumbnailComplete");
        }

        @Override
        public void readAborted(ImageReader source) {
            events.add("readAborted");
        }
    }

    @Test
    void listenersAreCalledInOrder() throws IOException {
        SandboxedImageReader reader = reader(first());
        Recorder one = new Recorder("one");
        Recorder two = new Recorder("two");
        Recorder removed = new Recorder("removed");
        reader.addIIOReadProgressListener(one);
        reader.addIIOReadProgressListener(removed);
        reader.addIIOReadProgressListener(two);
        reader.addIIOReadProgressListener(null);
        reader.removeIIOReadProgressListener(removed);
        reader.read(0);
        List<String> expected = List.of("imageStarted 0", "imageProgress", "imageComplete");
        assertEquals(expected, one.events);
        assertEquals(expected, two.events);
        assertEquals(List.of(), removed.events);
        reader.removeAllIIOReadProgressListeners();
        reader.read(0);
        assertEquals(expected, one.events);
    }

    @Test
    void abortStopsTheRead() throws IOException {
        for (boolean inProgress : new boolean[] {false, true}) {
            SandboxedImageReader reader = reader(first());
            Recorder watcher = new Recorder("watcher");
            reader.addIIOReadProgressListener(watcher);
            reader.addIIOReadProgressListener(new Recorder("aborter") {
                @Override
                public void imageStarted(ImageReader source, int imageIndex) {
                    if (!inProgress) {
                        source.abort();
                    }
                }

                @Override
                public void imageProgress(ImageReader source, float percentageDone) {
                    source.abort();
                }
            });
            BufferedImage partial = reader.read(0);
            assertNotNull(partial);
            assertTrue(watcher.events.contains("readAborted"), watcher.events.toString());
            assertFalse(watcher.events.contains("imageComplete"), watcher.events.toString());
            // The abort request does not outlive the read.
            reader.removeAllIIOReadProgressListeners();
            assertSamePixels(reader(first()).read(0), reader.read(0), "after abort");
        }
    }

    @Test
    void readingTwiceGivesTwoEqualImages() throws IOException {
        SandboxedImageReader reader = reader(first());
        BufferedImage one = reader.read(0);
        BufferedImage two = reader.read(0);
        assertNotSame(one, two);
        assertSamePixels(one, two, "second read");
        one.setRGB(0, 0, ~one.getRGB(0, 0));
        assertTrue(one.getRGB(0, 0) != two.getRGB(0, 0));
    }

    @Test
    void noInputIsIllegalState() {
        ImageReader reader = provider(ImageFormat.TGA).createReaderInstance(null);
        assertThrows(IllegalStateException.class, () -> reader.read(0));
        assertThrows(IllegalStateException.class, () -> reader.read(0, reader.getDefaultReadParam()));
        assertThrows(IllegalStateException.class, () -> reader.getNumImages(true));
        assertThrows(IllegalStateException.class, () -> reader.getWidth(0));
        assertThrows(IllegalStateException.class, () -> reader.getHeight(0));
        assertThrows(IllegalStateException.class, () -> reader.getAspectRatio(0));
        assertThrows(IllegalStateException.class, () -> reader.getImageTypes(0));
        assertEquals(0, reader.getMinIndex());
        reader.setInput(null);
        assertThrows(IllegalStateException.class, () -> reader.read(0));
        assertThrows(IllegalArgumentException.class, () -> reader.setInput(new Object()));
    }

    @Test
    void badIndicesAreOutOfBounds() {
        SandboxedImageReader reader = reader(first());
        assertThrows(IndexOutOfBoundsException.class, () -> reader.read(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.read(1));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.read(Integer.MAX_VALUE));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.read(99, reader.getDefaultReadParam()));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.readAsRenderedImage(1, null));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.getWidth(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.getHeight(1));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.getImageTypes(1));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.getImageMetadata(1));
    }

    @Test
    void seekForwardOnlyRaisesTheMinimumIndex() throws IOException {
        TestFiles.Image g = TestFiles.image("gif-animated-none");
        ImageReader reader = provider(ImageFormat.GIF).createReaderInstance();
        reader.setInput(stream(g.bytes()), true);
        assertThrows(IllegalStateException.class, () -> reader.getNumImages(true));
        reader.read(2);
        assertEquals(2, reader.getMinIndex());
        assertThrows(IndexOutOfBoundsException.class, () -> reader.read(1));
        assertEquals(g.width(), reader.read(3).getWidth());
    }

    @Test
    void disposeBeforeAndAfterReading() throws IOException {
        provider(ImageFormat.TGA).createReaderInstance().dispose();
        SandboxedImageReader reader = reader(first());
        reader.dispose();
        SandboxedImageReader used = reader(first());
        used.read(0);
        used.dispose();
        SandboxedImageReader reset = reader(first());
        reset.read(0);
        reset.reset();
        assertNull(reset.getInput());
        reset.setInput(stream(first().bytes()));
        assertEquals(37, reset.read(0).getWidth());
    }

    @Test
    void standardMetadata() throws IOException {
        for (String name : List.of("png-rgba", "hdr-flat", "png-grey16")) {
            SandboxedImageReader reader = reader(TestFiles.image(name));
            IIOMetadata metadata = reader.getImageMetadata(0);
            ImageReaderSpi spi = reader.getOriginatingProvider();
            assertEquals(spi.getNativeImageMetadataFormatName(), metadata.getNativeMetadataFormatName());
            assertNull(reader.getStreamMetadata());
            assertTrue(metadata.isReadOnly());
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
            IIOMetadataNode channels = (IIOMetadataNode) root.getElementsByTagName("NumChannels").item(0);
            IIOMetadataNode bits = (IIOMetadataNode) root.getElementsByTagName("BitsPerSample").item(0);
            switch (name) {
                case "png-rgba" -> {
                    assertEquals("4", channels.getAttribute("value"));
                    assertEquals("8 8 8 8", bits.getAttribute("value"));
                }
                case "hdr-flat" -> assertEquals("32 32 32", bits.getAttribute("value"));
                default -> assertEquals("16", bits.getAttribute("value"));
            }
            assertThrows(IllegalArgumentException.class, () -> metadata.getAsTree("nonsense"));
            reader.setInput(stream(TestFiles.image(name).bytes()), false, true);
            assertNull(reader.getImageMetadata(0));
        }
    }

    @Test
    void widthAndHeightDoNotDecodePixels() throws IOException {
        // An output limit of 16 bytes refuses any decode, yet the header can be read.
        try (SandboxedImageDecoder tiny = SandboxedImageDecoder.create(ImageLimits.DEFAULT.withMaxBytes(16))) {
            SandboxedImageReader reader = reader(first());
            reader.setDecoder(tiny);
            assertEquals(37, reader.getWidth(0));
            assertEquals(23, reader.getHeight(0));
            assertTrue(reader.getImageTypes(0).hasNext());
            IIOException e = assertThrows(IIOException.class, () -> reader.read(0));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ damaged and hostile files

    /** Truncated, bit-flipped and empty files of every format: an image or an IIOException, nothing else. */
    @Test
    void damagedFilesEndInIioException() throws IOException {
        int refused = 0;
        long seed = 77;
        for (TestFiles.Image g : TestFiles.images()) {
            List<TestFiles.Damaged> variants = new ArrayList<>(TestFiles.damaged(g.bytes(), seed++, 4, 4));
            variants.add(new TestFiles.Damaged("header-only", java.util.Arrays.copyOf(g.bytes(), Math.min(g.bytes().length, 20))));
            for (TestFiles.Damaged v : variants) {
                SandboxedImageReader reader = (SandboxedImageReader) provider(formatOf(g)).createReaderInstance();
                reader.setDecoder(damagedDecoder);
                reader.setInput(stream(v.bytes()));
                try {
                    int n = reader.getNumImages(true);
                    for (int i = 0; i < n; i++) {
                        reader.read(i);
                    }
                } catch (IIOException e) {
                    refused++;
                } catch (Exception e) {
                    fail(g.name() + "/" + v.name() + " threw " + e, e);
                }
            }
        }
        assertTrue(refused > 40, "refused " + refused);
        SandboxedImageReader empty = (SandboxedImageReader) provider(ImageFormat.PNM).createReaderInstance();
        empty.setInput(stream(new byte[0]));
        assertThrows(IIOException.class, () -> empty.read(0));
        assertThrows(IIOException.class, () -> empty.getWidth(0));
    }

    @Test
    void inputBeyondTheLimitIsRefused() {
        try (SandboxedImageDecoder small = SandboxedImageDecoder.create(ImageLimits.DEFAULT.withMaxInputBytes(100))) {
            SandboxedImageReader reader = reader(first());
            reader.setDecoder(small);
            IIOException e = assertThrows(IIOException.class, () -> reader.read(0));
            assertTrue(e.getMessage().contains("maxInputBytes"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ corpus

    /** The corpus's images through the sandboxed readers: the same size as the JDK's reader says, where it has one. */
    @Test
    void corpusImages() throws IOException {
        Path root = TestFiles.assumeCorpus();
        Map<String, List<Path>> byExtension = TestFiles.corpus(root, "jpg", "jpeg", "png", "bmp", "gif", "tga", "ppm",
                "pgm", "pnm", "psd", "hdr", "pic");
        int read = 0;
        for (List<Path> files : byExtension.values()) {
            // The three smallest of each kind: the large wallpapers take long in the sandbox and add nothing here.
            List<Path> sample = files.stream().sorted((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
                    .limit(3).toList();
            for (Path p : sample) {
                byte[] bytes = TestFiles.read(p);
                ImageFormat format = ImageFormat.detect(bytes).orElse(null);
                if (format == null) {
                    continue;
                }
                ImageReader reader = provider(format).createReaderInstance();
                reader.setInput(stream(bytes));
                BufferedImage image;
                try {
                    image = reader.read(0);
                } catch (IIOException e) {
                    // stb_image refuses a few real files (e.g. 12-bit or arithmetic-coded JPEGs): fine, if clearly.
                    assertNotNull(e.getCause(), p.toString());
                    continue;
                }
                if (format.jdkReads()) {
                    BufferedImage jdk = ImageIO.read(p.toFile());
                    if (jdk != null) {
                        assertEquals(jdk.getWidth(), image.getWidth(), p.toString());
                        assertEquals(jdk.getHeight(), image.getHeight(), p.toString());
                    }
                }
                read++;
            }
        }
        assertTrue(read > 5, "read " + read);
    }
}
