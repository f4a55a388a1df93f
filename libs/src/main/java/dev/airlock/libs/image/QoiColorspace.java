package dev.airlock.libs.image;

/** The colour space byte of a QOI header: informative only, it does not change the samples. */
public enum QoiColorspace {
    /** 0: sRGB colour channels with a linear alpha channel. */
    SRGB,
    /** 1: every channel linear. */
    LINEAR;

    /** The header byte: 0 or 1. */
    public int code() {
        return ordinal();
    }

    /** The colour space of header byte {@code code} (0 or 1). */
    public static QoiColorspace of(int code) {
        if (code != 0 && code != 1) {
            throw new IllegalArgumentException("a QOI colorspace is 0 or 1: " + code);
        }
        return values()[code];
    }
}
