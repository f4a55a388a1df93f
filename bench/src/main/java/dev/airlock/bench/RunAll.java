package dev.airlock.bench;

import dev.airlock.libs.NativeLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole benchmark in one go (what {@code bench/run.sh} calls):
 *
 * <ol>
 *   <li>prepares the inputs: the generated files and the .wasm modules are written to a work
 *       directory, every input is decoded once natively (no SIMD) and the SHA-256 of its pixels
 *       recorded, all in a manifest for node;
 *   <li>runs V8 (node, {@link NodeRunner}) on that manifest;
 *   <li>runs every JMH benchmark (one fork per decode input and engine; several forks for cold
 *       compilation; two per engine and operation for the boundary costs), writing JMH's JSON;
 *   <li>writes the Markdown report ({@link Report}).
 * </ol>
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.airlock.bench.RunAll --out DIR [--work DIR] [--quick]
 *     [--include REGEX] [--no-node] [--no-jmh]
 * </pre>
 * {@code --quick} shortens every iteration (a smoke test; the numbers mean little).
 */
public final class RunAll {
    /** Node's settings: JMH's measured iterations of {@link DecodeWasmBenchmark} (V8 tiers up within milliseconds). */
    static final int WARMUP_ITERATIONS = 5;
    static final int ITERATIONS = 5;
    static final int ITERATION_MS = 1000;

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        Path work = null;
        boolean quick = false;
        boolean node = true;
        boolean jmh = true;
        String include = "dev\\.airlock\\.bench\\..*Benchmark";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--include" -> include = args[++i];
                case "--no-node" -> node = false;
                case "--no-jmh" -> jmh = false;
                default -> {
                    System.err.println("usage: RunAll --out DIR [--work DIR] [--quick] [--include REGEX] [--no-node] [--no-jmh]");
                    System.exit(2);
                }
            }
        }
        if (out == null) {
            System.err.println("RunAll: --out DIR is required");
            System.exit(2);
        }
        BenchEnv.init();
        if (work == null) {
            Path repo = BenchEnv.repositoryRoot();
            work = repo != null ? repo.resolve("bench/target/bench-work") : Files.createTempDirectory("airlock-bench");
        }
        Files.createDirectories(out);
        Files.createDirectories(work);
        String nativeDir = System.getProperty(NativeLibraries.DIRECTORY_PROPERTY);
        String boundaryDir = System.getProperty(BoundaryLibrary.NATIVE_DIR_PROPERTY);
        System.out.println("== native libraries: " + nativeDir + ", " + boundaryDir);
        System.out.println("== corpus: " + BenchEnv.corpusFiles());

        Path manifest = prepare(work, out, quick, node);
        if (node) {
            NodeRunner.run(manifest, out.resolve("node.json"));
        }
        if (jmh) {
            runJmh(out, include, quick, nativeDir, boundaryDir);
        }
        Path report = Report.write(out);
        System.out.println("== report: " + report);
    }

    /**
     * Writes the inputs, the modules and the manifest; returns the manifest. {@code node} is
     * recorded for the report (a run with {@code --no-node} has no V8 results on purpose).
     */
    private static Path prepare(Path work, Path out, boolean quick, boolean node) throws IOException {
        Path inputs = Files.createDirectories(work.resolve("inputs"));
        Path wasm = Files.createDirectories(work.resolve("wasm"));
        Map<String, Object> wasmFiles = new LinkedHashMap<>();
        for (String lib : new String[] {"stb_image", "stb_truetype"}) {
            Path f = wasm.resolve(lib + ".wasm");
            Files.write(f, BenchEnv.wasm(lib + ".wasm"));
            wasmFiles.put(lib, f.toAbsolutePath().toString());
        }
        List<Object> list = new ArrayList<>();
        List<Object> summary = new ArrayList<>();
        try (Engines.Decoder reference = Engines.decoder("native");
             dev.airlock.libs.StbImage info = new dev.airlock.libs.StbImageNative()) {
            for (Inputs.Input in : Inputs.ALL) {
                byte[] bytes = Inputs.bytes(in.id());
                Path file;
                if (in.generated()) {
                    file = inputs.resolve(in.id() + "." + in.format());
                    Files.write(file, bytes);
                } else {
                    file = BenchEnv.corpusFiles().resolve(in.source());
                }
                dev.airlock.libs.StbImage.Info header = info.info(bytes);
                String hash = sha256(reference.rgba(bytes));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", in.id());
                m.put("format", in.format());
                m.put("source", in.generated() ? in.source() : "corpus: " + in.source());
                m.put("bytes", bytes.length);
                m.put("width", header.width());
                m.put("height", header.height());
                m.put("channels", header.channels());
                m.put("sha256", hash);
                summary.add(new LinkedHashMap<>(m));
                m.put("file", file.toAbsolutePath().toString());
                list.add(m);
            }
        }
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("font", BenchEnv.corpusFiles().resolve(Inputs.FONT).toAbsolutePath().toString());
        text.put("text", Inputs.TEXT);
        text.put("pixelHeight", (double) Inputs.PIXEL_HEIGHT);
        text.put("width", Inputs.LINE_WIDTH);
        text.put("height", Inputs.LINE_HEIGHT);
        try (Engines.LineRenderer r = Engines.lineRenderer("native", Inputs.font())) {
            text.put("sha256", sha256(TextBenchmark.render(r)));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("warmupIterations", quick ? 1 : WARMUP_ITERATIONS);
        settings.put("warmupMs", quick ? 200 : ITERATION_MS);
        settings.put("iterations", quick ? 2 : ITERATIONS);
        settings.put("iterationMs", quick ? 200 : ITERATION_MS);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("settings", settings);
        manifest.put("wasm", wasmFiles);
        manifest.put("inputs", list);
        manifest.put("text", text);
        Path path = work.resolve("manifest.json");
        Files.writeString(path, Json.write(manifest));

        Map<String, Object> forReport = new LinkedHashMap<>();
        forReport.put("quick", quick);
        forReport.put("node", node);
        forReport.put("inputs", summary);
        Map<String, Object> textSummary = new LinkedHashMap<>(text);
        textSummary.put("font", Inputs.FONT);
        forReport.put("text", textSummary);
        Files.writeString(out.resolve("inputs.json"), Json.write(forReport));
        return path;
    }

    private static void runJmh(Path out, String include, boolean quick, String nativeDir, String boundaryDir)
            throws RunnerException {
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx4g", "-Xss16m"));
        if (nativeDir != null) {
            jvmArgs.add("-D" + NativeLibraries.DIRECTORY_PROPERTY + "=" + nativeDir);
        }
        if (boundaryDir != null) {
            jvmArgs.add("-D" + BoundaryLibrary.NATIVE_DIR_PROPERTY + "=" + boundaryDir);
        }
        Path repo = BenchEnv.repositoryRoot();
        if (repo != null) {
            jvmArgs.add("-Dairlock.repo=" + repo);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("jmh.json").toString());
        if (quick) {
            options.forks(1).warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(200));
        }
        System.out.println("== JMH: " + include);
        new Runner(options.build()).run();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
