package dev.airlock.libs;

/** {@link Qoi} natively, through JNA: the reference. Not sandboxed: for tests and benchmarks only. */
public final class QoiNative extends QoiBinding {
    /** The library's name: {@code libairlock_qoi.so}. */
    public static final String LIBRARY = "qoi";

    public QoiNative() {
        this(DecodeLimits.DEFAULT);
    }

    public QoiNative(DecodeLimits limits) {
        super(new NativeGlueRuntime(LIBRARY), limits);
    }

    /** Whether the shared library was built and can be found. */
    public static boolean isAvailable() {
        return NativeLibraries.isAvailable(LIBRARY);
    }
}
