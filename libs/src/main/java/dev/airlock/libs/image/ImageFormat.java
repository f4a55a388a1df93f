package dev.airlock.libs.image;

import java.util.List;
import java.util.Optional;

/**
 * The file formats stb_image reads, with the names, file suffixes and MIME types the ImageIO
 * plugin registers, and the magic bytes that identify each.
 *
 * <p>{@link #detect} looks only at the first {@link #HEADER_BYTES} bytes of a file and mirrors
 * the tests stb_image itself runs before choosing a decoder, so that a file detected as a format
 * is one stb_image will try to decode as that format. Detection is a label, not a verdict: the
 * decoder still refuses a damaged file.
 */
public enum ImageFormat {
    /** JPEG (baseline and progressive; no arithmetic coding, no 12-bit). The JDK reads it too. */
    JPEG("jpeg", true, List.of("jpg", "jpeg", "jpe", "jfif"), List.of("image/jpeg")),
    /** PNG (every colour type, 1 to 16 bits). The JDK reads it too. */
    PNG("png", true, List.of("png"), List.of("image/png")),
    /** Windows BMP (1 to 32 bits, RLE not supported by stb_image). The JDK reads it too. */
    BMP("bmp", true, List.of("bmp", "dib"), List.of("image/bmp", "image/x-bmp", "image/x-ms-bmp")),
    /** GIF, animated or not: every frame, composited the way browsers show it. The JDK reads it too. */
    GIF("gif", true, List.of("gif"), List.of("image/gif")),
    /** Adobe Photoshop (composited image only, 8 or 16 bits). */
    PSD("psd", false, List.of("psd"), List.of("image/vnd.adobe.photoshop", "image/x-psd")),
    /** Softimage PIC. */
    PIC("pic", false, List.of("pic"), List.of("image/x-softimage-pic")),
    /** Binary portable anymap: PGM (P5) and PPM (P6), 8 or 16 bits. */
    PNM("pnm", false, List.of("pnm", "ppm", "pgm"),
            List.of("image/x-portable-anymap", "image/x-portable-pixmap", "image/x-portable-graymap")),
    /** Radiance RGBE high dynamic range: float samples. */
    HDR("hdr", false, List.of("hdr", "rgbe"), List.of("image/vnd.radiance", "image/x-hdr")),
    /** Truevision TGA (true colour, grey, colour-mapped, with or without RLE). Has no magic bytes. */
    TGA("tga", false, List.of("tga", "icb", "vda", "vst"), List.of("image/x-tga", "image/x-targa", "image/tga"));

    /** How many leading bytes of a file {@link #detect} and {@link #matches} look at. */
    public static final int HEADER_BYTES = 96;

    private final String formatName;
    private final boolean jdkReads;
    private final List<String> suffixes;
    private final List<String> mimeTypes;

    ImageFormat(String formatName, boolean jdkReads, List<String> suffixes, List<String> mimeTypes) {
        this.formatName = formatName;
        this.jdkReads = jdkReads;
        this.suffixes = suffixes;
        this.mimeTypes = mimeTypes;
    }

    /** The lower-case name of the format, e.g. {@code "tga"}. */
    public String formatName() {
        return formatName;
    }

    /**
     * Whether the JDK has its own ImageIO reader for the format: the sandboxed reader then
     * registers only under the name {@code "airlock-" + formatName()} and stays behind the JDK's.
     */
    public boolean jdkReads() {
        return jdkReads;
    }

    /** File suffixes without the dot, lower case. */
    public List<String> suffixes() {
        return suffixes;
    }

    /** MIME types, the most common first. */
    public List<String> mimeTypes() {
        return mimeTypes;
    }

    /**
     * Whether the first bytes of a file (at most {@link #HEADER_BYTES} are read; fewer if the
     * file is shorter) carry this format's magic. TGA, which has none, matches a plausible header
     * that no other format claims.
     */
    public boolean matches(byte[] header, int length) {
        int n = Math.min(length, header.length);
        return switch (this) {
            case JPEG -> n >= 3 && u8(header, 0) == 0xFF && u8(header, 1) == 0xD8 && u8(header, 2) == 0xFF;
            case PNG -> startsWith(header, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case BMP -> n >= 18 && header[0] == 'B' && header[1] == 'M' && isBmpHeaderSize(le32(header, 14));
            case GIF -> startsWith(header, n, 'G', 'I', 'F', '8') && n >= 6 && (header[4] == '7' || header[4] == '9')
                    && header[5] == 'a';
            case PSD -> startsWith(header, n, '8', 'B', 'P', 'S');
            case PIC -> n >= 92 && startsWith(header, n, 0x53, 0x80, 0xF6, 0x34) && header[88] == 'P'
                    && header[89] == 'I' && header[90] == 'C' && header[91] == 'T';
            case PNM -> n >= 3 && header[0] == 'P' && (header[1] == '5' || header[1] == '6') && isSpace(header[2]);
            case HDR -> startsWith(header, n, "#?RADIANCE\n") || startsWith(header, n, "#?RGBE\n");
            case TGA -> isTgaHeader(header, n) && !claimedByAnother(header, n);
        };
    }

    /** The format whose magic the first bytes of a file carry, if any. */
    public static Optional<ImageFormat> detect(byte[] header, int length) {
        for (ImageFormat f : values()) {
            if (f.matches(header, length)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format of a whole file (only its first {@link #HEADER_BYTES} bytes are looked at). */
    public static Optional<ImageFormat> detect(byte[] file) {
        return detect(file, file.length);
    }

    private static boolean claimedByAnother(byte[] header, int n) {
        for (ImageFormat f : values()) {
            if (f != TGA && f.matches(header, n)) {
                return true;
            }
        }
        return false;
    }

    /** stb_image's TGA test: colour map type, image type, map entry size, dimensions, bits per pixel. */
    private static boolean isTgaHeader(byte[] h, int n) {
        if (n < 18) {
            return false;
        }
        int colourMapType = u8(h, 1);
        int imageType = u8(h, 2);
        if (colourMapType > 1) {
            return false;
        }
        if (colourMapType == 1) {
            int entryBits = u8(h, 7);
            if (imageType != 1 && imageType != 9 || !isTgaDepth(entryBits)) {
                return false;
            }
        } else if (imageType != 2 && imageType != 3 && imageType != 10 && imageType != 11) {
            return false;
        }
        int width = u8(h, 12) | u8(h, 13) << 8;
        int height = u8(h, 14) | u8(h, 15) << 8;
        int bits = u8(h, 16);
        if (width < 1 || height < 1 || !isTgaDepth(bits)) {
            return false;
        }
        return colourMapType == 0 || bits == 8 || bits == 16;
    }

    private static boolean isTgaDepth(int bits) {
        return bits == 8 || bits == 15 || bits == 16 || bits == 24 || bits == 32;
    }

    private static boolean isBmpHeaderSize(long size) {
        return size == 12 || size == 40 || size == 56 || size == 108 || size == 124;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == 0x0C;
    }

    private static boolean startsWith(byte[] h, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (u8(h, i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] h, int n, String magic) {
        return startsWith(h, n, magic.chars().toArray());
    }

    private static int u8(byte[] h, int i) {
        return h[i] & 0xFF;
    }

    private static long le32(byte[] h, int i) {
        return (u8(h, i) | u8(h, i + 1) << 8 | u8(h, i + 2) << 16 | (long) u8(h, i + 3) << 24);
    }
}
