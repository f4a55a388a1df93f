package dev.airlock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the V8 side ({@code bench/node/bench.mjs}) as a subprocess: node loads the same .wasm files
 * with its WASI, runs the same glue functions on the same inputs (the manifest the Java side
 * wrote) and writes every iteration's ms/op as JSON; this class checks that node's pixels matched
 * the native build's for every input and returns what node wrote.
 */
final class NodeRunner {
    private NodeRunner() {
    }

    /** The node script: {@code bench/node/bench.mjs} of the checkout (system property airlock.bench.node overrides). */
    static Path script() {
        String explicit = System.getProperty("airlock.bench.node");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        Path repo = BenchEnv.repositoryRoot();
        if (repo == null) {
            throw new IllegalStateException("cannot find bench/node/bench.mjs: set -Dairlock.repo=CHECKOUT");
        }
        return repo.resolve("bench/node/bench.mjs");
    }

    /**
     * Runs node on {@code manifest}, writing {@code out}; returns the parsed output, or null if
     * node is missing or failed before writing anything.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> run(Path manifest, Path out) throws IOException, InterruptedException {
        String node = System.getProperty("airlock.bench.nodeBinary", "node");
        List<String> command = new ArrayList<>(List.of(node, "--no-warnings", script().toString(), manifest.toString(),
                out.toString()));
        System.out.println("== V8: " + String.join(" ", command));
        Files.deleteIfExists(out);
        Process p;
        try {
            p = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            System.out.println("== V8: cannot run node (" + e.getMessage() + "): no V8 numbers");
            return null;
        }
        int status = p.waitFor();
        if (!Files.exists(out)) {
            System.out.println("== V8: node exited with " + status + " without results");
            return null;
        }
        Map<String, Object> result = (Map<String, Object>) Json.parse(Files.readString(out));
        for (Object o : (List<Object>) result.get("results")) {
            Map<String, Object> r = (Map<String, Object>) o;
            if (r.get("error") != null) {
                System.out.println("== V8: " + r.get("id") + " FAILED: " + r.get("error"));
            } else if (!Boolean.TRUE.equals(r.get("samePixels"))) {
                throw new IllegalStateException("node reported a time for " + r.get("id") + " without matching pixels");
            }
        }
        if (status != 0) {
            System.out.println("== V8: node exited with " + status + " (some inputs failed; see above)");
        }
        return result;
    }
}
