package dev.airlock.libs.imageio;

import dev.airlock.libs.image.DecodedImage;
import dev.airlock.libs.image.SampleType;
import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;

/**
 * Copies the pixels of a decoded image into a destination raster, one destination row at a
 * time: a source region, subsampling, a band selection, and conversion of the sample values to
 * the destination's sample size (8-bit samples into a 5-bit band are shifted; integers into a
 * float band are normalised to 0..1; floats into an integer band are scaled and clamped).
 */
final class PixelCopy {
    /** Called after each destination row; returns false to stop (the read was aborted). */
    interface RowListener {
        boolean rowDone(int rowsDone, int rows);
    }

    private final DecodedImage source;
    private final int[] sourceBands;
    private final byte[] bytes;
    private final short[] shorts;
    private final float[] floats;

    /** {@code sourceBands[i]} is the channel of the decoded image that goes to band i of the destination. */
    PixelCopy(DecodedImage source, int[] sourceBands) {
        this.source = source;
        this.sourceBands = sourceBands.clone();
        for (int b : sourceBands) {
            if (b < 0 || b >= source.channels()) {
                throw new IllegalArgumentException("source band " + b + " is not in 0.." + (source.channels() - 1));
            }
        }
        SampleType t = source.sampleType();
        this.bytes = t == SampleType.UINT8 ? source.bytes() : null;
        this.shorts = t == SampleType.UINT16 ? source.shorts() : null;
        this.floats = t == SampleType.FLOAT32 ? source.floats() : null;
    }

    /**
     * Copies {@code sourceRegion}, every {@code periodX}-th column and {@code periodY}-th row of
     * it, to {@code destRegion} of {@code dest} (whose bands match {@code sourceBands}).
     *
     * @return false if the listener stopped the copy
     */
    boolean copy(Rectangle sourceRegion, int periodX, int periodY, WritableRaster dest, Rectangle destRegion,
                 RowListener listener) {
        int bands = sourceBands.length;
        if (dest.getNumBands() != bands) {
            throw new IllegalArgumentException("destination has " + dest.getNumBands() + " bands; " + bands + " expected");
        }
        SampleModel model = dest.getSampleModel();
        boolean floatDest = model.getDataType() == DataBuffer.TYPE_FLOAT || model.getDataType() == DataBuffer.TYPE_DOUBLE;
        int[] maxValue = new int[bands];
        for (int b = 0; b < bands; b++) {
            int bits = Math.min(model.getSampleSize(b), 31);
            maxValue[b] = (1 << bits) - 1;
        }
        int width = destRegion.width;
        int[] intRow = floatDest ? null : new int[width * bands];
        float[] floatRow = floatDest ? new float[width * bands] : null;
        int sourceWidth = source.width();
        int channels = source.channels();
        for (int dy = 0; dy < destRegion.height; dy++) {
            int sy = sourceRegion.y + dy * periodY;
            for (int dx = 0; dx < width; dx++) {
                int sx = sourceRegion.x + dx * periodX;
                int base = (sy * sourceWidth + sx) * channels;
                for (int b = 0; b < bands; b++) {
                    int i = base + sourceBands[b];
                    if (floatDest) {
                        floatRow[dx * bands + b] = asFloat(i);
                    } else {
                        intRow[dx * bands + b] = asInt(i, maxValue[b]);
                    }
                }
            }
            if (floatDest) {
                dest.setPixels(destRegion.x, destRegion.y + dy, width, 1, floatRow);
            } else {
                dest.setPixels(destRegion.x, destRegion.y + dy, width, 1, intRow);
            }
            if (!listener.rowDone(dy + 1, destRegion.height)) {
                return false;
            }
        }
        return true;
    }

    private float asFloat(int i) {
        if (floats != null) {
            return floats[i];
        }
        return bytes != null ? (bytes[i] & 0xFF) / 255f : (shorts[i] & 0xFFFF) / 65535f;
    }

    private int asInt(int i, int max) {
        if (bytes != null) {
            int v = bytes[i] & 0xFF;
            return max == 255 ? v : (int) ((v * (long) max + 127) / 255);
        }
        if (shorts != null) {
            int v = shorts[i] & 0xFFFF;
            return max == 65535 ? v : (int) ((v * (long) max + 32767) / 65535);
        }
        float f = floats[i];
        if (!(f > 0)) {
            return 0;
        }
        return f >= 1 ? max : Math.round(f * max);
    }
}
