package dev.airlock.libs.imageio;

import static dev.airlock.libs.imageio.SandboxedImageReaderTest.first;
import static dev.airlock.libs.imageio.SandboxedImageReaderTest.formatOf;
import static dev.airlock.libs.imageio.SandboxedImageReaderTest.found;
import static dev.airlock.libs.imageio.SandboxedImageReaderTest.isOurs;
import static dev.airlock.libs.imageio.SandboxedImageReaderTest.provider;
import static dev.airlock.libs.imageio.SandboxedImageReaderTest.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.libs.StbImageWasm;
import dev.airlock.libs.TestFiles;
import dev.airlock.libs.image.ImageFormat;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/**
 * The service providers: found by ImageIO under their names, suffixes and MIME types (the formats
 * the JDK reads by name only, behind the JDK's readers), and canDecodeInput by magic bytes
 * without moving the stream.
 */
class SandboxedImageReaderSpiTest {
    /** Formats the JDK lacks: registered by their own names. */
    private static final List<ImageFormat> DEFAULT_FORMATS = List.of(ImageFormat.TGA, ImageFormat.PSD, ImageFormat.HDR,
            ImageFormat.PIC, ImageFormat.PNM);

    @Test
    void providerDescribesItsFormat() throws IOException {
        for (ImageFormat f : ImageFormat.values()) {
            SandboxedImageReaderSpi spi = provider(f);
            assertSame(f, spi.format());
            assertEquals("Airlock", spi.getVendorName());
            assertTrue(spi.getDescription(Locale.ROOT).contains("sandbox"));
            assertTrue(List.of(spi.getFormatNames()).contains(SandboxedImageReaderSpi.NAME_PREFIX + f.formatName()));
            assertEquals(List.of(ImageInputStream.class), List.of(spi.getInputTypes()));
            ImageReader reader = spi.createReaderInstance();
            assertTrue(reader instanceof SandboxedImageReader);
            assertSame(spi, reader.getOriginatingProvider());
            assertEquals(f.jdkReads(), spi.getFileSuffixes() == null, f.toString());
            assertTrue(spi.isStandardImageMetadataFormatSupported());
        }
    }

    @Test
    void providersAreFoundByImageIO() {
        for (ImageFormat f : DEFAULT_FORMATS) {
            String name = f.formatName();
            assertTrue(found(ImageIO.getImageReadersByFormatName(name)), name);
            assertTrue(found(ImageIO.getImageReadersByFormatName(name.toUpperCase(Locale.ROOT))), name);
            assertTrue(found(ImageIO.getImageReadersByFormatName("airlock-" + name)), name);
            for (String suffix : f.suffixes()) {
                assertTrue(found(ImageIO.getImageReadersBySuffix(suffix)), suffix);
            }
            for (String mime : f.mimeTypes()) {
                assertTrue(found(ImageIO.getImageReadersByMIMEType(mime)), mime);
            }
        }
        for (String alias : List.of("targa", "ppm", "pgm", "rgbe")) {
            assertTrue(found(ImageIO.getImageReadersByFormatName(alias)), alias);
        }
        List<String> readable = List.of(ImageIO.getReaderFormatNames());
        assertTrue(readable.contains("tga") && readable.contains("airlock-png"), readable.toString());
    }

    /** JPEG, PNG, BMP and GIF: the JDK's readers stay the default; ours by name only. */
    @Test
    void formatsTheJdkReadsAreOptIn() throws IOException {
        for (ImageFormat f : List.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.BMP, ImageFormat.GIF)) {
            assertTrue(found(ImageIO.getImageReadersByFormatName("airlock-" + f.formatName())), f.toString());
            ImageReader first = ImageIO.getImageReadersByFormatName(f.formatName()).next();
            assertFalse(isOurs(first), f + ": " + first);
            assertFalse(found(ImageIO.getImageReadersByFormatName(f.formatName())), f.toString());
            assertFalse(found(ImageIO.getImageReadersBySuffix(f.suffixes().get(0))), f.toString());
        }
        assertTrue(found(ImageIO.getImageReadersByFormatName("airlock-jpg")));
        // For a PNG stream the JDK's reader comes first; ours is listed after it.
        try (ImageInputStream in = stream(TestFiles.image("png-rgb").bytes())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            assertFalse(isOurs(readers.next()));
            assertTrue(found(readers));
        }
    }

    @Test
    void canDecodeInputByMagicBytes() throws IOException {
        for (TestFiles.Image g : TestFiles.images()) {
            for (ImageFormat f : ImageFormat.values()) {
                try (ImageInputStream in = stream(g.bytes())) {
                    boolean expected = f == formatOf(g);
                    assertEquals(expected, provider(f).canDecodeInput(in), g.name() + " as " + f);
                    assertEquals(0, in.getStreamPosition(), "position after canDecodeInput");
                }
            }
        }
    }

    @Test
    void canDecodeInputRefusesEmptyNullAndOtherFormats() throws IOException {
        byte[] text = "P3\n2 2\n255\n0 0 0 1 1 1 2 2 2 3 3 3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        for (ImageFormat f : ImageFormat.values()) {
            ImageReaderSpi spi = provider(f);
            assertFalse(spi.canDecodeInput(null));
            assertFalse(spi.canDecodeInput(new byte[] {1, 2, 3}));
            try (ImageInputStream empty = stream(new byte[0])) {
                assertFalse(spi.canDecodeInput(empty), f.toString());
            }
            for (byte[] other : List.of(text, tiff)) {
                try (ImageInputStream in = stream(other)) {
                    assertFalse(spi.canDecodeInput(in), f.toString());
                }
            }
        }
    }

    @Test
    void canDecodeInputLeavesAnAdvancedStreamWhereItWas() throws IOException {
        TestFiles.assumeBuilt(StbImageWasm.LIBRARY);
        byte[] tga = first().bytes();
        byte[] padded = new byte[tga.length + 5];
        System.arraycopy(tga, 0, padded, 5, tga.length);
        try (ImageInputStream in = stream(padded)) {
            in.skipBytes(5);
            assertTrue(provider(ImageFormat.TGA).canDecodeInput(in));
            assertEquals(5, in.getStreamPosition());
            // The reader reads from the stream's position too.
            ImageReader reader = provider(ImageFormat.TGA).createReaderInstance();
            reader.setInput(in);
            assertEquals(37, reader.read(0).getWidth());
        }
    }
}
