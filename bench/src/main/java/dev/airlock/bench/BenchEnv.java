package dev.airlock.bench;

import dev.airlock.libs.NativeLibraries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks find what they need: the corpus of real images and fonts
 * ({@code $AIRLOCK_CORPUS/files}, default {@code ~/.cache/airlock/corpus/files}, fetched by
 * {@code scripts/fetch-corpus.sh}), the native builds of the glue ({@code libs/target/native},
 * system property {@value NativeLibraries#DIRECTORY_PROPERTY}) and of the boundary benchmark's
 * library ({@code bench/target/native}, system property
 * {@value BoundaryLibrary#NATIVE_DIR_PROPERTY}), and the Wasm modules (classpath resources of the
 * libs jar and of this module's jar, which the uber-jar contains).
 */
public final class BenchEnv {
    /** Where the libs jar keeps the Wasm modules. */
    public static final String WASM_RESOURCES = "dev/airlock/libs/wasm/";

    private BenchEnv() {
    }

    /**
     * Sets the native library directories if nobody did: {@code libs/target/native} and
     * {@code bench/target/native} of the checkout this code was built in (the uber-jar is
     * {@code bench/target/benchmarks.jar}; the classes directory {@code bench/target/classes} is
     * as deep).
     */
    public static synchronized void init() {
        setIfUnset(NativeLibraries.DIRECTORY_PROPERTY, "libs/target/native");
        setIfUnset(BoundaryLibrary.NATIVE_DIR_PROPERTY, "bench/target/native");
    }

    private static void setIfUnset(String property, String underRepository) {
        String dir = System.getProperty(property);
        if (dir == null || dir.isEmpty()) {
            Path repo = repositoryRoot();
            if (repo != null) {
                System.setProperty(property, repo.resolve(underRepository).toString());
            }
        }
    }

    /** The checkout this code was built in, or null if it cannot be told. */
    public static Path repositoryRoot() {
        String explicit = System.getProperty("airlock.repo");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit).toAbsolutePath();
        }
        try {
            Path location = Path.of(BenchEnv.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // bench/target/benchmarks.jar or bench/target/classes -> the repository root.
            Path root = location.toAbsolutePath().getParent().getParent().getParent();
            return root != null && Files.isDirectory(root.resolve("libs")) ? root : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The corpus's files/ directory; fails with the command to fetch it when it is missing. */
    public static Path corpusFiles() {
        String env = System.getenv("AIRLOCK_CORPUS");
        Path root = env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "airlock", "corpus");
        Path files = root.resolve("files");
        if (!Files.isDirectory(files)) {
            throw new IllegalStateException("no corpus at " + files + ": run scripts/fetch-corpus.sh");
        }
        return files;
    }

    /** The bytes of Wasm module {@code fileName} (e.g. {@code stb_image.wasmopt.wasm}) from the classpath. */
    public static byte[] wasm(String fileName) {
        try (InputStream in = BenchEnv.class.getClassLoader().getResourceAsStream(WASM_RESOURCES + fileName)) {
            if (in == null) {
                throw new IllegalStateException("Wasm module " + fileName + " is not on the classpath: build libs with the"
                        + " C toolchain (scripts/prerequisites.sh), and wasm-opt (binaryen) for the *.wasmopt.wasm builds");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
