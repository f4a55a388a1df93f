package dev.airlock.libs;

/**
 * QOI, the "Quite OK Image" format: decoding and encoding in memory. Two implementations run the
 * same glue: {@link QoiWasm} in the sandbox and {@link QoiNative}, the native reference. A file
 * qoi refuses is a {@link DecodeException}. A binding is not thread-safe.
 */
public interface Qoi extends AutoCloseable {
    /** Decodes to {@code channels} channels: 3 (RGB), 4 (RGBA) or 0 for those of the file. */
    Image decode(byte[] file, int channels);

    /**
     * Encodes {@code width x height} pixels of {@code channels} (3 or 4) interleaved channels;
     * {@code colorspace} 0 is sRGB with linear alpha, 1 all channels linear.
     */
    byte[] encode(byte[] pixels, int width, int height, int channels, int colorspace);

    @Override
    void close();

    /** A decoded image: {@code width * height * channels} bytes. */
    record Image(int width, int height, int channelsInFile, int colorspace, int channels, byte[] pixels) {
    }
}
