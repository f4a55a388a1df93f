package dev.airlock.libs;

/**
 * Inputs on which the sandboxed and the native build of stb_image 2.27 may legitimately differ,
 * because the library's behaviour is undefined there: the two builds are the same C code, but
 * undefined behaviour need not compile to the same result on x86-64 and on Wasm. Each was checked
 * against V8 (node) running the same Wasm module: Airlock's engine and V8 agree byte for byte, so
 * these are not engine bugs.
 */
final class KnownDivergences {
    private KnownDivergences() {
    }

    static boolean isPsd(byte[] f) {
        return f.length >= 26 && f[0] == '8' && f[1] == 'B' && f[2] == 'P' && f[3] == 'S';
    }

    /** A PSD with 4 or more channels (un-matted by stb_image). */
    static boolean isPsdWithAlpha(byte[] f) {
        return isPsd(f) && (((f[12] & 0xFF) << 8) | (f[13] & 0xFF)) >= 4;
    }

    /** Whether a PSD has 16-bit samples. */
    static boolean isPsd16(byte[] f) {
        return isPsd(f) && (((f[22] & 0xFF) << 8) | (f[23] & 0xFF)) == 16;
    }

    /** A binary PNM with 16-bit samples (maxval above 255). */
    static boolean isPnm16(byte[] f) {
        if (f.length < 2 || f[0] != 'P' || (f[1] != '5' && f[1] != '6')) {
            return false;
        }
        String header = new String(f, 0, Math.min(f.length, 64), java.nio.charset.StandardCharsets.US_ASCII);
        String[] tokens = header.replaceAll("#[^\\n]*\\n", " ").trim().split("\\s+");
        try {
            return tokens.length >= 4 && Integer.parseInt(tokens[3]) > 255;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Why a call on {@code file} may differ between the builds, or null if it must not.
     *
     * <ul>
     *   <li>16-bit PNM with a channel conversion: stbi__pnm_load converts the 16-bit samples with
     *       the 8-bit stbi__convert_format, then the caller converts that buffer (w*h*n bytes) as
     *       16-bit (reading w*h*n*2 bytes): a heap over-read, whose second half is whatever lies
     *       beyond the buffer in each build's memory.</li>
     * </ul>
     */
    static String callDivergence(byte[] file, int fileChannels, int channels) {
        if (isPnm16(file) && channels != 0 && channels != fileChannels) {
            return "stb_image 2.27 converts 16-bit PNM samples with the 8-bit converter and reads past the buffer";
        }
        return null;
    }

    /**
     * For a PSD with alpha decoded to 8-bit RGBA, whether the two decodes differ only in the
     * colour of pixels whose alpha is neither 0 nor full: stb_image un-mats them as
     * {@code (unsigned char) (c / a + 255 * (1 - 1 / a))} (16-bit: {@code stbi__uint16} and
     * 65535), and a value outside the type's range converted from float is undefined behaviour
     * in C (x86-64 wraps it; LLVM's Wasm lowering of an out-of-range float-to-unsigned
     * conversion gives 0). For a 16-bit PSD an 8-bit alpha of 255 may stand for a partial one.
     */
    static boolean onlyUnmattedPixelsDiffer(byte[] expected, byte[] actual, int channels, boolean sixteenBit) {
        if (expected.length != actual.length || channels != 4) {
            return false;
        }
        for (int i = 0; i < expected.length; i += 4) {
            int alpha = expected[i + 3] & 0xFF;
            boolean same = expected[i] == actual[i] && expected[i + 1] == actual[i + 1] && expected[i + 2] == actual[i + 2]
                    && expected[i + 3] == actual[i + 3];
            if (!same && (alpha == 0 || alpha == 255 && !sixteenBit || expected[i + 3] != actual[i + 3])) {
                return false;
            }
        }
        return true;
    }
}
