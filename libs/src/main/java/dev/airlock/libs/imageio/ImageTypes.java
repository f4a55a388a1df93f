package dev.airlock.libs.imageio;

import dev.airlock.libs.image.ImageInfo;
import dev.airlock.libs.image.SampleType;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageTypeSpecifier;

/**
 * The destination types the reader offers for an image: first the raw type, which keeps every
 * sample unchanged (8-bit, 16-bit as {@code USHORT} rasters, HDR as a float raster in linear
 * RGB), then 8-bit alternatives stb_image converts to (for HDR: its tone mapping, gamma 1/2.2
 * clamped) — the standard RGB and ARGB types, never fewer channels than the file has.
 */
final class ImageTypes {
    private ImageTypes() {
    }

    static List<ImageTypeSpecifier> of(ImageInfo info) {
        int channels = info.channels();
        List<ImageTypeSpecifier> types = new ArrayList<>();
        add(types, info.naturalSampleType().imageType(channels));
        add(types, SampleType.UINT8.imageType(channels));
        if (channels == 1) {
            add(types, standard(BufferedImage.TYPE_3BYTE_BGR));
            add(types, standard(BufferedImage.TYPE_INT_RGB));
        }
        if (channels == 3) {
            add(types, standard(BufferedImage.TYPE_INT_RGB));
            add(types, standard(BufferedImage.TYPE_INT_BGR));
        }
        add(types, standard(BufferedImage.TYPE_4BYTE_ABGR));
        add(types, standard(BufferedImage.TYPE_INT_ARGB));
        return types;
    }

    private static ImageTypeSpecifier standard(int type) {
        return ImageTypeSpecifier.createFromBufferedImageType(type);
    }

    private static void add(List<ImageTypeSpecifier> types, ImageTypeSpecifier type) {
        if (!types.contains(type)) {
            types.add(type);
        }
    }
}
