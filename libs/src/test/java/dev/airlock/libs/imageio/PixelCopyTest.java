package dev.airlock.libs.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.airlock.libs.image.DecodedImage;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Copying with regions, subsampling, band selection, sample size conversion and stopping. */
class PixelCopyTest {
    /** 4 x 3 RGB, sample (x, y, c) = 40 * y + 10 * x + c. */
    static DecodedImage source() {
        byte[] p = new byte[4 * 3 * 3];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                for (int c = 0; c < 3; c++) {
                    p[(y * 4 + x) * 3 + c] = (byte) (40 * y + 10 * x + c);
                }
            }
        }
        return DecodedImage.of(4, 3, 3, p);
    }

    @Test
    void regionSubsamplingAndBands() {
        BufferedImage dest = new BufferedImage(5, 5, BufferedImage.TYPE_BYTE_GRAY);
        List<Integer> rows = new ArrayList<>();
        boolean done = new PixelCopy(source(), new int[] {2}).copy(new Rectangle(1, 0, 3, 3), 2, 2, dest.getRaster(),
                new Rectangle(1, 1, 2, 2), (n, of) -> rows.add(n));
        assertEquals(true, done);
        assertEquals(List.of(1, 2), rows);
        WritableRaster r = dest.getRaster();
        assertEquals(12, r.getSample(1, 1, 0));      // source (1, 0) band 2
        assertEquals(32, r.getSample(2, 1, 0));      // source (3, 0)
        assertEquals(92, r.getSample(1, 2, 0));      // source (1, 2)
        assertEquals(0, r.getSample(0, 0, 0));
    }

    @Test
    void convertsToTheDestinationsSampleSize() {
        BufferedImage rgb565 = new BufferedImage(4, 3, BufferedImage.TYPE_USHORT_565_RGB);
        new PixelCopy(source(), new int[] {0, 1, 2}).copy(new Rectangle(0, 0, 4, 3), 1, 1, rgb565.getRaster(),
                new Rectangle(0, 0, 4, 3), (n, of) -> true);
        // 8-bit 111 (x 3, y 2, band 1) into 6 bits: round(111 * 63 / 255) = 27.
        assertEquals(27, rgb565.getRaster().getSample(3, 2, 1));
        BufferedImage ushort = new BufferedImage(4, 3, BufferedImage.TYPE_USHORT_GRAY);
        new PixelCopy(source(), new int[] {0}).copy(new Rectangle(0, 0, 4, 3), 1, 1, ushort.getRaster(),
                new Rectangle(0, 0, 4, 3), (n, of) -> true);
        assertEquals(110 * 257, ushort.getRaster().getSample(3, 2, 0));
    }

    @Test
    void stopsWhenTheListenerSaysSoAndChecksBands() {
        BufferedImage dest = new BufferedImage(4, 3, BufferedImage.TYPE_3BYTE_BGR);
        int[] calls = {0};
        assertFalse(new PixelCopy(source(), new int[] {0, 1, 2}).copy(new Rectangle(0, 0, 4, 3), 1, 1, dest.getRaster(),
                new Rectangle(0, 0, 4, 3), (n, of) -> ++calls[0] < 2));
        assertEquals(2, calls[0]);
        assertArrayEquals(new int[] {0, 0, 0}, dest.getRaster().getPixel(0, 2, (int[]) null));
        assertThrows(IllegalArgumentException.class, () -> new PixelCopy(source(), new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> new PixelCopy(source(), new int[] {0}).copy(
                new Rectangle(0, 0, 4, 3), 1, 1, dest.getRaster(), new Rectangle(0, 0, 4, 3), (n, of) -> true));
    }
}
