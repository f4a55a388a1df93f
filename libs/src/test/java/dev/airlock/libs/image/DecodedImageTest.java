package dev.airlock.libs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import org.junit.jupiter.api.Test;

/** Decoded images: copies, samples, and the BufferedImage of every sample type and channel count. */
class DecodedImageTest {
    @Test
    void accessorsCopy() {
        byte[] pixels = {1, 2, 3, 4, 5, 6};
        DecodedImage image = DecodedImage.of(2, 1, 3, pixels);
        pixels[0] = 99;
        assertEquals(1, image.bytes()[0]);
        image.bytes()[1] = 99;
        assertEquals(2, image.sample(0, 0, 1));
        assertEquals(6, image.sample(1, 0, 2));
        assertThrows(IllegalStateException.class, image::shorts);
        assertThrows(IndexOutOfBoundsException.class, () -> image.sample(2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> DecodedImage.of(2, 2, 3, pixels));
        assertThrows(IllegalArgumentException.class, () -> DecodedImage.of(1, 1, 5, new byte[5]));
        assertEquals(DecodedImage.of(2, 1, 3, new byte[] {1, 2, 3, 4, 5, 6}), image);
        assertNotEquals(DecodedImage.of(1, 2, 3, new byte[] {1, 2, 3, 4, 5, 6}), image);
    }

    @Test
    void bufferedImagesOfEveryKind() {
        for (int c = 1; c <= 4; c++) {
            byte[] b = new byte[3 * 2 * c];
            short[] s = new short[3 * 2 * c];
            float[] f = new float[3 * 2 * c];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (i * 17);
                s[i] = (short) (i * 3001);
                f[i] = i * 0.25f;
            }
            DecodedImage i8 = new DecodedImage(3, 2, c, c, SampleType.UINT8, b);
            DecodedImage i16 = new DecodedImage(3, 2, c, c, SampleType.UINT16, s);
            DecodedImage i32 = new DecodedImage(3, 2, c, c, SampleType.FLOAT32, f);
            BufferedImage b8 = i8.toBufferedImage();
            BufferedImage b16 = i16.toBufferedImage();
            BufferedImage b32 = i32.toBufferedImage();
            assertEquals(DataBuffer.TYPE_BYTE, b8.getRaster().getDataBuffer().getDataType());
            assertEquals(DataBuffer.TYPE_USHORT, b16.getRaster().getDataBuffer().getDataType());
            assertEquals(DataBuffer.TYPE_FLOAT, b32.getRaster().getDataBuffer().getDataType());
            assertEquals(c == 2 || c == 4, b8.getColorModel().hasAlpha());
            int[] expected8 = new int[b.length];
            int[] expected16 = new int[s.length];
            for (int i = 0; i < b.length; i++) {
                expected8[i] = b[i] & 0xFF;
                expected16[i] = s[i] & 0xFFFF;
            }
            // Band order is channel order, whatever the memory layout (BGR, ABGR).
            assertArrayEquals(expected8, b8.getRaster().getPixels(0, 0, 3, 2, (int[]) null), "channels " + c);
            assertArrayEquals(expected16, b16.getRaster().getPixels(0, 0, 3, 2, (int[]) null), "channels " + c);
            assertArrayEquals(f, b32.getRaster().getPixels(0, 0, 3, 2, (float[]) null), "channels " + c);
        }
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, SampleType.UINT8.imageType(3).getBufferedImageType());
        assertEquals(BufferedImage.TYPE_4BYTE_ABGR, SampleType.UINT8.imageType(4).getBufferedImageType());
        assertEquals(BufferedImage.TYPE_USHORT_GRAY, SampleType.UINT16.imageType(1).getBufferedImageType());
        assertEquals(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB),
                SampleType.FLOAT32.imageType(3).getColorModel().getColorSpace());
        assertThrows(IllegalArgumentException.class, () -> SampleType.UINT8.imageType(0));
    }

    @Test
    void floatSamplesAsInts() {
        DecodedImage image = new DecodedImage(2, 1, 1, 1, SampleType.FLOAT32, new float[] {0.5f, 7f});
        assertEquals(128, image.sample(0, 0, 0));
        assertEquals(255, image.sample(1, 0, 0));
    }
}
