package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.marshal.StructLayout;
import dev.airlock.sandbox.Probes.Binary;
import dev.airlock.sandbox.Probes.Point;
import dev.airlock.sandbox.Probes.Probe;
import dev.airlock.sandbox.Probes.Real;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.TaintedPointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two backends side by side (item 4 of the design: the native backend is the reference): one
 * program drives the probe library through the same interface on each, writing a transcript of
 * every result, and the transcripts must be equal.
 */
class BackendTest {
    private static final int[] INTS = {0, 1, -1, 7, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFF_0000, -123_456};
    private static final long[] LONGS = {0, 1, -1, 3, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -987_654_321_012L};
    private static final double[] DOUBLES = {0.0, -0.0, 1.5, -2.25, 1e300, Double.POSITIVE_INFINITY, Double.MIN_VALUE};
    private static final float[] FLOATS = {0f, -0f, 3.5f, Float.MAX_VALUE, -1e-30f, Float.NEGATIVE_INFINITY};

    /** The program: exercises every function of the probe that is safe natively. */
    private static List<String> transcript(Sandbox sandbox) {
        List<String> out = new ArrayList<>();
        Probe p = sandbox.bind(Probe.class);
        for (int a : INTS) {
            for (int b : INTS) {
                out.add("add " + a + " " + b + " = " + p.probe_add(a, b).unverifiedSafeBecause("transcript"));
            }
        }
        for (long a : LONGS) {
            for (long b : LONGS) {
                out.add("mul64 " + a + " " + b + " = " + p.probe_mul64(a, b).unverifiedSafeBecause("transcript"));
            }
        }
        for (int i = 0; i < FLOATS.length; i++) {
            double r = p.probe_mix(INTS[i], LONGS[i], FLOATS[i], DOUBLES[i]).unverifiedSafeBecause("transcript");
            out.add("mix " + i + " = " + Long.toHexString(Double.doubleToRawLongBits(r)));
            float h = p.probe_halve(FLOATS[i]).unverifiedSafeBecause("transcript");
            out.add("halve " + i + " = " + Integer.toHexString(Float.floatToRawIntBits(h)));
        }
        TaintedPointer<Byte> buffer = sandbox.malloc(600);
        p.probe_fill(buffer, 600, 201);
        out.add("fill = " + Arrays.toString(sandbox.copyOut(buffer, 600).unverifiedSafeBecause("transcript")));
        TaintedPointer<Integer> values = sandbox.malloc(Pointees.INT32, INTS.length);
        for (int i = 0; i < INTS.length; i++) {
            values.elementAt(i).write(INTS[i]);
        }
        out.add("sum = " + p.probe_sum(values, INTS.length).unverifiedSafeBecause("transcript"));
        byte[] name = "Ünïcødé wörld\0".getBytes(StandardCharsets.UTF_8);
        TaintedPointer<Byte> s = sandbox.malloc(name.length);
        sandbox.copyIn(s, name);
        out.add("strlen = " + p.probe_strlen(s).unverifiedSafeBecause("transcript"));
        TaintedPointer<Byte> greeting = p.probe_greet(s);
        out.add("greet = " + greeting.copyAndVerifyString(100, g -> g));
        p.libraryFree(greeting);
        out.add("version = " + p.probe_version().copyAndVerifyString(100, v -> v));
        try (Callback<Binary> mix = sandbox.registerCallback(Binary.class, (a, b) ->
                a.unverifiedSafeBecause("transcript") * 31 + b.unverifiedSafeBecause("transcript"));
                Callback<Real> real = sandbox.registerCallback(Real.class, (x, n) ->
                        x.unverifiedSafeBecause("transcript") / n.unverifiedSafeBecause("transcript"))) {
            out.add("apply = " + p.probe_apply(mix, 3, 4).unverifiedSafeBecause("transcript"));
            out.add("fold = " + p.probe_fold(mix, values, INTS.length, 17).unverifiedSafeBecause("transcript"));
            out.add("real = " + p.probe_apply_real(real, 10.0, 4).unverifiedSafeBecause("transcript"));
            p.probe_save_callback(mix);
            out.add("saved = " + p.probe_call_saved(5, 6).unverifiedSafeBecause("transcript"));
        }
        StructLayout<Point> layout = StructLayout.of(Point.class);
        TaintedPointer<Point> point = sandbox.malloc(layout);
        point.write(new Point(-3, 7, 0.75, s));
        out.add("score = " + p.probe_point_score(point).unverifiedSafeBecause("transcript"));
        p.probe_point_scale(point, -2);
        Point scaled = point.read().unverifiedSafeBecause("transcript");
        out.add("scaled = " + scaled.x() + " " + scaled.y() + " " + scaled.weight() + " "
                + scaled.label().copyAndVerifyString(100, v -> v));
        TaintedPointer<Point> made = p.probe_point_new(8, 9);
        Point m = made.read().unverifiedSafeBecause("transcript");
        out.add("new = " + m.x() + " " + m.y() + " " + m.weight() + " " + m.label().copyAndVerifyString(100, v -> v));
        p.libraryFree(made);
        sandbox.free(point);
        sandbox.free(s);
        sandbox.free(values);
        sandbox.free(buffer);
        out.add("live allocations = " + sandbox.liveAllocations());
        return out;
    }

    @Test
    void bothBackendsGiveTheSameResults() {
        List<String> wasm;
        List<String> nat;
        try (Sandbox sandbox = Sandbox.create(Probes.wasm())) {
            assertTrue(sandbox.isIsolated());
            wasm = transcript(sandbox);
        }
        try (Sandbox sandbox = Sandbox.create(Probes.nativeLibrary())) {
            assertFalse(sandbox.isIsolated());
            nat = transcript(sandbox);
        }
        assertEquals(nat.size(), wasm.size());
        for (int i = 0; i < nat.size(); i++) {
            assertEquals(nat.get(i), wasm.get(i), "line " + i);
        }
        assertTrue(wasm.contains("greet = hello, Ünïcødé wörld!"), String.valueOf(wasm));
    }
}
