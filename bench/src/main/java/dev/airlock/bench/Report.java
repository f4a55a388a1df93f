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
 * instantiation times, the boundary costs (ns per crossing, against plain JNA), and the targets
 * with whether each is met. A run of some benchmarks only ({@code --include}) leaves out the
 * sections it has no results for, and its targets read "not measured".
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
    /** The empty call on the Wasm backend, ns; RLBox's SFI (NaCl) sandbox reports 220 ns per call. */
    static final double TARGET_EMPTY_CALL_NS = 50;
    static final double RLBOX_SFI_CALL_NS = 220;

    /** Boundary operations ({@link BoundaryBenchmark}'s methods) in row order, with their labels. */
    static final Map<String, String> BOUNDARY_OPERATIONS = new LinkedHashMap<>();
    /** Boundary engines in column order, with their headings; the last is the baseline of the ratios. */
    static final Map<String, String> BOUNDARY_ENGINES = new LinkedHashMap<>();
    static final String BOUNDARY_BASELINE = "jna";

    static {
        BOUNDARY_OPERATIONS.put("emptyCall", "empty call");
        BOUNDARY_OPERATIONS.put("roundTrip1k", "1 KB in+out");
        BOUNDARY_OPERATIONS.put("callbackRoundTrip", "callback round trip");
        BOUNDARY_ENGINES.put("airlock", "Airlock wasm");
        BOUNDARY_ENGINES.put("airlock_deadline", "Airlock wasm, 1 s deadline");
        BOUNDARY_ENGINES.put("airlock_native", "Airlock native backend");
        BOUNDARY_ENGINES.put(BOUNDARY_BASELINE, "JNA direct");
    }

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
    /** operation -> engine -> ns. */
    private final Map<String, Map<String, Stat>> boundary = new LinkedHashMap<>();
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
            notes.add(Boolean.FALSE.equals(inputsFile.get("node")) ? "V8 not run (--no-node)."
                    : "No V8 results (node.json missing: node not installed or failed).");
        }
    }

    /**
     * The JVM of a JMH result, for the setup notes: its name, version and options, without the
     * machine's paths (the JVM's location, and the options that only tell the benchmarks where
     * this checkout's files are), so that a results file says nothing about where it was made.
     */
    @SuppressWarnings("unchecked")
    private static String jvmDescription(Map<String, Object> r) {
        List<String> options = new ArrayList<>();
        for (Object a : (List<Object>) r.getOrDefault("jvmArgs", List.of())) {
            String arg = String.valueOf(a);
            boolean pathOption = arg.startsWith("-Dairlock.repo=") || arg.startsWith("-Dairlock.libs.nativeDir=")
                    || arg.startsWith("-Dairlock.bench.nativeDir=");
            if (!pathOption && !options.contains(arg)) {
                options.add(arg);
            }
        }
        return r.get("vmName") + " " + r.get("vmVersion") + " (JDK " + r.get("jdkVersion") + "), JMH "
                + r.get("jmhVersion") + ", JVM options " + options;
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
                    jvm = jvmDescription(r);
                }
                case "TextBenchmark" -> text.put(engine, stat);
                case "CompileBenchmark" -> (method.equals("cold") ? compileCold : compileWarm)
                        .computeIfAbsent((String) params.get("library"), k -> new LinkedHashMap<>()).put(engine, stat);
                case "InstantiateBenchmark" -> instantiate.computeIfAbsent((String) params.get("library"),
                        k -> new LinkedHashMap<>()).put(engine, stat);
                case "BoundaryBenchmark" -> {
                    boundary.computeIfAbsent(method, k -> new LinkedHashMap<>()).put(engine, stat);
                    int forks = (int) Json.number(r.get("forks"));
                    jmhSettings.putIfAbsent("boundary", "boundary costs: " + forks + (forks == 1 ? " fork" : " forks")
                            + " per operation and engine, " + (int) Json.number(r.get("warmupIterations"))
                            + " warm-up iterations of " + r.get("warmupTime") + ", "
                            + (int) Json.number(r.get("measurementIterations")) + " measured iterations of "
                            + r.get("measurementTime") + " per fork");
                    if (jvm.isEmpty()) {
                        jvm = jvmDescription(r);
                    }
                }
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

    /** Whether a target is met, or "—" when this run did not measure it. */
    private static String yes(boolean measured, boolean met) {
        return measured ? yes(met) : "—";
    }

    /** What a target's "measured" cell says when the run has no results for it. */
    private static final String NOT_MEASURED = "not measured";

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
        boolean decoded = !decode.isEmpty();
        b.append("| Airlock ≤ ").append(TARGET_TOTAL).append("× native (no SSE2), total over the inputs | ")
                .append(decoded ? ratio(total) : NOT_MEASURED).append(" | ").append(yes(decoded, total <= TARGET_TOTAL))
                .append(" |\n");
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
        b.append("| Airlock ≤ ").append(TARGET_FORMAT).append("× native (no SSE2) on every format | ")
                .append(decoded ? "worst: " + worstFormat + ' ' + ratio(worst)
                        + (over.isEmpty() ? "" : "; over: " + String.join(", ", over)) : NOT_MEASURED)
                .append(" | ").append(yes(decoded, over.isEmpty())).append(" |\n");
        double speedup = chicoryTotal / airlockTotal;
        b.append("| Airlock ≥ ").append(TARGET_CHICORY).append("× faster than Chicory (total) | ")
                .append(decoded ? ratio(speedup) + " (least on one format: " + worstChicoryFormat + ' ' + ratio(worstChicory)
                        + ")" : NOT_MEASURED)
                .append(" | ").append(yes(decoded, speedup >= TARGET_CHICORY)).append(" |\n");
        double wasmopt = wasmoptTotal / airlockTotal;
        b.append("| wasm-opt build ≤ ").append(TARGET_WASMOPT).append("× the standard build (total) | ")
                .append(decoded ? ratio(wasmopt) : NOT_MEASURED).append(" | ").append(yes(decoded, wasmopt <= TARGET_WASMOPT))
                .append(" |\n");
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
                .append(compileParts.isEmpty() ? NOT_MEASURED : String.join(", ", compileParts)).append(" | ")
                .append(yes(!compileCold.isEmpty(), compileMet)).append(" |\n");
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
        b.append("| instantiate ≤ 1 ms | ").append(instParts.isEmpty() ? NOT_MEASURED : String.join(", ", instParts))
                .append(" | ").append(yes(!instantiate.isEmpty(), instMet)).append(" |\n");
        Stat empty = boundary.getOrDefault("emptyCall", Map.of()).get("airlock");
        b.append("| empty call ≤ ").append((int) TARGET_EMPTY_CALL_NS).append(" ns on the wasm backend (RLBox's SFI: ")
                .append((int) RLBOX_SFI_CALL_NS).append(" ns) | ").append(empty == null ? NOT_MEASURED : empty.format() + " ns")
                .append(" | ").append(yes(empty != null, empty != null && empty.mean <= TARGET_EMPTY_CALL_NS)).append(" |\n\n");
        List<String> notRun = new ArrayList<>();

        // ------------------------------------------------------------ decode, per input
        if (decoded) {
            renderDecode(b, formats, all);
        } else {
            notRun.add("decoding");
        }

        // ------------------------------------------------------------ text
        if (!text.isEmpty()) {
            renderText(b);
        } else {
            notRun.add("text rendering");
        }

        // ------------------------------------------------------------ compile, instantiate
        if (!compileCold.isEmpty() || !compileWarm.isEmpty() || !instantiate.isEmpty()) {
            renderCompile(b);
        } else {
            notRun.add("compilation and instantiation");
        }

        // ------------------------------------------------------------ boundary
        if (!boundary.isEmpty()) {
            renderBoundary(b);
        } else {
            notRun.add("boundary costs");
        }

        // ------------------------------------------------------------ notes
        List<String> all2 = new ArrayList<>(notes);
        if (!notRun.isEmpty()) {
            all2.add(0, "Not run this time (no results, so no section): " + String.join(", ", notRun) + ".");
        }
        for (String engine : decoded ? DECODE_ENGINES.keySet() : List.<String>of()) {
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
        for (Map.Entry<String, Map<String, Stat>> op : boundary.entrySet()) {
            for (Map.Entry<String, Stat> e : op.getValue().entrySet()) {
                Stat s = e.getValue();
                if (s.error / s.mean > 0.10) {
                    all2.add(String.format(Locale.ROOT, "Large error bar: %s, %s: %s ns (±%.0f%%)", e.getKey(),
                            BOUNDARY_OPERATIONS.getOrDefault(op.getKey(), op.getKey()), s.format(), 100 * s.error / s.mean));
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
        if (!text.isEmpty() || !compileCold.isEmpty() || !compileWarm.isEmpty() || !instantiate.isEmpty()) {
            b.append("- JMH text line: 15 warm-up iterations of 1 s, 5 of 1 s measured; compile cold: 8 forks, one single shot "
                    + "each; compile warm: 4 warm-up iterations of 2 s, 5 of 2 s measured; instantiate: 10 warm-up "
                    + "iterations of 1 s, 10 of 1 s measured (unless --quick)\n");
        }
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

    /** The decode tables: per input, per-format sums, the total; then the per-format ratios. */
    private void renderDecode(StringBuilder b, Map<String, List<String>> formats, List<String> all) {
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

    }

    /** The text-line table. */
    private void renderText(StringBuilder b) {
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

    }

    /** The compile and instantiate tables. */
    private void renderCompile(StringBuilder b) {
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

    }

    /**
     * The boundary table: per operation and engine ns/op ± error and the ratio to plain JNA, then
     * the Wasm backend against the native one.
     */
    private void renderBoundary(StringBuilder b) {
        b.append("## Boundary cost, ns/op\n\n");
        b.append("A library that does nothing else (`bench/src/main/c/boundary.c`): `boundary_identity(x)`; 1 KB copied into "
                + "its memory with `copyIn`, XORed in place, copied out with `copyOut` (a new array); a call in which the "
                + "library calls a registered host callback once. Airlock: the public sandbox API (`Sandbox.bind`, "
                + "`registerCallback`, `malloc` once), tainted results included; the native backend binds the same "
                + "interface to the gcc -O2 build. JNA direct: a JNA `Library` interface to the same .so (a `Memory` "
                + "buffer written and read per call, a `com.sun.jna.Callback`). Each cell: mean ± 99.9% error, then the "
                + "ratio to JNA direct.\n\n");
        b.append("| operation |");
        for (String h : BOUNDARY_ENGINES.values()) {
            b.append(' ').append(h).append(" |");
        }
        b.append(" wasm / native backend |\n|---|").append("---|".repeat(BOUNDARY_ENGINES.size())).append("---|\n");
        for (Map.Entry<String, String> op : BOUNDARY_OPERATIONS.entrySet()) {
            Map<String, Stat> row = boundary.getOrDefault(op.getKey(), Map.of());
            Stat base = row.get(BOUNDARY_BASELINE);
            b.append("| ").append(op.getValue()).append(" |");
            for (String engine : BOUNDARY_ENGINES.keySet()) {
                Stat s = row.get(engine);
                b.append(' ');
                if (s == null) {
                    b.append("—");
                } else {
                    b.append(s.format());
                    if (!engine.equals(BOUNDARY_BASELINE) && base != null) {
                        b.append(" (").append(ratio(s.mean / base.mean)).append(')');
                    }
                }
                b.append(" |");
            }
            Stat wasm = row.get("airlock");
            Stat nat = row.get("airlock_native");
            b.append(' ').append(wasm == null || nat == null ? "—" : ratio(wasm.mean / nat.mean)).append(" |\n");
        }
        b.append('\n');
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
