package dev.airlock.taint;

import java.util.function.Function;

/**
 * A boolean that came from a sandbox, or that was computed from tainted values (a tainted
 * comparison). Like every tainted value it has no getter: it leaves through
 * {@link #verify(boolean, String)}, {@link #verify(Function)} or
 * {@link #unverifiedSafeBecause(String)}. Because it was copied, it cannot change after it was
 * produced; compare {@link TaintedBooleanHint}, the answer about memory that can.
 *
 * <p>Equality is identity.
 */
public final class TaintedBoolean {
    private static final TaintedBoolean TRUE = new TaintedBoolean(true);
    private static final TaintedBoolean FALSE = new TaintedBoolean(false);

    private final boolean value;

    private TaintedBoolean(boolean value) {
        this.value = value;
    }

    /**
     * Taints a value.
     *
     * @param value the value from the sandbox
     * @return the tainted value
     */
    public static TaintedBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /**
     * Returns the value if it is the expected one. Typical use: a library's success flag,
     * {@code ok.verify(true, "decoder reported success")}.
     *
     * @param expected the only acceptable value
     * @param what the name of the check, reported when it fails
     * @return the value (that is, {@code expected})
     * @throws VerificationException naming {@code what} otherwise
     */
    public boolean verify(boolean expected, String what) {
        Checks.requireWhat(what);
        if (value != expected) {
            throw VerificationException.failed(what, value);
        }
        return value;
    }

    /**
     * Hands the value to a verifier that returns a safe value derived from it or throws.
     *
     * @param verifier turns the raw value into a safe one, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     */
    public <R> R verify(Function<Boolean, ? extends R> verifier) {
        return verifier.apply(value);
    }

    /**
     * Returns the value without a check.
     *
     * @param reason why using the unchecked value is safe; must not be blank
     * @return the raw value
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public boolean unverifiedSafeBecause(String reason) {
        Checks.requireReason(reason);
        return value;
    }

    /**
     * Logical and.
     *
     * @param other the other operand
     * @return {@code this && other}, tainted
     */
    public TaintedBoolean and(TaintedBoolean other) {
        return of(value && other.value);
    }

    /**
     * Logical or.
     *
     * @param other the other operand
     * @return {@code this || other}, tainted
     */
    public TaintedBoolean or(TaintedBoolean other) {
        return of(value || other.value);
    }

    /**
     * Logical negation.
     *
     * @return {@code !this}, tainted
     */
    public TaintedBoolean not() {
        return of(!value);
    }

    /**
     * A description that does not reveal the value.
     *
     * @return {@code "TaintedBoolean[unverified]"}
     */
    @Override
    public String toString() {
        return "TaintedBoolean[unverified]";
    }
}
