package dev.airlock.libs;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Collects the differences between the native build (expected) and the Wasm build (actual), so
 * that one test run reports every mismatch precisely: input, call, and the first differing value.
 */
final class Mismatches {
    private final List<String> found = new ArrayList<>();
    private final List<String> interrupted = new ArrayList<>();
    private final List<String> nativeCrashes = new ArrayList<>();
    private final List<String> known = new ArrayList<>();
    /** A difference a comparer explains by the library's undefined behaviour ({@link KnownDivergences}) starts with this. */
    static final String KNOWN = "KNOWN ";
    /** If set, a difference of outcome (success vs failure, or another failure) is known, for this reason. */
    private String knownOutcomeDivergence;

    /**
     * Counts every difference of outcome as known, for {@code reason}: for inputs on which the
     * library's behaviour depends on memory outside the input (damaged fonts).
     */
    Mismatches outcomesMayDiffer(String reason) {
        this.knownOutcomeDivergence = reason;
        return this;
    }
    private int comparisons;

    int comparisons() {
        return comparisons;
    }

    /**
     * Runs a call on the Wasm build, then on the native build, and compares the outcomes;
     * {@code describe} compares two results (null if equal). If the Wasm call was interrupted by
     * its time limit, the library loops on this input: the native call would never return, so it
     * is not made; the input is listed in {@link #interrupted()}.
     */
    <T> void compare(String input, String call, Supplier<T> nativeCall, Supplier<T> wasmCall, Comparer<T> describe) {
        compareOutcomes(input, call, () -> Outcome.of(nativeCall), wasmCall, describe);
    }

    /**
     * Like {@link #compare}, with the native outcome from {@code nativeOutcome} (e.g. a child
     * process, see {@link NativeOracle}). If the native build crashed, there is nothing to compare
     * with: the input is listed in {@link #nativeCrashes()} with what the sandbox did instead.
     */
    <T> void compareOutcomes(String input, String call, Supplier<Outcome<T>> nativeOutcome, Supplier<T> wasmCall,
                             Comparer<T> describe) {
        Outcome<T> actual = Outcome.of(wasmCall);
        if (actual.failed() && actual.failure().contains("trapped: interrupted")) {
            interrupted.add(input + " " + call);
            return;
        }
        Outcome<T> expected = nativeOutcome.get();
        if (expected.failed() && expected.failure().startsWith("native crashed")) {
            nativeCrashes.add(input + " " + call + ": " + expected.failure() + "; wasm: "
                    + (actual.failed() ? actual.failure() : "a result"));
            return;
        }
        comparisons++;
        String difference;
        if (expected.failed() || actual.failed()) {
            difference = Objects.equals(expected.failure(), actual.failure()) ? null
                    : "native: " + (expected.failed() ? expected.failure() : "success") + "; wasm: "
                            + (actual.failed() ? actual.failure() : "success");
            if (difference != null && knownOutcomeDivergence != null) {
                difference = KNOWN + knownOutcomeDivergence + ": " + difference;
            }
        } else {
            difference = describe.difference(expected.value(), actual.value());
        }
        if (difference != null && difference.startsWith(KNOWN)) {
            known.add(input + " " + call + ": " + difference.substring(KNOWN.length()));
        } else if (difference != null) {
            found.add(input + " " + call + ": " + difference);
        }
    }

    /** The calls the Wasm build's time limit interrupted (the library loops on their input). */
    List<String> interrupted() {
        return interrupted;
    }

    /** The calls on which the native build crashed (memory-safety bugs the sandbox contains). */
    List<String> nativeCrashes() {
        return nativeCrashes;
    }

    /** A summary line for the test output. */
    String summary(String what) {
        return what + ": " + comparisons + " comparisons, " + found.size() + " mismatches; " + interrupted.size()
                + " calls interrupted in Wasm (endless loop in the library; not run natively)"
                + (interrupted.isEmpty() ? "" : " " + interrupted) + "; native crashed on " + nativeCrashes.size()
                + (nativeCrashes.isEmpty() ? "" : " " + nativeCrashes) + "; " + known.size()
                + " known divergences (undefined behaviour in the library)" + (known.isEmpty() ? "" : " " + known);
    }

    /** {@code strict}, except that a difference is reported as known, with {@code reason}, if a reason is given. */
    static <T> Comparer<T> knownIf(String reason, Comparer<T> strict) {
        return (e, a) -> {
            String d = strict.difference(e, a);
            return d == null || reason == null ? d : KNOWN + reason + ": " + d;
        };
    }

    void add(String mismatch) {
        found.add(mismatch);
    }

    void assertNone() {
        if (!found.isEmpty()) {
            int shown = Math.min(found.size(), 40);
            fail(found.size() + " wasm/native mismatches in " + comparisons + " comparisons:\n  "
                    + String.join("\n  ", found.subList(0, shown)) + (shown < found.size() ? "\n  ..." : ""));
        }
    }

    @FunctionalInterface
    interface Comparer<T> {
        String difference(T expected, T actual);
    }

    /** Null if equal; else where the first difference is. */
    static String bytes(byte[] expected, byte[] actual) {
        if (expected.length != actual.length) {
            return "length native " + expected.length + " vs wasm " + actual.length;
        }
        int i = Arrays.mismatch(expected, actual);
        return i < 0 ? null : "byte " + i + " of " + expected.length + ": native " + (expected[i] & 0xFF) + " vs wasm "
                + (actual[i] & 0xFF) + " (" + count(expected, actual) + " bytes differ)";
    }

    private static int count(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }

    static String shorts(short[] expected, short[] actual) {
        if (expected.length != actual.length) {
            return "length native " + expected.length + " vs wasm " + actual.length;
        }
        int i = Arrays.mismatch(expected, actual);
        return i < 0 ? null : "sample " + i + ": native " + (expected[i] & 0xFFFF) + " vs wasm " + (actual[i] & 0xFFFF);
    }

    /** Floats compared bit for bit. */
    static String floats(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            return "length native " + expected.length + " vs wasm " + actual.length;
        }
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                return "sample " + i + ": native " + expected[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(expected[i]))
                        + ") vs wasm " + actual[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + ")";
            }
        }
        return null;
    }

    /** Compares "header" values first, then the payload. */
    static String fields(String names, int[] expected, int[] actual) {
        if (!Arrays.equals(expected, actual)) {
            return names + " native " + Arrays.toString(expected) + " vs wasm " + Arrays.toString(actual);
        }
        return null;
    }
}
