package dev.airlock.libs.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * A decoded image, copied out of the sandbox after its dimensions and length were verified: rows
 * top to bottom, pixels left to right, channels interleaved ({@link #channels()} of them, in the
 * order grey / grey, alpha / R, G, B / R, G, B, A), samples of one {@link SampleType}.
 *
 * <p>Immutable: the accessors return copies, and {@link #toBufferedImage()} a new image each
 * time.
 */
public final class DecodedImage {
    private final int width;
    private final int height;
    private final int channels;
    private final int channelsInFile;
    private final SampleType sampleType;
    /** byte[], short[] or float[] of exactly width * height * channels samples; never handed out. */
    private final Object samples;

    /** Takes {@code samples} (not copied: the caller made it and lets go of it). */
    DecodedImage(int width, int height, int channels, int channelsInFile, SampleType sampleType, Object samples) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.channelsInFile = channelsInFile;
        this.sampleType = sampleType;
        this.samples = samples;
        int expected = width * height * channels;
        if (java.lang.reflect.Array.getLength(samples) != expected) {
            throw new IllegalArgumentException(width + "x" + height + "x" + channels + " needs " + expected + " samples");
        }
    }

    /**
     * An 8-bit image made by the host, e.g. to encode it: {@code pixels} (copied) holds
     * {@code width * height * channels} bytes.
     */
    public static DecodedImage of(int width, int height, int channels, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (width < 1 || height < 1 || channels < 1 || channels > 4) {
            throw new IllegalArgumentException("bad image shape " + width + "x" + height + "x" + channels);
        }
        if ((long) width * height * channels != pixels.length) {
            throw new IllegalArgumentException(width + "x" + height + "x" + channels + " needs "
                    + (long) width * height * channels + " bytes, not " + pixels.length);
        }
        return new DecodedImage(width, height, channels, channels, SampleType.UINT8, pixels.clone());
    }

    /** The width in pixels. */
    public int width() {
        return width;
    }

    /** The height in pixels. */
    public int height() {
        return height;
    }

    /** The number of interleaved channels, 1 to 4. */
    public int channels() {
        return channels;
    }

    /** The number of channels in the file (stb_image converts to {@link #channels()}). */
    public int channelsInFile() {
        return channelsInFile;
    }

    /** The type of the samples. */
    public SampleType sampleType() {
        return sampleType;
    }

    /** A copy of the samples of an 8-bit image. */
    public byte[] bytes() {
        return ((byte[]) samples(SampleType.UINT8)).clone();
    }

    /** A copy of the samples of a 16-bit image (unsigned, in {@code short}s). */
    public short[] shorts() {
        return ((short[]) samples(SampleType.UINT16)).clone();
    }

    /** A copy of the samples of a float image. */
    public float[] floats() {
        return ((float[]) samples(SampleType.FLOAT32)).clone();
    }

    private Object samples(SampleType wanted) {
        if (sampleType != wanted) {
            throw new IllegalStateException("the image has " + sampleType + " samples, not " + wanted);
        }
        return samples;
    }

    /**
     * One sample as an int: 0..255 for 8 bits, 0..65535 for 16 bits; for floats the value times
     * 255, rounded and clamped to 0..255.
     */
    public int sample(int x, int y, int channel) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(channel, channels);
        int i = (y * width + x) * channels + channel;
        return switch (sampleType) {
            case UINT8 -> ((byte[]) samples)[i] & 0xFF;
            case UINT16 -> ((short[]) samples)[i] & 0xFFFF;
            case FLOAT32 -> (int) Math.max(0, Math.min(255, Math.round(((float[]) samples)[i] * 255.0)));
        };
    }

    /**
     * The image as a new {@link BufferedImage} of {@link SampleType#imageType the natural type}
     * for its samples and channels (e.g. {@code TYPE_3BYTE_BGR} for 8-bit RGB,
     * {@code TYPE_USHORT_GRAY} for 16-bit grey, a linear-RGB float raster for HDR).
     */
    public BufferedImage toBufferedImage() {
        BufferedImage image = sampleType.imageType(channels).createBufferedImage(width, height);
        // The rasters' data elements are one sample per band in band order, which is the order of
        // the decoded channels, whatever order the raster keeps them in memory (BGR, ABGR).
        image.getRaster().setDataElements(0, 0, width, height, samples);
        return image;
    }

    /** Whether {@code o} is an image of the same shape and samples. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DecodedImage)) {
            return false;
        }
        DecodedImage d = (DecodedImage) o;
        return width == d.width && height == d.height && channels == d.channels && channelsInFile == d.channelsInFile
                && sampleType == d.sampleType && Arrays.deepEquals(new Object[] {samples}, new Object[] {d.samples});
    }

    /** A hash of the shape and samples. */
    @Override
    public int hashCode() {
        return Objects.hash(width, height, channels, sampleType) * 31 + Arrays.deepHashCode(new Object[] {samples});
    }

    /** The shape, e.g. {@code DecodedImage[37x23, 3 channels (3 in file), UINT8]}. */
    @Override
    public String toString() {
        return "DecodedImage[" + width + "x" + height + ", " + channels + " channels (" + channelsInFile + " in file), "
                + sampleType + "]";
    }
}
