package dev.airlock.libs.image;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.DecodeLimits;

/**
 * What the host accepts from a decoder. Every dimension and size the sandbox reports is checked
 * against these before anything is allocated or copied on the host; a value beyond them is a
 * {@link DecodeException} naming the limit.
 *
 * @param maxWidth the widest image, in pixels (default 32,768)
 * @param maxHeight the tallest image, in pixels (default 32,768)
 * @param maxPixels the most pixels of one image or frame, width times height (default 100 million)
 * @param maxBytes the largest decoded result, in bytes: width x height x channels x bytes per
 *     sample, for an animation of all its frames (default 256 MiB, as {@link DecodeLimits#DEFAULT})
 * @param maxInputBytes the largest file handed to the decoder (default 256 MiB)
 * @param maxFrames the most frames of an animation (default 10,000)
 */
public record ImageLimits(int maxWidth, int maxHeight, long maxPixels, int maxBytes, int maxInputBytes, int maxFrames) {
    /** The defaults: 32,768 x 32,768, 100 million pixels, 256 MiB out, 256 MiB in, 10,000 frames. */
    public static final ImageLimits DEFAULT = new ImageLimits(32_768, 32_768, 100_000_000L, 1 << 28, 1 << 28, 10_000);

    /** Checks that every limit is positive. */
    public ImageLimits {
        if (maxWidth < 1 || maxHeight < 1 || maxPixels < 1 || maxBytes < 1 || maxInputBytes < 1 || maxFrames < 1) {
            throw new IllegalArgumentException("every limit must be positive: " + maxWidth + ", " + maxHeight + ", "
                    + maxPixels + ", " + maxBytes + ", " + maxInputBytes + ", " + maxFrames);
        }
    }

    /** The defaults with the output limit of {@code limits} (the raw bindings' limit). */
    public static ImageLimits of(DecodeLimits limits) {
        return DEFAULT.withMaxBytes(limits.maxOutputBytes());
    }

    /** The output limit as the raw bindings take it. */
    public DecodeLimits toDecodeLimits() {
        return new DecodeLimits(maxBytes);
    }

    /** These limits with another maximum width. */
    public ImageLimits withMaxWidth(int value) {
        return new ImageLimits(value, maxHeight, maxPixels, maxBytes, maxInputBytes, maxFrames);
    }

    /** These limits with another maximum height. */
    public ImageLimits withMaxHeight(int value) {
        return new ImageLimits(maxWidth, value, maxPixels, maxBytes, maxInputBytes, maxFrames);
    }

    /** These limits with another maximum pixel count. */
    public ImageLimits withMaxPixels(long value) {
        return new ImageLimits(maxWidth, maxHeight, value, maxBytes, maxInputBytes, maxFrames);
    }

    /** These limits with another maximum output size. */
    public ImageLimits withMaxBytes(int value) {
        return new ImageLimits(maxWidth, maxHeight, maxPixels, value, maxInputBytes, maxFrames);
    }

    /** These limits with another maximum input size. */
    public ImageLimits withMaxInputBytes(int value) {
        return new ImageLimits(maxWidth, maxHeight, maxPixels, maxBytes, value, maxFrames);
    }

    /** These limits with another maximum frame count. */
    public ImageLimits withMaxFrames(int value) {
        return new ImageLimits(maxWidth, maxHeight, maxPixels, maxBytes, maxInputBytes, value);
    }

    /** Refuses an animation of more than {@link #maxFrames} frames. */
    void checkFrames(int frames) {
        if (frames > maxFrames) {
            throw new DecodeException("the animation has " + frames + " frames; the limit is " + maxFrames
                    + " (ImageLimits.maxFrames)");
        }
    }

    /** Refuses an input larger than {@link #maxInputBytes}. */
    void checkInput(int length) {
        if (length == 0) {
            throw new DecodeException("no input: the file is empty");
        }
        if (length > maxInputBytes) {
            throw new DecodeException("the file of " + length + " bytes exceeds the limit of " + maxInputBytes
                    + " bytes (ImageLimits.maxInputBytes)");
        }
    }

    /**
     * Refuses dimensions beyond the limits. The caller has already established that both are
     * positive (a zero or negative dimension is the library's failure or a lie, reported as such).
     */
    void checkDimensions(int width, int height) {
        if (width > maxWidth) {
            throw new DecodeException("the image is " + width + " pixels wide; the limit is " + maxWidth
                    + " (ImageLimits.maxWidth)");
        }
        if (height > maxHeight) {
            throw new DecodeException("the image is " + height + " pixels high; the limit is " + maxHeight
                    + " (ImageLimits.maxHeight)");
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new DecodeException("the image has " + pixels + " pixels (" + width + "x" + height + "); the limit is "
                    + maxPixels + " (ImageLimits.maxPixels)");
        }
    }

    /**
     * The size in bytes of a result of {@code frames} frames of {@code width x height} pixels of
     * {@code channels} samples of {@code sampleBytes} bytes; refuses one beyond {@link #maxBytes}.
     */
    int checkBytes(int width, int height, int channels, int sampleBytes, int frames) {
        long bytes;
        try {
            bytes = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact((long) width, height),
                    (long) channels * sampleBytes), frames);
        } catch (ArithmeticException overflow) {
            throw tooManyBytes(width + " x " + height + " x " + channels + " x " + sampleBytes + " x " + frames);
        }
        if (bytes > maxBytes) {
            throw tooManyBytes(Long.toString(bytes));
        }
        return (int) bytes;
    }

    private DecodeException tooManyBytes(String bytes) {
        return new DecodeException("the decoded image of " + bytes + " bytes exceeds the limit of " + maxBytes
                + " bytes (ImageLimits.maxBytes)");
    }
}
