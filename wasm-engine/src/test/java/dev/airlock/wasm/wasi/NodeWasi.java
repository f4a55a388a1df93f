package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: runs a WASI program under node's WASI ({@code node:wasi}, preview1) in a child
 * process, with the given arguments, environment, preopened directories and standard input, and
 * returns its exit status and output — the reference our {@link Wasi} is compared with. Without
 * {@code node} (20 or later) the comparisons are skipped, with a message.
 */
final class NodeWasi {
    /** The script node runs: reads a JSON configuration, runs the module, exits with its status. */
    private static final String RUNNER = """
            import { WASI } from 'node:wasi';
            import { readFileSync } from 'node:fs';
            const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
            const wasi = new WASI({ version: 'preview1', args: config.args, env: config.env,
                                    preopens: config.preopens, returnOnExit: true });
            const module = await WebAssembly.compile(readFileSync(config.wasm));
            const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
            process.exitCode = wasi.start(instance);
            """;

    /** Null until checked; then whether node can run WASI programs. */
    private static Boolean available;

    private NodeWasi() {
    }

    /**
     * What one run did.
     *
     * @param status the exit status
     * @param stdout everything written to standard output
     * @param stderr everything written to standard error
     */
    record Result(int status, byte[] stdout, byte[] stderr) {
        /** Standard output as UTF-8. */
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** Standard error as UTF-8. */
        String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout:\n" + abbreviate(out()) + "--- stderr:\n" + abbreviate(err());
        }

        private static String abbreviate(String s) {
            return s.length() > 4000 ? s.substring(0, 4000) + "... (" + s.length() + " chars)\n" : s;
        }
    }

    /** Why comparisons are skipped without node. */
    static final String MISSING_NODE = "node (20 or later) is not installed: skipping the comparison with node's WASI";

    /** Skips the calling test unless node can run WASI programs. */
    static synchronized void assumeAvailable() {
        assumeTrue(available(), MISSING_NODE);
    }

    /**
     * Whether node can run WASI programs; the first time it cannot, says on stderr that the
     * comparisons are skipped.
     */
    static synchronized boolean available() {
        if (available == null) {
            available = check();
            if (!available) {
                System.err.println("WASI tests: " + MISSING_NODE);
            }
        }
        return available;
    }

    private static boolean check() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return false;
            }
            return version.matches("v\\d+\\..*") && Integer.parseInt(version.substring(1, version.indexOf('.'))) >= 20;
        } catch (IOException | NumberFormatException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code wasm} under node.
     *
     * @param work a scratch directory for the configuration and the captured output
     * @param preopens guest path to host directory
     */
    static Result run(Path work, Path wasm, List<String> args, Map<String, String> env, Map<String, Path> preopens,
            byte[] stdin) {
        assumeAvailable();
        try {
            Files.createDirectories(work);
            Path runner = Files.writeString(work.resolve("runner.mjs"), RUNNER);
            StringBuilder json = new StringBuilder("{\"wasm\":").append(quote(wasm.toString())).append(",\"args\":[");
            for (int i = 0; i < args.size(); i++) {
                json.append(i > 0 ? "," : "").append(quote(args.get(i)));
            }
            json.append("],\"env\":{");
            int i = 0;
            for (Map.Entry<String, String> e : env.entrySet()) {
                json.append(i++ > 0 ? "," : "").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            }
            json.append("},\"preopens\":{");
            i = 0;
            for (Map.Entry<String, Path> e : preopens.entrySet()) {
                json.append(i++ > 0 ? "," : "").append(quote(e.getKey())).append(':').append(quote(e.getValue().toString()));
            }
            json.append("}}");
            Path config = Files.writeString(work.resolve("config.json"), json);
            Path in = Files.write(work.resolve("stdin"), stdin);
            Path out = work.resolve("stdout");
            Path err = work.resolve("stderr");
            Process p = new ProcessBuilder("node", "--no-warnings", runner.toString(), config.toString())
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("node did not finish " + wasm + " within 60 s");
            }
            return new Result(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code s} as a JSON string. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
