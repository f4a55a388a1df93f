package dev.airlock.libs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.LibraryException;
import dev.airlock.libs.SandboxException;
import dev.airlock.libs.StbImage;
import dev.airlock.libs.StbImageNative;
import dev.airlock.libs.StbImageWasm;
import dev.airlock.libs.TestFiles;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safe stb_image decoder: the three-line use, every format and sample type, the limits, the
 * same pixels as the raw native binding on generated inputs, and damaged inputs ending in a
 * {@link DecodeException} or {@link SandboxException} only.
 */
class SandboxedImageDecoderTest {
    private static SandboxedImageDecoder decoder;
    private static StbImage reference;

    @BeforeAll
    static void open() {
        if (TestFiles.isBuilt(StbImageWasm.LIBRARY)) {
            decoder = SandboxedImageDecoder.builder().callTimeout(Duration.ofSeconds(20)).build();
            reference = new StbImageNative();
        }
    }

    @BeforeEach
    void built() {
        TestFiles.assumeBuilt(StbImageWasm.LIBRARY);
    }

    @AfterAll
    static void close() {
        if (decoder != null) {
            decoder.close();
            reference.close();
        }
    }

    @Test
    void threeLinesDecodeAnImage(@TempDir Path dir) throws Exception {
        TestFiles.Image tga = TestFiles.image("tga-rgb-rle-top");
        Path path = dir.resolve("image.tga");
        Files.write(path, tga.bytes());
        BufferedImage image;
        try (var d = SandboxedImageDecoder.create()) {
            image = d.decode(Files.readAllBytes(path)).toBufferedImage();
        }
        assertEquals(tga.width(), image.getWidth());
        assertEquals(tga.height(), image.getHeight());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, image.getType());
        byte[] p = tga.expected();
        int rgb = image.getRGB(5, 7);
        int i = (7 * tga.width() + 5) * 3;
        assertEquals((p[i] & 0xFF) << 16 | (p[i + 1] & 0xFF) << 8 | (p[i + 2] & 0xFF), rgb & 0xFFFFFF);
        BufferedImage once = SandboxedImageDecoder.read(path);
        assertEquals(image.getRGB(11, 3), once.getRGB(11, 3));
    }

    @Test
    void everyGeneratedImageDecodesToItsPixels() {
        List<String> formats = new ArrayList<>();
        for (TestFiles.Image g : TestFiles.images()) {
            ImageInfo info = decoder.info(g.bytes());
            assertEquals(g.width(), info.width(), g.name());
            assertEquals(g.height(), info.height(), g.name());
            assertEquals(Optional.of(g.format()), info.format().map(ImageFormat::formatName), g.name());
            DecodedImage image = decoder.decode(g.bytes());
            assertEquals(g.width(), image.width(), g.name());
            assertEquals(g.height(), image.height(), g.name());
            assertEquals(SampleType.UINT8, image.sampleType());
            if (g.expected() != null) {
                assertEquals(g.channels(), image.channels(), g.name());
                assertArrayEquals(g.expected(), image.bytes(), g.name());
            }
            if (!formats.contains(g.format())) {
                formats.add(g.format());
            }
        }
        assertEquals(9, formats.size(), formats.toString());
    }

    /** The safe decoder, in the sandbox, gives exactly the raw native binding's result. */
    @Test
    void samePixelsAsTheRawNativeBinding() {
        int compared = 0;
        for (TestFiles.Image g : TestFiles.images()) {
            byte[] f = g.bytes();
            int fileChannels = reference.info(f).channels();
            for (Channels c : Channels.values()) {
                if (TestFiles.knownDivergence(f, fileChannels, c.count()) != null) {
                    continue;
                }
                String what = g.name() + " " + c;
                StbImage.Image n8 = reference.load(f, c.count());
                DecodedImage s8 = decoder.decode(f, c, SampleType.UINT8);
                assertEquals(n8.channels(), s8.channels(), what);
                assertEquals(n8.channelsInFile(), s8.channelsInFile(), what);
                assertArrayEquals(n8.pixels(), s8.bytes(), what);
                StbImage.Image16 n16 = reference.load16(f, c.count());
                assertArrayEquals(n16.pixels(), decoder.decode(f, c, SampleType.UINT16).shorts(), what + " 16-bit");
                StbImage.ImageF nf = reference.loadFloat(f, c.count());
                assertArrayEquals(nf.pixels(), decoder.decode(f, c, SampleType.FLOAT32).floats(), what + " float");
                compared += 3;
            }
            if (g.format().equals("gif")) {
                StbImage.Gif ng = reference.loadGif(f, 0);
                DecodedAnimation sg = decoder.decodeAnimation(f);
                assertEquals(ng.frames().size(), sg.frames().size(), g.name());
                for (int i = 0; i < ng.frames().size(); i++) {
                    assertArrayEquals(ng.frames().get(i).pixels(), sg.frames().get(i).image().bytes(), g.name() + " " + i);
                    assertEquals(ng.frames().get(i).delayMillis(), sg.frames().get(i).delayMillis());
                }
            }
        }
        assertTrue(compared > 500, "compared " + compared);
    }

    /**
     * The same decoder over sandbox-api's native backend (the glue loaded with JNA, no isolation:
     * the migration path) runs the same verification and gives the same images as the Wasm one.
     */
    @Test
    void theNativeBackendGivesTheSameImages() {
        Path library = dev.airlock.libs.NativeLibraries.find(StbImageWasm.LIBRARY);
        int compared = 0;
        try (SandboxedImageDecoder nativeDecoder = SandboxedImageDecoder.builder()
                .library(dev.airlock.sandbox.SandboxLibrary.nativeLibrary(library)).build()) {
            for (TestFiles.Image g : TestFiles.images()) {
                byte[] f = g.bytes();
                if (TestFiles.knownDivergence(f, g.channels(), 0) != null) {
                    continue;
                }
                assertEquals(decoder.info(f), nativeDecoder.info(f), g.name());
                assertEquals(decoder.decode(f), nativeDecoder.decode(f), g.name());
                if (TestFiles.knownDivergence(f, g.channels(), 4) == null) {
                    assertEquals(decoder.decode(f, Channels.RGBA, SampleType.UINT16),
                            nativeDecoder.decode(f, Channels.RGBA, SampleType.UINT16), g.name());
                }
                compared++;
            }
            assertEquals(decoder.decodeAnimation(TestFiles.image("gif-animated-none").bytes()),
                    nativeDecoder.decodeAnimation(TestFiles.image("gif-animated-none").bytes()));
        }
        assertTrue(compared > 40, "compared " + compared);
    }

    @Test
    void sixteenBitAndHdrKeepTheirPrecision() {
        TestFiles.Image png16 = TestFiles.image("png-grey16");
        ImageInfo info = decoder.info(png16.bytes());
        assertTrue(info.is16Bit());
        assertEquals(SampleType.UINT16, info.naturalSampleType());
        DecodedImage grey16 = decoder.decode(png16.bytes(), Channels.AS_IN_FILE, SampleType.UINT16);
        BufferedImage image = grey16.toBufferedImage();
        assertEquals(BufferedImage.TYPE_USHORT_GRAY, image.getType());
        assertEquals(grey16.sample(30, 4, 0), image.getRaster().getSample(30, 4, 0));
        TestFiles.Image hdr = TestFiles.image("hdr-rle");
        ImageInfo hdrInfo = decoder.info(hdr.bytes());
        assertTrue(hdrInfo.isHdr());
        float[] radiance = decoder.decode(hdr.bytes(), Channels.AS_IN_FILE, SampleType.FLOAT32).floats();
        float max = 0;
        for (float v : radiance) {
            max = Math.max(max, v);
        }
        assertTrue(max > 1f, "HDR values are unclamped: max " + max);
        BufferedImage floatImage = decoder.decode(hdr.bytes(), Channels.RGB, SampleType.FLOAT32).toBufferedImage();
        assertEquals(java.awt.image.DataBuffer.TYPE_FLOAT, floatImage.getRaster().getDataBuffer().getDataType());
        BufferedImage toneMapped = decoder.decode(hdr.bytes()).toBufferedImage();
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, toneMapped.getType());
    }

    @Test
    void animationHasEveryFrameAndDelay() {
        TestFiles.Image gif = TestFiles.image("gif-animated-none");
        DecodedAnimation animation = decoder.decodeAnimation(gif.bytes());
        assertEquals(5, animation.frames().size());
        for (int i = 0; i < 5; i++) {
            DecodedAnimation.Frame frame = animation.frames().get(i);
            assertEquals((i + 1) * 10, frame.delayMillis());
            assertEquals(4, frame.image().channels());
            assertEquals(gif.width(), frame.image().width());
        }
        assertNotSame(animation.frames().get(0).image(), animation.frames().get(1).image());
        DecodedAnimation still = decoder.decodeAnimation(TestFiles.image("png-rgb").bytes(), Channels.RGB);
        assertEquals(1, still.frames().size());
        assertEquals(3, still.frames().get(0).image().channels());
    }

    @Test
    void limitsRefuseBeforeDecoding() {
        TestFiles.Image png = TestFiles.image("png-rgba");   // 37 x 23, RGBA
        byte[] f = png.bytes();
        assertLimit(ImageLimits.DEFAULT.withMaxWidth(36), f, "maxWidth");
        assertLimit(ImageLimits.DEFAULT.withMaxHeight(22), f, "maxHeight");
        assertLimit(ImageLimits.DEFAULT.withMaxPixels(37 * 23 - 1), f, "maxPixels");
        assertLimit(ImageLimits.DEFAULT.withMaxBytes(37 * 23 * 4 - 1), f, "");
        assertLimit(ImageLimits.DEFAULT.withMaxInputBytes(f.length - 1), f, "maxInputBytes");
        try (SandboxedImageDecoder exact = SandboxedImageDecoder.create(ImageLimits.DEFAULT.withMaxWidth(37).withMaxHeight(23)
                .withMaxPixels(37 * 23).withMaxBytes(37 * 23 * 4).withMaxInputBytes(f.length))) {
            assertEquals(37, exact.decode(f).width());
            // 16-bit samples need twice the bytes.
            assertThrows(DecodeException.class, () -> exact.decode(f, Channels.AS_IN_FILE, SampleType.UINT16));
        }
        // The header alone passes a tiny output limit: info decodes no pixels.
        try (SandboxedImageDecoder tiny = SandboxedImageDecoder.create(ImageLimits.DEFAULT.withMaxBytes(16))) {
            assertEquals(23, tiny.info(f).height());
            assertThrows(DecodeException.class, () -> tiny.decode(f));
        }
    }

    private static void assertLimit(ImageLimits limits, byte[] file, String named) {
        try (SandboxedImageDecoder d = SandboxedImageDecoder.create(limits)) {
            DecodeException e = assertThrows(DecodeException.class, () -> d.decode(file));
            assertTrue(e.getMessage().contains(named), e.getMessage());
            assertThrows(DecodeException.class, () -> d.decodeAnimation(file));
        }
    }

    @Test
    void badInputsFailWithTheLibrarysReason() {
        byte[] junk = "this is not an image, only some text that no decoder takes".getBytes(StandardCharsets.US_ASCII);
        DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(junk));
        assertEquals("unknown image type", e.reason());
        assertThrows(DecodeException.class, () -> decoder.info(junk));
        assertThrows(DecodeException.class, () -> decoder.decode(new byte[0]));
        assertThrows(NullPointerException.class, () -> decoder.decode(null));
    }

    /** Truncated and bit-flipped files of every format: a result, or one of the two exceptions. */
    @Test
    void damagedInputsEndInAClearException() {
        int failures = 0;
        int decoded = 0;
        try (SandboxedImageDecoder d = SandboxedImageDecoder.builder().callTimeout(Duration.ofSeconds(3)).build()) {
            long seed = 1;
            for (TestFiles.Image g : TestFiles.images()) {
                for (TestFiles.Damaged v : TestFiles.damaged(g.bytes(), seed++, 4, 4)) {
                    try {
                        DecodedImage image = d.decode(v.bytes());
                        assertEquals(image.width() * image.height() * image.channels(), image.bytes().length);
                        decoded++;
                    } catch (DecodeException | SandboxException e) {
                        assertNotNull(e.getMessage());
                        failures++;
                    } catch (RuntimeException e) {
                        fail(g.name() + "/" + v.name() + " threw " + e, e);
                    }
                }
            }
        }
        assertTrue(failures > 50 && decoded > 50, failures + " failures, " + decoded + " decoded");
    }

    @Test
    void parallelCallsGetTheirOwnSandboxes() throws Exception {
        List<TestFiles.Image> images = TestFiles.images().subList(0, 12);
        List<byte[]> expected = new ArrayList<>();
        for (TestFiles.Image g : images) {
            expected.add(decoder.decode(g.bytes()).bytes());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (TestFiles.Image g : images) {
                    results.add(pool.submit(() -> decoder.decode(g.bytes()).bytes()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected.get(i % images.size()), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(decoder.idleSandboxes() <= SandboxedImageDecoder.DEFAULT_SANDBOXES);
    }

    @Test
    void aClosedDecoderRefusesCalls() {
        SandboxedImageDecoder d = SandboxedImageDecoder.create();
        byte[] f = TestFiles.image("pnm-p6").bytes();
        assertEquals(37, d.decode(f).width());
        assertEquals(1, d.idleSandboxes());
        d.close();
        assertEquals(0, d.idleSandboxes());
        assertThrows(IllegalStateException.class, () -> d.decode(f));
        d.close();
    }

    @Test
    void anInterruptedCallDiscardsItsSandbox() {
        // A deadline ends a call within a few watchdog ticks (1 ms each here) of its start, never
        // before it. The image is large enough that its decode lasts far longer than that, even
        // warm, so the limit of 1 ns always interrupts it; the sandbox is then not reused.
        byte[] big = TestFiles.jpeg(3000, 2000, 7);
        try (SandboxedImageDecoder d = SandboxedImageDecoder.builder().callTimeout(Duration.ofNanos(1)).build()) {
            LibraryException e = assertThrows(LibraryException.class, () -> d.decode(big));
            assertTrue(e instanceof SandboxException, e.toString());
            assertEquals(0, d.idleSandboxes());
            assertEquals(0, d.sandboxes());
        }
    }
}
