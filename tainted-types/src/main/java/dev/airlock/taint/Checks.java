package dev.airlock.taint;

import java.util.Objects;

/** Argument checks shared by the tainted types: the names of checks and the reasons for escapes. */
final class Checks {
    private Checks() {}

    /**
     * A reason must say something: an empty or blank reason would make the escape hatch
     * indistinguishable from a plain getter in code review, which is what it exists to prevent.
     */
    static String requireReason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an unverified escape needs a reason: say why the unchecked value is safe");
        }
        return reason;
    }

    /** The name of a check ends up in the exception message, so it has to be readable. */
    static String requireWhat(String what) {
        Objects.requireNonNull(what, "what");
        if (what.isBlank()) {
            throw new IllegalArgumentException("name the check: it is what the VerificationException reports");
        }
        return what;
    }

    /** A non-negative maximum count, in the unit the caller names. */
    static long requireMax(long max, String unit) {
        if (max < 0) {
            throw new IllegalArgumentException("maximum " + unit + " must be >= 0: " + max);
        }
        return max;
    }

    /** Checks a count copied from the sandbox against the host's maximum. */
    static long verifyCount(long count, long max, String unit) {
        if (count < 0 || count > max) {
            throw new VerificationException("check failed: " + unit + " count within [0, " + max + "] (value: " + count + ")");
        }
        return count;
    }
}
