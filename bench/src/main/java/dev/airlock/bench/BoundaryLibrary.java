package dev.airlock.bench;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import dev.airlock.sandbox.Callback;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedPointer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The boundary benchmark's C library ({@code bench/src/main/c/boundary.c}) as each caller sees it,
 * and where its two builds are: the Wasm module is a classpath resource of the benchmarks jar
 * ({@value #WASM_RESOURCE}), the native build {@code libairlock_boundary.so} is in the directory
 * named by the system property {@value #NATIVE_DIR_PROPERTY} ({@code bench/target/native} of the
 * checkout by default, see {@link BenchEnv#init()}), as the libs module's native builds are.
 */
public final class BoundaryLibrary {
    /** The Wasm module on the classpath. */
    static final String WASM_RESOURCE = "dev/airlock/bench/boundary.wasm";
    /** The system property naming the directory of the native build. */
    public static final String NATIVE_DIR_PROPERTY = "airlock.bench.nativeDir";
    /** The native build's file name. */
    static final String NATIVE_FILE = "libairlock_boundary.so";
    /** What {@code boundary_xor} XORs every byte with. */
    static final int XOR_MASK = 0x5A;

    private BoundaryLibrary() {
    }

    /** The library through sandbox-api ({@code Sandbox.bind}): tainted results, either backend. */
    public interface Functions {
        /** {@code int boundary_identity(int x)}: returns x. */
        TaintedInt boundary_identity(int x);

        /** {@code void boundary_xor(unsigned char *buf, int len)}: buf[i] ^= 0x5A in place. */
        void boundary_xor(TaintedPointer<Byte> buffer, int length);

        /** {@code int boundary_call(int (*f)(int), int x)}: f(x) + 1. */
        TaintedInt boundary_call(Callback<IntCallback> f, int x);
    }

    /** The host callback of {@link Functions#boundary_call}: the library chose the argument, so it is tainted. */
    public interface IntCallback {
        int apply(TaintedInt x);
    }

    /** The same library through plain JNA: what a JNA user writes today. */
    public interface Jna extends Library {
        int boundary_identity(int x);

        void boundary_xor(Pointer buffer, int length);

        int boundary_call(JnaCallback f, int x);
    }

    /** The host callback of {@link Jna#boundary_call}. */
    public interface JnaCallback extends com.sun.jna.Callback {
        int invoke(int x);
    }

    /** The bytes of the Wasm module; fails with what to build when it is missing. */
    static byte[] wasm() {
        try (InputStream in = BoundaryLibrary.class.getClassLoader().getResourceAsStream(WASM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(WASM_RESOURCE + " is not on the classpath: build the bench module with the C"
                        + " toolchain (Debian packages clang lld wasi-libc libclang-rt-14-dev-wasm32 gcc; not with"
                        + " -Dairlock.skipC=true)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The native build; fails with what to build or set when it is missing. */
    static Path nativeFile() {
        BenchEnv.init();
        String dir = System.getProperty(NATIVE_DIR_PROPERTY);
        Path file = dir == null || dir.isEmpty() ? null : Path.of(dir, NATIVE_FILE).toAbsolutePath();
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalStateException(NATIVE_FILE + " not found (system property " + NATIVE_DIR_PROPERTY + " = " + dir
                    + "): build the bench module with the C toolchain (Debian packages clang lld wasi-libc"
                    + " libclang-rt-14-dev-wasm32 gcc)");
        }
        return file;
    }
}
