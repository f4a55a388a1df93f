package dev.airlock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The table generator: reads a results directory ({@code inputs.json} from {@link RunAll},
 * {@code jmh.json} from JMH, {@code node.json} from the V8 run, {@code machine.txt} from
 * {@code run.sh}) and writes {@code results.md}: per input and engine ms/op with JMH's error bars
 * (99.9% confidence) and the ratio to native without SIMD, per-format sums, totals, the
 * Airlock/Chicory speed-up, the wasm-opt/standard ratio, text rendering, compile and
 * instantiation times, and the targets with whether each is met.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.airlock.bench.Report bench/results/DATE</pre>
 */
public final class Report {
    /** Decode engines in column order, with their headings. */
    static final Map<String, String> DECODE_ENGINES = new LinkedHashMap<>();

    static {
        DECODE_ENGINES.put("native", "native (no SIMD)");
        DECODE_ENGINES.put("native_sse2", "native SSE2");
        DECODE_ENGINES.put("airlock", "Airlock");
        DECODE_ENGINES.put("airlock_wasmopt", "Airlock wasm-opt");
        DECODE_ENGINES.put("chicory", "Chicory");
        DECODE_ENGINES.put("v8", "V8 (node)");
    }

    // Targets.
    static final double TARGET_TOTAL = 1.5;
    static final double TARGET_FORMAT = 2.0;
    static final double TARGET_CHICORY = 2.5;
    static final double TARGET_WASMOPT = 1.2;
    static final double TARGET_COMPILE_MS = 500;
    static final double TARGET_INSTANTIATE_US = 1000;

    /** A measurement: mean, 99.9% error half-width, number of samples. */
    record Stat(double mean, double error, int n) {
        String format() {
            return num(mean) + (Double.isNaN(error) ? "" : " ±" + num(error));
        }
    }

    private final Map<String, Object> inputsFile;
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    /** engine -> input -> ms/op. */
    private final Map<String, Map<String, Stat>> decode = new LinkedHashMap<>();
    private final Map<String, Stat> text = new LinkedHashMap<>();
    /** library -> engine -> ms. */
    private final Map<String, Map<String, Stat>> compileCold = new TreeMap<>();
    private final Map<String, Map<String, Stat>> compileWarm = new TreeMap<>();
    /** library -> engine -> µs. */
    private final Map<String, Map<String, Stat>> instantiate = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();
    private Map<String, Object> node;
    private final Map<String, String> jmhSettings = new TreeMap<>();
    private String jvm = "";

    @SuppressWarnings("unchecked")
    private Report(Path dir) throws IOException {
        inputsFile = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("inputs.json")));
        for (Object o : (List<Object>) inputsFile.get("inputs")) {
            inputs.add((Map<String, Object>) o);
        }
        Path jmh = dir.resolve("jmh.json");
        if (Files.exists(jmh)) {
            readJmh((List<Object>) Json.parse(Files.readString(jmh)));
        } else {
            notes.add("No JMH results (jmh.json missing).");
        }
        Path nodeFile = dir.resolve("node.json");
        if (Files.exists(nodeFile)) {
            node = (Map<String, Object>) Json.parse(Files.readString(nodeFile));
            readNode();
        } else {
            notes.add("No V8 results (node.json missing: node not installed or failed).");
        }
    }

    @SuppressWarnings("unchecked")
    private void readJmh(List<Object> results) {
        for (Object o : results) {
            Map<String, Object> r = (Map<String, Object>) o;
            String benchmark = (String) r.get("benchmark");
            Map<String, Object> params = (Map<String, Object>) r.getOrDefault("params", Map.of());
            Map<String, Object> metric = (Map<String, Object>) r.get("primaryMetric");
            List<Object> raw = (List<Object>) metric.get("rawData");
            int n = 0;
            for (Object fork : raw) {
                n += ((List<Object>) fork).size();
            }
            Stat stat = new Stat(Json.number(metric.get("score")), Json.number(metric.get("scoreError")), n);
            String engine = (String) params.get("engine");
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            switch (cls) {
                case "DecodeNativeBenchmark", "DecodeWasmBenchmark" -> {
                    decode.computeIfAbsent(engine, k -> new LinkedHashMap<>()).put((String) params.get("input"), stat);
                    String what = cls.equals("DecodeNativeBenchmark") ? "native" : "Wasm engines";
                    if (!jmhSettings.containsKey(what)) {
                        jmhSettings.put(what, "decode on the " + what + ": " + (int) Json.number(r.get("forks"))
                                + " fork per input and engine, " + (int) Json.number(r.get("warmupIterations"))
                                + " warm-up iterations of " + r.get("warmupTime") + ", "
                                + (int) Json.number(r.get("measurementIterations")) + " measured iterations of "
                                + r.get("measurementTime"));
                    }
                    jvm = "JVM " + r.get("jvm") + " (" + r.get("vmName") + " " + r.get("vmVersion") + "), JMH "
                            + r.get("jmhVersion") + ", JVM options " + r.get("jvmArgs");
                }
                case "TextBenchmark" -> text.put(engine, stat);
                case "CompileBenchmark" -> (method.equals("cold") ? compileCold : compileWarm)
                        .computeIfAbsent((String) params.get("library"), k -> new LinkedHashMap<>()).put(engine, stat);
                case "InstantiateBenchmark" -> instantiate.computeIfAbsent((String) params.get("library"),
                        k -> new LinkedHashMap<>()).put(engine, stat);
                default -> notes.add("Unknown benchmark " + benchmark + ".");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void readNode() {
        for (Object o : (List<Object>) node.get("results")) {
            Map<String, Object> r = (Map<String, Object>) o;
            if (r.get("error") != null) {
                notes.add("V8 failed on " + r.get("id") + ": " + r.get("error"));
                continue;
            }
            List<Object> samples = (List<Object>) r.get("samples");
            double[] values = new double[samples.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Json.number(samples.get(i));
            }
            Stat stat = stat(values);
            if ("text".equals(r.get("kind"))) {
                text.put("v8", stat);
            } else {
                decode.computeIfAbsent("v8", k -> new LinkedHashMap<>()).put((String) r.get("id"), stat);
            }
        }
    }

    /** Mean and the 99.9% confidence half-width, as JMH computes them. */
    static Stat stat(double[] values) {
        int n = values.length;
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n < 2) {
            return new Stat(mean, Double.NaN, n);
        }
        double sq = 0;
        for (double v : values) {
            sq += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(sq / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2);
        return new Stat(mean, t * sd / Math.sqrt(n), n);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String f = a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : a >= 1 ? "%.3f" : a >= 0.1 ? "%.4f" : "%.5f";
        return String.format(Locale.ROOT, f, v);
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f×", r);
    }

    private Stat get(String engine, String input) {
        Map<String, Stat> m = decode.get(engine);
        return m == null ? null : m.get(input);
    }

    /** The sum of {@code engine}'s means over {@code ids}, NaN if one is missing. */
    private double sum(String engine, List<String> ids) {
        double s = 0;
        for (String id : ids) {
            Stat st = get(engine, id);
            if (st == null) {
                return Double.NaN;
            }
            s += st.mean;
        }
        return s;
    }

    private Map<String, List<String>> byFormat() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Map<String, Object> in : inputs) {
            m.computeIfAbsent((String) in.get("format"), k -> new ArrayList<>()).add((String) in.get("id"));
        }
        return m;
    }

    private List<String> allIds() {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> in : inputs) {
            ids.add((String) in.get("id"));
        }
        return ids;
    }

    private static String yes(boolean met) {
        return met ? "**yes**" : "**no**";
    }

    private String render(String machine) {
        StringBuilder b = new StringBuilder();
        Map<String, List<String>> formats = byFormat();
        List<String> all = allIds();
        double nativeTotal = sum("native", all);
        double airlockTotal = sum("airlock", all);
        double wasmoptTotal = sum("airlock_wasmopt", all);
        double chicoryTotal = sum("chicory", all);

        b.append("## Targets\n\n");
        b.append("| target | measured | met |\n|---|---|---|\n");
        double total = airlockTotal / nativeTotal;
        b.append("| Airlock ≤ ").append(TARGET_TOTAL).append("× native (no SSE2), total over the inputs | ")
                .append(ratio(total)).append(" | ").append(yes(total <= TARGET_TOTAL)).append(" |\n");
        String worstFormat = null;
        double worst = Double.NaN;
        List<String> over = new ArrayList<>();
        double worstChicory = Double.NaN;
        String worstChicoryFormat = null;
        for (Map.Entry<String, List<String>> f : formats.entrySet()) {
            double r = sum("airlock", f.getValue()) / sum("native", f.getValue());
            if (Double.isNaN(worst) || r > worst) {
                worst = r;
                worstFormat = f.getKey();
            }
            if (r > TARGET_FORMAT || Double.isNaN(r)) {
                over.add(f.getKey() + " " + ratio(r));
            }
            double c = sum("chicory", f.getValue()) / sum("airlock", f.getValue());
            if (Double.isNaN(worstChicory) || c < worstChicory) {
                worstChicory = c;
                worstChicoryFormat = f.getKey();
            }
        }
        b.append("| Airlock ≤ ").append(TARGET_FORMAT).append("× native (no SSE2) on every format | worst: ")
                .append(worstFormat).append(' ').append(ratio(worst))
                .append(over.isEmpty() ? "" : "; over: " + String.join(", ", over)).append(" | ")
                .append(yes(over.isEmpty())).append(" |\n");
        double speedup = chicoryTotal / airlockTotal;
        b.append("| Airlock ≥ ").append(TARGET_CHICORY).append("× faster than Chicory (total) | ").append(ratio(speedup))
                .append(" (least on one format: ").append(worstChicoryFormat).append(' ').append(ratio(worstChicory))
                .append(") | ").append(yes(speedup >= TARGET_CHICORY)).append(" |\n");
        double wasmopt = wasmoptTotal / airlockTotal;
        b.append("| wasm-opt build ≤ ").append(TARGET_WASMOPT).append("× the standard build (total) | ").append(ratio(wasmopt))
                .append(" | ").append(yes(wasmopt <= TARGET_WASMOPT)).append(" |\n");
        List<String> compileParts = new ArrayList<>();
        boolean compileMet = !compileCold.isEmpty();
        for (Map.Entry<String, Map<String, Stat>> e : compileCold.entrySet()) {
            Stat s = e.getValue().get("airlock");
            if (s == null) {
                compileMet = false;
                continue;
            }
            compileParts.add(e.getKey() + " " + num(s.mean) + " ms");
            compileMet &= s.mean <= TARGET_COMPILE_MS;
        }
        b.append("| compile ≤ ").append((int) TARGET_COMPILE_MS).append(" ms cold (standard builds) | ")
                .append(compileParts.isEmpty() ? "n/a" : String.join(", ", compileParts)).append(" | ")
                .append(yes(compileMet)).append(" |\n");
        List<String> instParts = new ArrayList<>();
        boolean instMet = !instantiate.isEmpty();
        for (Map.Entry<String, Map<String, Stat>> e : instantiate.entrySet()) {
            Stat s = e.getValue().get("airlock");
            if (s == null) {
                instMet = false;
                continue;
            }
            instParts.add(e.getKey() + " " + num(s.mean / 1000) + " ms");
            instMet &= s.mean <= TARGET_INSTANTIATE_US;
        }
        b.append("| instantiate ≤ 1 ms | ").append(instParts.isEmpty() ? "n/a" : String.join(", ", instParts)).append(" | ")
                .append(yes(instMet)).append(" |\n\n");

        // ------------------------------------------------------------ decode, per input
        b.append("## Decode to RGBA (stb_image), ms/op\n\n");
        b.append("Each cell: mean ms/op ± 99.9% error (JMH's), then the ratio to native without SIMD. Per-format rows and "
                + "the total are sums of the per-file means.\n\n");
        b.append("| input | image |");
        for (String h : DECODE_ENGINES.values()) {
            b.append(' ').append(h).append(" |");
        }
        b.append("\n|---|---|");
        b.append("---|".repeat(DECODE_ENGINES.size()));
        b.append('\n');
        for (Map.Entry<String, List<String>> f : formats.entrySet()) {
            for (String id : f.getValue()) {
                Map<String, Object> in = input(id);
                b.append("| ").append(id).append(" | ").append(describe(in)).append(" |");
                Stat nat = get("native", id);
                for (String engine : DECODE_ENGINES.keySet()) {
                    Stat s = get(engine, id);
                    b.append(' ');
                    if (s == null) {
                        b.append("—");
                    } else {
                        b.append(s.format());
                        if (!engine.equals("native") && nat != null) {
                            b.append(" (").append(ratio(s.mean / nat.mean)).append(')');
                        }
                    }
                    b.append(" |");
                }
                b.append('\n');
            }
            sumRow(b, "**" + f.getKey() + "** (sum)", f.getValue());
        }
        sumRow(b, "**total**", all);
        b.append('\n');

        // ------------------------------------------------------------ per format ratios
        b.append("## Per format: ratio to native (no SIMD) of the summed times\n\n");
        b.append("| format | inputs |");
        for (String engine : DECODE_ENGINES.keySet()) {
            if (!engine.equals("native")) {
                b.append(' ').append(DECODE_ENGINES.get(engine)).append(" |");
            }
        }
        b.append(" Airlock speed-up over Chicory | wasm-opt / standard |\n|---|---|");
        b.append("---|".repeat(DECODE_ENGINES.size() - 1)).append("---|---|\n");
        Map<String, List<String>> rows = new LinkedHashMap<>(formats);
        rows.put("**total**", all);
        for (Map.Entry<String, List<String>> f : rows.entrySet()) {
            double nat = sum("native", f.getValue());
            b.append("| ").append(f.getKey()).append(" | ").append(f.getValue().size()).append(" |");
            for (String engine : DECODE_ENGINES.keySet()) {
                if (!engine.equals("native")) {
                    b.append(' ').append(ratio(sum(engine, f.getValue()) / nat)).append(" |");
                }
            }
            double a = sum("airlock", f.getValue());
            b.append(' ').append(ratio(sum("chicory", f.getValue()) / a)).append(" | ")
                    .append(ratio(sum("airlock_wasmopt", f.getValue()) / a)).append(" |\n");
        }
        b.append('\n');

        // ------------------------------------------------------------ text
        b.append("## Text line (stb_truetype), ms/op\n\n");
        Map<String, Object> t = textSpec();
        if (t != null) {
            b.append("`renderLine(\"").append(t.get("text")).append("\")` at ").append(num(Json.number(t.get("pixelHeight"))))
                    .append(" px into a ").append((int) Json.number(t.get("width"))).append('x')
                    .append((int) Json.number(t.get("height"))).append(" bitmap, font ")
                    .append(Path.of((String) t.get("font")).getFileName()).append(" (opened once).\n\n");
        }
        b.append("| engine | ms/op | ratio to native |\n|---|---|---|\n");
        Stat tn = text.get("native");
        for (String engine : List.of("native", "airlock", "airlock_wasmopt", "chicory", "v8")) {
            Stat s = text.get(engine);
            b.append("| ").append(DECODE_ENGINES.get(engine)).append(" | ").append(s == null ? "—" : s.format()).append(" | ")
                    .append(s == null || tn == null ? "—" : ratio(s.mean / tn.mean)).append(" |\n");
        }
        if (text.get("airlock") != null && text.get("chicory") != null) {
            b.append("\nAirlock speed-up over Chicory: ").append(ratio(text.get("chicory").mean / text.get("airlock").mean))
                    .append("; wasm-opt / standard: ")
                    .append(text.get("airlock_wasmopt") == null ? "n/a"
                            : ratio(text.get("airlock_wasmopt").mean / text.get("airlock").mean))
                    .append(".\n");
        }
        b.append('\n');

        // ------------------------------------------------------------ compile, instantiate
        b.append("## Compile, ms\n\n");
        b.append("Cold: the first compilation in a fresh JVM (JMH single-shot, one per fork; mean ± 99.9% error over the "
                + "forks). Warm: average of repeated compilations in one JVM after warm-up. Airlock: "
                + "`WasmModule.compile(bytes)`; Chicory: `Parser.parse` + `MachineFactoryCompiler.compile`.\n\n");
        b.append("| module | Airlock cold | Airlock wasm-opt build cold | Chicory cold | Airlock warm | "
                + "Airlock wasm-opt build warm | Chicory warm |\n|---|---|---|---|---|---|---|\n");
        for (String lib : libraries()) {
            b.append("| ").append(lib).append(" |");
            for (Map<String, Map<String, Stat>> m : List.of(compileCold, compileWarm)) {
                for (String engine : List.of("airlock", "airlock_wasmopt", "chicory")) {
                    Stat s = m.getOrDefault(lib, Map.of()).get(engine);
                    b.append(' ').append(s == null ? "—" : s.format() + (m == compileCold ? " (n=" + s.n + ")" : "")).append(" |");
                }
            }
            b.append('\n');
        }
        b.append("\n## Instantiate an already compiled module, µs\n\n");
        b.append("New WASI environment, link, memory and data, `_initialize`.\n\n");
        b.append("| module | Airlock | Chicory |\n|---|---|---|\n");
        for (String lib : libraries()) {
            Map<String, Stat> m = instantiate.getOrDefault(lib, Map.of());
            b.append("| ").append(lib).append(" | ").append(m.get("airlock") == null ? "—" : m.get("airlock").format())
                    .append(" | ").append(m.get("chicory") == null ? "—" : m.get("chicory").format()).append(" |\n");
        }
        b.append('\n');

        // ------------------------------------------------------------ notes
        List<String> all2 = new ArrayList<>(notes);
        for (String engine : DECODE_ENGINES.keySet()) {
            for (String id : all) {
                Stat s = get(engine, id);
                if (s == null) {
                    all2.add(engine + " has no result for " + id + " (failed or not run; see the log)");
                } else if (s.error / s.mean > 0.10) {
                    all2.add(String.format(Locale.ROOT, "Large error bar: %s on %s: %s ms (±%.0f%%)", engine, id, s.format(),
                            100 * s.error / s.mean));
                }
            }
        }
        if (!all2.isEmpty()) {
            b.append("## Notes\n\n");
            for (String n : all2) {
                b.append("- ").append(n).append('\n');
            }
            b.append('\n');
        }
        b.append("## Setup\n\n");
        for (String setting : jmhSettings.values()) {
            b.append("- JMH ").append(setting).append('\n');
        }
        b.append("- JMH text line: 15 warm-up iterations of 1 s, 5 of 1 s measured; compile cold: 8 forks, one single shot "
                + "each; compile warm: 4 warm-up iterations of 2 s, 5 of 2 s measured; instantiate: 10 warm-up "
                + "iterations of 1 s, 10 of 1 s measured (unless --quick)\n");
        if (!jvm.isEmpty()) {
            b.append("- ").append(jvm).append('\n');
        }
        if (node != null) {
            b.append("- V8: node ").append(node.get("node")).append(" (V8 ").append(node.get("v8"))
                    .append("), node:wasi preview1, one process, one instance per module; settings ")
                    .append(nodeSettings()).append('\n');
        }
        if (Boolean.TRUE.equals(inputsFile.get("quick"))) {
            b.append("- **--quick run: iterations shortened, numbers only indicative.**\n");
        }
        if (machine != null && !machine.isBlank()) {
            b.append("\n```\n").append(machine.strip()).append("\n```\n");
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private String nodeSettings() {
        Map<String, Object> s = (Map<String, Object>) node.get("settings");
        return (int) Json.number(s.get("warmupIterations")) + " warm-up iterations of " + (int) Json.number(s.get("warmupMs"))
                + " ms, " + (int) Json.number(s.get("iterations")) + " measured iterations of "
                + (int) Json.number(s.get("iterationMs")) + " ms per input";
    }

    private void sumRow(StringBuilder b, String label, List<String> ids) {
        b.append("| ").append(label).append(" | |");
        double nat = sum("native", ids);
        for (String engine : DECODE_ENGINES.keySet()) {
            double s = sum(engine, ids);
            b.append(" **").append(num(s)).append("**");
            if (!engine.equals("native")) {
                b.append(" (").append(ratio(s / nat)).append(')');
            }
            b.append(" |");
        }
        b.append('\n');
    }

    private List<String> libraries() {
        List<String> libs = new ArrayList<>(compileCold.keySet());
        for (String l : compileWarm.keySet()) {
            if (!libs.contains(l)) {
                libs.add(l);
            }
        }
        for (String l : instantiate.keySet()) {
            if (!libs.contains(l)) {
                libs.add(l);
            }
        }
        return libs;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> textSpec() {
        return (Map<String, Object>) inputsFile.get("text");
    }

    private Map<String, Object> input(String id) {
        for (Map<String, Object> in : inputs) {
            if (id.equals(in.get("id"))) {
                return in;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static String describe(Map<String, Object> in) {
        long bytes = (long) Json.number(in.get("bytes"));
        String size = bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%d KB", Math.max(1, Math.round(bytes / 1024.0)));
        String source = (String) in.get("source");
        return (int) Json.number(in.get("width")) + "x" + (int) Json.number(in.get("height")) + "x"
                + (int) Json.number(in.get("channels")) + ", " + size + (source.startsWith("generated") ? ", generated" : "");
    }

    private String machine;

    /** Writes {@code dir/results.md}; returns its path. */
    public static Path write(Path dir) throws IOException {
        Report r = new Report(dir);
        Path machineFile = dir.resolve("machine.txt");
        r.machine = Files.exists(machineFile) ? Files.readString(machineFile) : null;
        String title = "# Airlock benchmark results, " + dir.getFileName() + "\n\n";
        Path out = dir.resolve("results.md");
        Files.writeString(out, title + r.render(r.machine));
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report RESULTS_DIR");
            System.exit(2);
        }
        System.out.println(Files.readString(write(Path.of(args[0]))));
    }
}
