package dev.airlock.libs.image;

import java.util.Optional;

/**
 * What an image's header says, as stb_image read it in the sandbox and the host verified it
 * (dimensions positive and within the {@link ImageLimits}, 1 to 4 channels).
 *
 * @param format the format, from the file's magic bytes; empty if none matched (stb_image read it
 *     anyway)
 * @param width the width in pixels
 * @param height the height in pixels
 * @param channels the channels in the file, 1 to 4
 * @param is16Bit whether the file has 16-bit samples (PNG, PSD, PNM)
 * @param isHdr whether the file has high dynamic range float samples (Radiance HDR)
 */
public record ImageInfo(Optional<ImageFormat> format, int width, int height, int channels, boolean is16Bit,
                        boolean isHdr) {
    /** The sample type that keeps all the file's precision: FLOAT32 for HDR, UINT16 for 16-bit files, else UINT8. */
    public SampleType naturalSampleType() {
        return isHdr ? SampleType.FLOAT32 : is16Bit ? SampleType.UINT16 : SampleType.UINT8;
    }
}
