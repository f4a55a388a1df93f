package dev.airlock.taint;

/**
 * The answer to a question about sandbox memory read in place ({@link TaintedVolatile}), RLBox's
 * {@code tainted_boolean_hint}. It is only a hint: the memory may have changed the moment after it
 * was read, so the answer says nothing reliable about the next read. That is why, unlike
 * {@link TaintedBoolean}, it has no {@code verify}: there is nothing to verify it against. To decide
 * something, copy the value once ({@link TaintedVolatile#copy()}) and verify the copy.
 *
 * <p>The only way out is {@link #unverifiedSafeBecause(String)}, for uses where a stale answer is
 * harmless (a progress heuristic, a fast path that is re-checked on a copy).
 */
public final class TaintedBooleanHint {
    private static final TaintedBooleanHint TRUE = new TaintedBooleanHint(true);
    private static final TaintedBooleanHint FALSE = new TaintedBooleanHint(false);

    private final boolean value;

    private TaintedBooleanHint(boolean value) {
        this.value = value;
    }

    /**
     * Wraps the answer to a question about volatile memory.
     *
     * @param value the answer at the moment of the read
     * @return the hint
     */
    public static TaintedBooleanHint of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /**
     * Returns the answer as it was at the moment of the read.
     *
     * @param reason why acting on a possibly stale answer is safe; must not be blank
     * @return the raw answer
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public boolean unverifiedSafeBecause(String reason) {
        Checks.requireReason(reason);
        return value;
    }

    /**
     * Logical and of two hints.
     *
     * @param other the other hint
     * @return a hint for {@code this && other}
     */
    public TaintedBooleanHint and(TaintedBooleanHint other) {
        return of(value && other.value);
    }

    /**
     * Logical or of two hints.
     *
     * @param other the other hint
     * @return a hint for {@code this || other}
     */
    public TaintedBooleanHint or(TaintedBooleanHint other) {
        return of(value || other.value);
    }

    /**
     * Logical negation.
     *
     * @return a hint for {@code !this}
     */
    public TaintedBooleanHint not() {
        return of(!value);
    }

    /**
     * A description that does not reveal the answer.
     *
     * @return {@code "TaintedBooleanHint[unverified]"}
     */
    @Override
    public String toString() {
        return "TaintedBooleanHint[unverified]";
    }
}
