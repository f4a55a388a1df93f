package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageFiles}: the capped read, and PNGs of every channel count. */
class ImageFilesTest {
    /** Where the test files are written. */
    @TempDir
    Path dir;

    @Test
    void readsUpToTheCap() throws IOException, ImageFiles.TooLargeException {
        Path file = Files.write(dir.resolve("ten"), new byte[10]);
        assertEquals(10, ImageFiles.read(file, 10).length);
        assertThrows(ImageFiles.TooLargeException.class, () -> ImageFiles.read(file, 9));
        assertEquals("is a directory", assertThrows(IOException.class, () -> ImageFiles.read(dir, 10)).getMessage());
    }

    @Test
    void pngKeepsEveryChannelCount() throws IOException {
        for (int channels = 1; channels <= 4; channels++) {
            byte[] pixels = new byte[3 * 2 * channels];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) (i * 37 + channels);
            }
            byte[] png = ImageFiles.encodePng(ImageFiles.image(3, 2, channels, pixels));
            assertEquals(new int[] {0, 0, 4, 2, 6}[channels], png[25], "colour type for " + channels + " channels");
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(channels, back.getRaster().getNumBands());
            assertArrayEquals(DecodeCommandTest.unsigned(pixels), DecodeCommandTest.samples(back));
        }
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.image(3, 2, 5, new byte[30]));
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.image(3, 2, 1, new byte[5]));
    }
}
