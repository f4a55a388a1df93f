package dev.airlock.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A diagnostic, not a benchmark: the ratio of one engine to the native build on one workload,
 * measured in alternating windows in one JVM, for deciding whether a small change to the engine
 * or the build helps.
 *
 * <p>Why it exists. On the project's 2-core machines the speed of the whole machine drifts by
 * 15–25% within minutes, native code included. JMH measures each engine in its own fork, one after
 * the other, so a drift between them lands in the ratio, and a change worth 5% cannot be told from
 * noise. Here the native build and the engine run in turns of {@value #WINDOW_MS} ms each, every
 * pair gives one ratio, and the median of the pairs is reported with its quartiles: a drift
 * slower than a window cancels out. The first third of the time is warm-up and is not counted.
 *
 * <p>The figures of the targets stay JMH's ({@code bench/run.sh}). Use this to compare two builds
 * of the engine: run it on each, alternately, and compare the medians against the quartiles.
 *
 * <pre>
 * bench/paired.sh text ENGINE SECONDS
 * bench/paired.sh decode INPUT ENGINE SECONDS
 * </pre>
 * {@code ENGINE} is one of {@link Engines}' names, {@code INPUT} one of {@link Inputs}' ids.
 */
public final class PairedRatio {
    /** Length of one engine's turn. */
    private static final long WINDOW_MS = 200;

    private PairedRatio() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("text")) {
            byte[] font = Inputs.font();
            try (Engines.LineRenderer reference = Engines.lineRenderer("native", font);
                 Engines.LineRenderer measured = Engines.lineRenderer(args[1], font)) {
                Engines.requireSamePixels(args[1], TextBenchmark.render(reference), TextBenchmark.render(measured));
                report("text line, " + args[1], seconds(args[2]),
                        () -> TextBenchmark.render(reference), () -> TextBenchmark.render(measured));
            }
        } else if (args.length == 4 && args[0].equals("decode")) {
            byte[] file = Inputs.bytes(args[1]);
            try (Engines.Decoder reference = Engines.decoder("native");
                 Engines.Decoder measured = Engines.decoder(args[2])) {
                Engines.requireSamePixels(args[2], reference.rgba(file), measured.rgba(file));
                report(args[1] + ", " + args[2], seconds(args[3]), () -> reference.rgba(file), () -> measured.rgba(file));
            }
        } else {
            usage("");
        }
    }

    private static int seconds(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 3) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("SECONDS must be a whole number of at least 3, not " + s + "\n");
        return 0;
    }

    private static void usage(String problem) {
        System.err.print(problem);
        System.err.println("usage: PairedRatio text ENGINE SECONDS | PairedRatio decode INPUT ENGINE SECONDS");
        System.exit(2);
    }

    private static void report(String what, int seconds, Runnable reference, Runnable measured) {
        long start = System.nanoTime();
        long warmedUp = start + seconds * 1_000_000_000L / 3;
        long end = start + seconds * 1_000_000_000L;
        List<Double> ratios = new ArrayList<>();
        List<Double> referenceTimes = new ArrayList<>();
        List<Double> measuredTimes = new ArrayList<>();
        while (System.nanoTime() < end) {
            double r = msPerOp(reference);
            double m = msPerOp(measured);
            if (System.nanoTime() > warmedUp) {
                referenceTimes.add(r);
                measuredTimes.add(m);
                ratios.add(m / r);
            }
        }
        if (ratios.isEmpty()) {
            throw new IllegalStateException("no pair of windows after warm-up: give more SECONDS");
        }
        System.out.printf(Locale.ROOT, "%s: %d pairs; native %.4f ms/op, engine %.4f ms/op (medians); "
                        + "ratio median %.3f (quartiles %.3f-%.3f)%n", what, ratios.size(),
                quartile(referenceTimes, 2), quartile(measuredTimes, 2),
                quartile(ratios, 2), quartile(ratios, 1), quartile(ratios, 3));
    }

    /** Runs {@code op} for at least one window (and at least once); mean milliseconds per run. */
    private static double msPerOp(Runnable op) {
        long t0 = System.nanoTime();
        long until = t0 + WINDOW_MS * 1_000_000L;
        int runs = 0;
        long t;
        do {
            op.run();
            runs++;
        } while ((t = System.nanoTime()) < until);
        return (t - t0) / 1e6 / runs;
    }

    /** The {@code q}-th quartile (2: the median) of {@code values}, by rank. */
    private static double quartile(List<Double> values, int q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * q / 4));
    }
}
