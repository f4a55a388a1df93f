package dev.airlock.libs.font;

import java.time.Duration;
import java.util.Objects;

/**
 * What the host accepts when it uses a font: every size the sandbox reports, and every bitmap the
 * host asks for, is checked against these.
 *
 * @param maxFontBytes the largest font file (default 64 MiB)
 * @param maxPixelHeight the largest pixel height text is rendered at (default 2,048)
 * @param maxBitmapWidth the widest bitmap (default 16,384)
 * @param maxBitmapHeight the tallest bitmap (default 4,096)
 * @param maxBitmapPixels the most pixels of one bitmap (default 2^26, 64 Mi)
 * @param maxTextBytes the longest text rendered at once, in UTF-8 bytes (default 65,536)
 * @param callTimeout how long one call into the library may run (default 10 s)
 */
public record FontLimits(int maxFontBytes, float maxPixelHeight, int maxBitmapWidth, int maxBitmapHeight,
                         int maxBitmapPixels, int maxTextBytes, Duration callTimeout) {
    /** The defaults. */
    public static final FontLimits DEFAULT = new FontLimits(64 << 20, 2048f, 16_384, 4_096, 1 << 26, 65_536,
            Duration.ofSeconds(10));

    /** Checks that every limit is positive. */
    public FontLimits {
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (maxFontBytes < 1 || !(maxPixelHeight > 0) || maxBitmapWidth < 1 || maxBitmapHeight < 1 || maxBitmapPixels < 1
                || maxTextBytes < 1 || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("every limit must be positive");
        }
    }

    /** These limits with another bitmap size limit. */
    public FontLimits withMaxBitmap(int width, int height, int pixels) {
        return new FontLimits(maxFontBytes, maxPixelHeight, width, height, pixels, maxTextBytes, callTimeout);
    }

    /** These limits with another maximum pixel height. */
    public FontLimits withMaxPixelHeight(float value) {
        return new FontLimits(maxFontBytes, value, maxBitmapWidth, maxBitmapHeight, maxBitmapPixels, maxTextBytes,
                callTimeout);
    }

    /** These limits with another maximum font size. */
    public FontLimits withMaxFontBytes(int value) {
        return new FontLimits(value, maxPixelHeight, maxBitmapWidth, maxBitmapHeight, maxBitmapPixels, maxTextBytes,
                callTimeout);
    }

    /** These limits with another time limit per call. */
    public FontLimits withCallTimeout(Duration value) {
        return new FontLimits(maxFontBytes, maxPixelHeight, maxBitmapWidth, maxBitmapHeight, maxBitmapPixels,
                maxTextBytes, value);
    }

    /** Refuses a pixel height that is not positive, not finite, or beyond the limit. */
    void checkPixelHeight(float pixelHeight) {
        if (!(pixelHeight > 0) || pixelHeight > maxPixelHeight) {
            throw new IllegalArgumentException("pixel height must be in (0, " + maxPixelHeight + "]: " + pixelHeight);
        }
    }

    /** Refuses a bitmap beyond the limits (a bitmap the caller asks for). */
    void checkBitmap(int width, int height) {
        if (width < 0 || height < 0 || width > maxBitmapWidth || height > maxBitmapHeight
                || (long) width * height > maxBitmapPixels) {
            throw new IllegalArgumentException("a bitmap of " + width + "x" + height + " is beyond the limits ("
                    + maxBitmapWidth + "x" + maxBitmapHeight + ", " + maxBitmapPixels + " pixels)");
        }
    }

    /** Whether a bitmap the library reports is within the limits. */
    boolean allowsBitmap(int width, int height) {
        return width >= 0 && height >= 0 && width <= maxBitmapWidth && height <= maxBitmapHeight
                && (long) width * height <= maxBitmapPixels;
    }
}
