package dev.airlock.libs;

/**
 * {@link StbImage} natively, through JNA: the reference the sandboxed build is compared with. Not
 * sandboxed: for tests and benchmarks only, never for untrusted input.
 */
public final class StbImageNative extends StbImageBinding {
    /** Which native build. */
    public enum Flavour {
        /** Built with {@code STBI_NO_SIMD}, like the Wasm build: the fair comparison. */
        NO_SIMD("stb_image"),
        /** stb_image's SSE2 paths (JPEG IDCT, colour conversion, upsampling). */
        SIMD("stb_image_simd");

        final String library;

        Flavour(String library) {
            this.library = library;
        }
    }

    /** The no-SIMD build with the default limits. */
    public StbImageNative() {
        this(Flavour.NO_SIMD, DecodeLimits.DEFAULT);
    }

    public StbImageNative(Flavour flavour, DecodeLimits limits) {
        super(new NativeGlueRuntime(flavour.library), limits);
    }

    /** Whether the shared library was built and can be found. */
    public static boolean isAvailable(Flavour flavour) {
        return NativeLibraries.isAvailable(flavour.library);
    }
}
