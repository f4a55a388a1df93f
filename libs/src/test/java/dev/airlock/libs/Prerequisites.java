package dev.airlock.libs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the libs tests need: the built libraries (the C toolchain) and the corpus. */
final class Prerequisites {
    static final String TOOLCHAIN_MESSAGE = "the libraries were not built: install the Debian packages clang lld"
            + " wasi-libc libclang-rt-14-dev-wasm32 gcc libstb-dev libqoi-dev (scripts/prerequisites.sh) and build"
            + " the libs module without -Dairlock.skipC";

    private Prerequisites() {
    }

    /** The Wasm build the differential tests run: -Dairlock.libs.variant=WASM_OPT for the wasm-opt builds. */
    static WasmVariant variant() {
        String v = System.getProperty("airlock.libs.variant", "");
        return v.isEmpty() ? WasmVariant.STANDARD : WasmVariant.valueOf(v);
    }

    /** Whether the Wasm module and the native library of {@code library} were built. */
    static boolean isBuilt(String library) {
        return WasmModules.isAvailable(library, variant()) && NativeLibraries.isAvailable(library);
    }

    /** Skips the test unless the Wasm module and the native library of {@code library} were built. */
    static void assumeBuilt(String library) {
        assumeTrue(isBuilt(library), () -> library + ": " + TOOLCHAIN_MESSAGE);
    }

    /** The corpus directory ($AIRLOCK_CORPUS or ~/.cache/airlock/corpus), files/ below it. */
    static Path corpusFiles() {
        String env = System.getenv("AIRLOCK_CORPUS");
        Path root = env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "airlock", "corpus");
        return root.resolve("files");
    }

    /** Skips the test unless the corpus was fetched; returns its files/ directory. */
    static Path assumeCorpus() {
        Path files = corpusFiles();
        assumeTrue(Files.isDirectory(files) && hasFiles(files),
                () -> "no corpus at " + files + ": run scripts/fetch-corpus.sh (downloads images and fonts from Debian"
                        + " packages into $AIRLOCK_CORPUS, default ~/.cache/airlock/corpus)");
        return files;
    }

    private static boolean hasFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return false;
        }
    }

    /** The lower-case extension of a file name ("jpg"), "" if none. */
    static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The corpus files with one of {@code extensions}, grouped by extension, each group sorted by path. */
    static Map<String, List<Path>> corpus(Path files, String... extensions) {
        Map<String, List<Path>> byExtension = new TreeMap<>();
        List<String> wanted = List.of(extensions);
        try (Stream<Path> s = Files.walk(files)) {
            s.filter(Files::isRegularFile).filter(p -> wanted.contains(extension(p))).sorted(Comparator.naturalOrder())
                    .forEach(p -> byExtension.computeIfAbsent(extension(p), k -> new ArrayList<>()).add(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byExtension;
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
