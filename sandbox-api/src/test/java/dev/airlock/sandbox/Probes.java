package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airlock.taint.TaintedDouble;
import dev.airlock.taint.TaintedFloat;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedLong;
import dev.airlock.taint.TaintedPointer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The test library {@code probe} (src/test/c/probe.c, built by src/test/c/build.sh) in its two
 * builds, and the interfaces the tests bind to it. Tests that need a build skip when it is absent
 * (the module was built with {@code -Dairlock.skipC=true}).
 */
final class Probes {
    /** Where the Wasm build is on the test classpath. */
    static final String WASM_RESOURCE = "dev/airlock/sandbox/probe.wasm";

    private static SandboxLibrary wasm;

    private Probes() {
    }

    /** The probe's functions, as a Java interface (the same for both backends). */
    public interface Probe {
        TaintedInt probe_add(int a, int b);

        void probe_nothing();

        TaintedLong probe_mul64(long a, long b);

        TaintedDouble probe_mix(int i, long l, float f, double d);

        TaintedFloat probe_halve(float f);

        void probe_fill(TaintedPointer<Byte> buffer, int length, int start);

        TaintedLong probe_sum(TaintedPointer<Integer> values, int count);

        TaintedInt probe_strlen(TaintedPointer<Byte> s);

        TaintedPointer<Byte> probe_greet(TaintedPointer<Byte> name);

        TaintedPointer<Byte> probe_version();

        TaintedInt probe_apply(Callback<Binary> f, int a, int b);

        TaintedInt probe_fold(Callback<Binary> f, TaintedPointer<Integer> values, int count, int init);

        void probe_save_callback(Callback<Binary> f);

        TaintedInt probe_call_saved(int a, int b);

        TaintedDouble probe_apply_real(Callback<Real> f, double x, long n);

        TaintedInt probe_length_of(Callback<Source> f, int x);

        TaintedInt probe_point_size();

        TaintedPointer<Point> probe_point_new(int x, int y);

        TaintedDouble probe_point_score(TaintedPointer<Point> p);

        void probe_point_scale(TaintedPointer<Point> p, int k);

        /** The library's own {@code free}, for memory the library allocated. */
        @Symbol("free")
        void libraryFree(TaintedPointer<?> pointer);
    }

    /** {@code struct probe_point { int x; int y; double weight; const char *label; }}. */
    public record Point(int x, int y, double weight, TaintedPointer<Byte> label) {
    }

    /** The failures on purpose: Wasm only (natively they would crash or hang the JVM). */
    public interface Hazards {
        TaintedInt probe_trap(int x);

        TaintedInt probe_recurse(int depth);

        void probe_spin();

        void probe_poke(@SizeT long address, int value);

        TaintedPointer<Byte> probe_alloc(int size);
    }

    /** {@code int (*)(int, int)}. */
    public interface Binary {
        int apply(TaintedInt a, TaintedInt b);
    }

    /** {@code double (*)(double, long long)}. */
    public interface Real {
        double apply(TaintedDouble x, TaintedLong n);
    }

    /** {@code const char *(*)(int)}: hands the library a pointer into its own memory. */
    public interface Source {
        TaintedPointer<Byte> get(TaintedInt x);
    }

    /** The Wasm build, compiled once; skips the test if it was not built. */
    static synchronized SandboxLibrary wasm() {
        if (wasm == null) {
            wasm = SandboxLibrary.wasm("probe", wasmBytes());
        }
        return wasm;
    }

    /** The bytes of the Wasm build; skips the test if it was not built. */
    static byte[] wasmBytes() {
        try (InputStream in = Probes.class.getClassLoader().getResourceAsStream(WASM_RESOURCE)) {
            assumeTrue(in != null, "probe.wasm was not built (C toolchain missing or -Dairlock.skipC=true)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The native build; skips the test if it was not built. */
    static SandboxLibrary nativeLibrary() {
        return SandboxLibrary.nativeLibrary(nativePath());
    }

    /** Where the native build is; skips the test if it was not built. */
    static Path nativePath() {
        String dir = System.getProperty("airlock.sandbox.nativeDir");
        assumeTrue(dir != null, "airlock.sandbox.nativeDir is not set (run the tests with Maven)");
        Path path = Paths.get(dir, "libprobe.so");
        assumeTrue(Files.isRegularFile(path), "libprobe.so was not built (C toolchain missing or -Dairlock.skipC=true)");
        return path;
    }

    /** Both builds, for tests that run on each backend. */
    static SandboxLibrary library(boolean isolated) {
        return isolated ? wasm() : nativeLibrary();
    }
}
