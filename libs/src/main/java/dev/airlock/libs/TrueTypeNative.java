package dev.airlock.libs;

/**
 * {@link TrueType} natively, through JNA: the reference the sandboxed build is compared with. Not
 * sandboxed, and stb_truetype trusts the offsets in a font: for tests and benchmarks with known
 * fonts only.
 */
public final class TrueTypeNative extends TrueTypeBinding {
    /** The library's name: {@code libairlock_stb_truetype.so}. */
    public static final String LIBRARY = "stb_truetype";

    public TrueTypeNative() {
        this(DecodeLimits.DEFAULT);
    }

    public TrueTypeNative(DecodeLimits limits) {
        super(new NativeGlueRuntime(LIBRARY), limits);
    }

    /** Whether the shared library was built and can be found. */
    public static boolean isAvailable() {
        return NativeLibraries.isAvailable(LIBRARY);
    }
}
