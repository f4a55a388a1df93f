package dev.airlock.libs;

import java.util.List;

/**
 * stb_image: decodes JPEG, PNG, BMP, GIF (with animation), TGA, PSD, HDR, PIC and PNM images held
 * in memory. Two implementations run the same glue: {@link StbImageWasm} in the sandbox and
 * {@link StbImageNative}, the native reference.
 *
 * <p>{@code channels} is the number of channels wanted (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA), or
 * 0 for those of the file. Pixels are row-major, top row first, channels interleaved. A failure
 * of the library is a {@link DecodeException} whose reason is {@code stbi_failure_reason()}'s
 * string; results beyond the {@link DecodeLimits} are refused the same way.
 *
 * <p>A binding is not thread-safe; close it to release its instance.
 */
public interface StbImage extends AutoCloseable {
    /** The header: dimensions, channels, whether samples are 16-bit or HDR floats. */
    Info info(byte[] file);

    /** 8-bit samples ({@code stbi_load_from_memory}). */
    Image load(byte[] file, int channels);

    /** 16-bit samples ({@code stbi_load_16_from_memory}; 8-bit images are widened). */
    Image16 load16(byte[] file, int channels);

    /** Float samples ({@code stbi_loadf_from_memory}; LDR images are converted with gamma 2.2). */
    ImageF loadFloat(byte[] file, int channels);

    /** Every frame of a GIF with its delay ({@code stbi_load_gif_from_memory}); {@code channels} 0 means 4. */
    Gif loadGif(byte[] file, int channels);

    @Override
    void close();

    /** What {@code stbi_info_from_memory}, {@code stbi_is_16_bit_from_memory} and {@code stbi_is_hdr_from_memory} say. */
    record Info(int width, int height, int channels, boolean is16Bit, boolean isHdr) {
    }

    /** An image of 8-bit samples: {@code width * height * channels} bytes. */
    record Image(int width, int height, int channelsInFile, int channels, byte[] pixels) {
    }

    /** An image of 16-bit samples (unsigned, in {@code short}s). */
    record Image16(int width, int height, int channelsInFile, int channels, short[] pixels) {
    }

    /** An image of float samples. */
    record ImageF(int width, int height, int channelsInFile, int channels, float[] pixels) {
    }

    /** The frames of a GIF, each {@code width * height * channels} bytes. */
    record Gif(int width, int height, int channelsInFile, int channels, List<Frame> frames) {
    }

    /** One frame of a GIF and its delay in milliseconds. */
    record Frame(byte[] pixels, int delayMillis) {
    }
}
