package dev.airlock.libs.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A decoded QOI image: 8-bit RGB or RGBA samples and the colour space the file declares.
 *
 * @param image the pixels
 * @param colorspace what the samples mean
 */
public record QoiImage(DecodedImage image, QoiColorspace colorspace) {
    /** Checks that the image is 8-bit RGB or RGBA. */
    public QoiImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(colorspace, "colorspace");
        if (image.sampleType() != SampleType.UINT8 || image.channels() < 3) {
            throw new IllegalArgumentException("QOI images are 8-bit RGB or RGBA: " + image);
        }
    }

    /** The pixels as a new {@link BufferedImage} ({@code TYPE_3BYTE_BGR} or {@code TYPE_4BYTE_ABGR}). */
    public BufferedImage toBufferedImage() {
        return image.toBufferedImage();
    }
}
