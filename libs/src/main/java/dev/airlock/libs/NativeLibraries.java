package dev.airlock.libs;

import com.sun.jna.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The native builds of the glue, the reference the sandboxed builds are compared with:
 * {@code libairlock_NAME.so}, built by {@code libs/src/main/c/build.sh} into
 * {@code libs/target/native/}. They are found in the directory named by the system property
 * {@value #DIRECTORY_PROPERTY} (the libs module's tests set it), else in the directories of
 * {@code jna.library.path}.
 */
public final class NativeLibraries {
    /** The system property naming the directory of the native libraries. */
    public static final String DIRECTORY_PROPERTY = "airlock.libs.nativeDir";

    private static final ConcurrentMap<String, NativeLibrary> LOADED = new ConcurrentHashMap<>();

    private NativeLibraries() {
    }

    /** The file of library {@code name} (e.g. {@code "stb_image"}), or null if it is not there. */
    public static Path find(String name) {
        String file = "libairlock_" + name + ".so";
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        if (dir != null && !dir.isEmpty()) {
            Path p = Path.of(dir, file);
            return Files.isRegularFile(p) ? p.toAbsolutePath() : null;
        }
        String path = System.getProperty("jna.library.path", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) {
                Path p = Path.of(d, file);
                if (Files.isRegularFile(p)) {
                    return p.toAbsolutePath();
                }
            }
        }
        return null;
    }

    /** Whether library {@code name} was built and can be found. */
    public static boolean isAvailable(String name) {
        return find(name) != null;
    }

    /** The loaded library {@code name}, loaded once by absolute path. */
    static NativeLibrary load(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            Path p = find(n);
            if (p == null) {
                throw new IllegalStateException("native library libairlock_" + n + ".so not found (system property "
                        + DIRECTORY_PROPERTY + " = " + System.getProperty(DIRECTORY_PROPERTY) + "): build the libs module"
                        + " with the C toolchain (Debian packages clang lld wasi-libc libclang-rt-14-dev-wasm32 gcc"
                        + " libstb-dev libqoi-dev)");
            }
            return NativeLibrary.getInstance(p.toString());
        });
    }
}
