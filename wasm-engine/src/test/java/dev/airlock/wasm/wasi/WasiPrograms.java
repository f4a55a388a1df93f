package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airlock.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test helper: the WASI programs of {@code src/test/c/wasi}, compiled with
 * {@code clang --target=wasm32-wasi -O2} into {@code target/wasi-programs} once per test run
 * (only those whose {@code .wasm} is older than their source), and their compiled modules.
 * When clang cannot build for wasm32-wasi, every test that needs a program is skipped, naming
 * the Debian packages to install.
 */
final class WasiPrograms {
    /** Why tests are skipped without a toolchain. */
    static final String MISSING_TOOLCHAIN = "clang cannot build wasm32-wasi programs; install the Debian packages "
            + "clang lld wasi-libc libclang-rt-14-dev-wasm32 to run the WASI program tests";

    /** Where the C sources are. */
    static final Path SOURCES = moduleDirectory().resolve("src/test/c/wasi");
    /** Where the programs are compiled to. */
    static final Path OUTPUT = moduleDirectory().resolve("target/wasi-programs");

    /** Null until compiled; then whether the toolchain works. */
    private static Boolean toolchainWorks;
    /** What compiling failed with, by program name (empty if nothing failed). */
    private static final Map<String, String> failures = new HashMap<>();
    /** Compiled modules by program name. */
    private static final Map<String, WasmModule> modules = new HashMap<>();

    private WasiPrograms() {
    }

    /** The {@code wasm-engine} directory (the working directory of the tests, or its basedir property). */
    private static Path moduleDirectory() {
        String basedir = System.getProperty("basedir");
        return basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
    }

    /** The compiled program {@code name} ({@code src/test/c/wasi/NAME.c}); skips the test without clang. */
    static synchronized Path wasm(String name) {
        compileAll();
        assumeTrue(toolchainWorks, MISSING_TOOLCHAIN);
        if (failures.containsKey(name)) {
            throw new AssertionError("cannot compile " + name + ".c:\n" + failures.get(name));
        }
        return OUTPUT.resolve(name + ".wasm");
    }

    /** The program {@code name} compiled by our engine (once). */
    static synchronized WasmModule module(String name) {
        Path wasm = wasm(name);
        return modules.computeIfAbsent(name, n -> {
            try {
                return WasmModule.compile(wasm);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Whether clang can build wasm32-wasi programs (compiling everything first). */
    static synchronized boolean available() {
        compileAll();
        return toolchainWorks;
    }

    private static void compileAll() {
        if (toolchainWorks != null) {
            return;
        }
        try {
            Files.createDirectories(OUTPUT);
            List<Path> stale = new ArrayList<>();
            try (Stream<Path> sources = Files.list(SOURCES)) {
                for (Path c : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".c")).sorted()::iterator) {
                    Path wasm = OUTPUT.resolve(c.getFileName().toString().replace(".c", ".wasm"));
                    if (!Files.exists(wasm) || Files.getLastModifiedTime(wasm).compareTo(Files.getLastModifiedTime(c)) < 0) {
                        stale.add(c);
                    }
                }
            }
            if (stale.isEmpty()) {
                toolchainWorks = true;
                return;
            }
            Path probe = OUTPUT.resolve("probe.c");
            Files.writeString(probe, "#include <stdio.h>\nint main(void) { puts(\"ok\"); return 0; }\n");
            if (compile(probe, OUTPUT.resolve("probe.wasm")) != null) {
                toolchainWorks = false;
                return;
            }
            toolchainWorks = true;
            List<Process> running = new ArrayList<>();
            for (Path c : stale) {
                running.add(start(c, OUTPUT.resolve(c.getFileName().toString().replace(".c", ".wasm"))));
            }
            for (int i = 0; i < stale.size(); i++) {
                String error = finish(running.get(i));
                if (error != null) {
                    failures.put(stale.get(i).getFileName().toString().replace(".c", ""), error);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles one program; returns null or what went wrong. */
    private static String compile(Path c, Path wasm) {
        try {
            return finish(start(c, wasm));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Process start(Path c, Path wasm) throws IOException {
        Files.deleteIfExists(wasm);
        return new ProcessBuilder("clang", "--target=wasm32-wasi", "-O2", "-Wall", "-Werror", c.toString(), "-o",
                wasm.toString()).redirectErrorStream(true).start();
    }

    private static String finish(Process p) {
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "clang timed out";
            }
            return p.exitValue() == 0 ? null : output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
