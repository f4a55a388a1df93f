package dev.airlock.libs.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import javax.imageio.ImageTypeSpecifier;

/** The type of the samples of a decoded image. */
public enum SampleType {
    /** Unsigned 8-bit samples ({@code stbi_load}): the usual kind. */
    UINT8(1, DataBuffer.TYPE_BYTE),
    /** Unsigned 16-bit samples ({@code stbi_load_16}); 8-bit files are widened (x 257). */
    UINT16(2, DataBuffer.TYPE_USHORT),
    /**
     * 32-bit float samples ({@code stbi_loadf}): linear light. HDR files give their radiance
     * values unclamped; 8-bit files are linearised with stb_image's default gamma of 2.2.
     */
    FLOAT32(4, DataBuffer.TYPE_FLOAT);

    private final int bytes;
    private final int dataBufferType;

    SampleType(int bytes, int dataBufferType) {
        this.bytes = bytes;
        this.dataBufferType = dataBufferType;
    }

    /** Bytes per sample: 1, 2 or 4. */
    public int bytesPerSample() {
        return bytes;
    }

    /** The {@link DataBuffer} type of a raster holding these samples. */
    public int dataBufferType() {
        return dataBufferType;
    }

    /**
     * The Java 2D image type that holds {@code channels} (1 to 4) interleaved channels of these
     * samples unchanged: for 8 bits the standard types ({@code TYPE_BYTE_GRAY},
     * {@code TYPE_3BYTE_BGR}, {@code TYPE_4BYTE_ABGR}; grey with alpha as a two-band grey image),
     * for 16 bits {@code TYPE_USHORT_GRAY} or an interleaved sRGB raster of {@code short}s, for
     * floats an interleaved raster of {@code float}s in the linear grey or linear RGB colour
     * space. Alpha is never premultiplied.
     */
    public ImageTypeSpecifier imageType(int channels) {
        if (channels < 1 || channels > 4) {
            throw new IllegalArgumentException("channels must be 1 to 4: " + channels);
        }
        boolean alpha = channels == 2 || channels == 4;
        switch (this) {
            case UINT8:
                return switch (channels) {
                    case 1 -> ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY);
                    case 2 -> ImageTypeSpecifier.createGrayscale(8, DataBuffer.TYPE_BYTE, false, false);
                    case 3 -> ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR);
                    default -> ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_4BYTE_ABGR);
                };
            case UINT16:
                return switch (channels) {
                    case 1 -> ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_USHORT_GRAY);
                    case 2 -> ImageTypeSpecifier.createGrayscale(16, DataBuffer.TYPE_USHORT, false, false);
                    default -> ImageTypeSpecifier.createInterleaved(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                            bandOffsets(channels), DataBuffer.TYPE_USHORT, alpha, false);
                };
            default:
                // CS_GRAY is Java 2D's linear grey.
                ColorSpace space = ColorSpace.getInstance(channels <= 2 ? ColorSpace.CS_GRAY : ColorSpace.CS_LINEAR_RGB);
                return ImageTypeSpecifier.createInterleaved(space, bandOffsets(channels), DataBuffer.TYPE_FLOAT, alpha,
                        false);
        }
    }

    private static int[] bandOffsets(int channels) {
        int[] offsets = new int[channels];
        for (int i = 0; i < channels; i++) {
            offsets[i] = i;
        }
        return offsets;
    }
}
