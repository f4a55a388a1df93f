package dev.airlock.libs.image;

/**
 * Which channels a decoded image has. stb_image converts between them: asking for RGBA from a
 * grey file gives opaque grey RGBA pixels; asking for grey from a colour file gives luminance.
 */
public enum Channels {
    /** The channels of the file (for a GIF: always RGBA). */
    AS_IN_FILE(0),
    /** One channel: grey. */
    GREY(1),
    /** Two channels: grey, alpha. */
    GREY_ALPHA(2),
    /** Three channels: red, green, blue. */
    RGB(3),
    /** Four channels: red, green, blue, alpha. */
    RGBA(4);

    private final int count;

    Channels(int count) {
        this.count = count;
    }

    /** The number of channels (1 to 4), or 0 for {@link #AS_IN_FILE}. */
    public int count() {
        return count;
    }

    /** The layout of {@code count} channels (0 to 4). */
    public static Channels of(int count) {
        if (count < 0 || count > 4) {
            throw new IllegalArgumentException("channels must be 0 to 4: " + count);
        }
        return values()[count];
    }
}
