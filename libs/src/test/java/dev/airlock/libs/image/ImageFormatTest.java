package dev.airlock.libs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.libs.TestFiles;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Magic-byte detection of every format, and what it must not claim. */
class ImageFormatTest {
    @Test
    void detectsEveryGeneratedImage() {
        for (TestFiles.Image g : TestFiles.images()) {
            assertEquals(Optional.of(g.format()), ImageFormat.detect(g.bytes()).map(ImageFormat::formatName), g.name());
            // Only the first HEADER_BYTES count.
            byte[] header = Arrays.copyOf(g.bytes(), Math.min(g.bytes().length, ImageFormat.HEADER_BYTES));
            assertEquals(ImageFormat.detect(g.bytes()), ImageFormat.detect(header), g.name());
        }
    }

    @Test
    void claimsNothingElse() {
        byte[][] others = {
            new byte[0],
            "P3\n2 2\n255\n".getBytes(),                       // ASCII PPM: stb_image reads only P5/P6
            "P6".getBytes(),                                   // too short to tell
            "#?RADIANCE".getBytes(),                           // no newline yet
            {'I', 'I', 42, 0, 8, 0, 0, 0},                     // TIFF
            {'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 0},   // BMP with an unknown header size
            "GIF87b".getBytes(),
            new byte[18],                                      // all zero: TGA type 0 is not an image
        };
        for (byte[] o : others) {
            assertEquals(Optional.empty(), ImageFormat.detect(o), new String(o));
        }
    }

    @Test
    void tgaNeedsAPlausibleHeader() {
        byte[] tga = TestFiles.image("tga-rgb-raw-top").bytes();
        assertTrue(ImageFormat.TGA.matches(tga, tga.length));
        byte[] bad = tga.clone();
        bad[16] = 7;                                           // bits per pixel
        assertFalse(ImageFormat.TGA.matches(bad, bad.length));
        bad = tga.clone();
        bad[12] = 0;                                           // width 0
        bad[13] = 0;
        assertFalse(ImageFormat.TGA.matches(bad, bad.length));
        assertFalse(ImageFormat.TGA.matches(tga, 17));
    }

    @Test
    void namesOfTheJdksFormats() {
        for (ImageFormat f : ImageFormat.values()) {
            boolean jdk = f == ImageFormat.JPEG || f == ImageFormat.PNG || f == ImageFormat.BMP || f == ImageFormat.GIF;
            assertEquals(jdk, f.jdkReads(), f.toString());
            assertFalse(f.suffixes().isEmpty());
            assertFalse(f.mimeTypes().isEmpty());
            assertEquals(f.name().toLowerCase(java.util.Locale.ROOT), f.formatName());
        }
    }
}
