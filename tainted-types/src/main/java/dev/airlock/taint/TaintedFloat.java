package dev.airlock.taint;

import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;

/**
 * A 32-bit float (a C {@code float}) that came from a sandbox.
 *
 * <p>There is no getter. The value leaves only through a check: {@link #verify(DoublePredicate, String)},
 * {@link #verify(DoubleFunction)}, {@link #verifyRange}, or the explicitly named escape
 * {@link #unverifiedSafeBecause(String)}. Arithmetic and comparisons keep the result tainted. The
 * value is a copy, so it cannot change between a check and its use.
 *
 * <p>Checks see the value widened to {@code double} (sign-extended), and return it as {@code float}.
 *
 * <p>Equality is identity: {@code equals} does not compare the hidden value (that would be a
 * getter in disguise); compare with {@link #isEqualTo}.
 */
public final class TaintedFloat {
    private final float value;

    private TaintedFloat(float value) {
        this.value = value;
    }

    /**
     * Taints a value. Anything may be tainted; only the way out is checked.
     *
     * @param value the value from the sandbox
     * @return the tainted value
     */
    public static TaintedFloat of(float value) {
        return new TaintedFloat(value);
    }

    /**
     * Taints the value of a tainted box (as read through a {@code TaintedPointer<Float>}), so that
     * the operations of this class apply to it.
     *
     * @param boxed a tainted {@code Float}, whose value must not be null
     * @return the same value as a {@code TaintedFloat}
     */
    public static TaintedFloat unbox(Tainted<Float> boxed) {
        return new TaintedFloat(Objects.requireNonNull(boxed.value(), "tainted Float is null"));
    }

    /**
     * Returns the value if {@code check} accepts it.
     *
     * @param check the condition the value must meet
     * @param what the name of the check, reported when it fails (e.g. {@code "width <= 16384"})
     * @return the checked value
     * @throws VerificationException naming {@code what} and the value if the check fails
     */
    public float verify(DoublePredicate check, String what) {
        Checks.requireWhat(what);
        if (!check.test(value)) {
            throw VerificationException.failed(what, value);
        }
        return value;
    }

    /**
     * Hands the value to a verifier that returns a safe value derived from it or throws.
     *
     * @param verifier turns the raw value into a safe one, or throws (preferably a {@link VerificationException})
     * @param <R> the type of the safe value
     * @return what the verifier returned
     */
    public <R> R verify(DoubleFunction<? extends R> verifier) {
        return verifier.apply(value);
    }

    /**
     * Returns the value if {@code min <= value <= max}; NaN is never in range.
     *
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param what the name of the value, reported when it is out of range
     * @return the checked value
     * @throws VerificationException naming {@code what}, the range and the value
     */
    public float verifyRange(double min, double max, String what) {
        Checks.requireWhat(what);
        if (!(min <= max)) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (!(value >= min && value <= max)) {
            throw VerificationException.failed(what + " in [" + min + ", " + max + "]", value);
        }
        return value;
    }

    /**
     * Returns the value if it is finite (neither NaN nor infinite).
     *
     * @param what the name of the value, reported when it is not finite
     * @return the checked value
     * @throws VerificationException naming {@code what} and the value
     */
    public float verifyFinite(String what) {
        Checks.requireWhat(what);
        if (!Float.isFinite(value)) {
            throw VerificationException.failed(what + " is finite", value);
        }
        return value;
    }

    /**
     * Returns the value without a check. The reason is the record of why that is safe (for
     * example, the value is only logged); it must not be blank.
     *
     * @param reason why using the unchecked value is safe
     * @return the raw value
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public float unverifiedSafeBecause(String reason) {
        Checks.requireReason(reason);
        return value;
    }

    /**
     * Adds.
     *
     * @param other the addend
     * @return {@code this + other}, tainted
     */
    public TaintedFloat plus(float other) {
        return new TaintedFloat(value + other);
    }

    /**
     * Adds.
     *
     * @param other the addend
     * @return {@code this + other}, tainted
     */
    public TaintedFloat plus(TaintedFloat other) {
        return new TaintedFloat(value + other.value);
    }

    /**
     * Subtracts.
     *
     * @param other the subtrahend
     * @return {@code this - other}, tainted
     */
    public TaintedFloat minus(float other) {
        return new TaintedFloat(value - other);
    }

    /**
     * Subtracts.
     *
     * @param other the subtrahend
     * @return {@code this - other}, tainted
     */
    public TaintedFloat minus(TaintedFloat other) {
        return new TaintedFloat(value - other.value);
    }

    /**
     * Multiplies.
     *
     * @param other the factor
     * @return {@code this * other}, tainted
     */
    public TaintedFloat times(float other) {
        return new TaintedFloat(value * other);
    }

    /**
     * Multiplies.
     *
     * @param other the factor
     * @return {@code this * other}, tainted
     */
    public TaintedFloat times(TaintedFloat other) {
        return new TaintedFloat(value * other.value);
    }

    /**
     * Divides (IEEE 754).
     *
     * @param other the divisor
     * @return {@code this / other}, tainted
     */
    public TaintedFloat dividedBy(float other) {
        return new TaintedFloat(value / other);
    }

    /**
     * Negates.
     *
     * @return {@code -this}, tainted
     */
    public TaintedFloat negate() {
        return new TaintedFloat(-value);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this == other}, tainted
     */
    public TaintedBoolean isEqualTo(double other) {
        return TaintedBoolean.of(value == other);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this == other}, tainted
     */
    public TaintedBoolean isEqualTo(TaintedFloat other) {
        return TaintedBoolean.of(value == other.value);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this < other}, tainted
     */
    public TaintedBoolean isLessThan(double other) {
        return TaintedBoolean.of(value < other);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this < other}, tainted
     */
    public TaintedBoolean isLessThan(TaintedFloat other) {
        return TaintedBoolean.of(value < other.value);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this > other}, tainted
     */
    public TaintedBoolean isGreaterThan(double other) {
        return TaintedBoolean.of(value > other);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this > other}, tainted
     */
    public TaintedBoolean isGreaterThan(TaintedFloat other) {
        return TaintedBoolean.of(value > other.value);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this <= other}, tainted
     */
    public TaintedBoolean isLessThanOrEqualTo(double other) {
        return TaintedBoolean.of(value <= other);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this <= other}, tainted
     */
    public TaintedBoolean isLessThanOrEqualTo(TaintedFloat other) {
        return TaintedBoolean.of(value <= other.value);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this >= other}, tainted
     */
    public TaintedBoolean isGreaterThanOrEqualTo(double other) {
        return TaintedBoolean.of(value >= other);
    }

    /**
     * Compares; the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this >= other}, tainted
     */
    public TaintedBoolean isGreaterThanOrEqualTo(TaintedFloat other) {
        return TaintedBoolean.of(value >= other.value);
    }

    /**
     * Whether the value is NaN.
     *
     * @return the answer, tainted
     */
    public TaintedBoolean isNaN() {
        return TaintedBoolean.of(Float.isNaN(value));
    }

    /**
     * Widens to double (exact).
     *
     * @return the converted value, still tainted
     */
    public TaintedDouble toDouble() {
        return TaintedDouble.of(value);
    }

    /**
     * Converts to int the Java way (NaN becomes 0, out-of-range values saturate); still tainted.
     *
     * @return the converted value, still tainted
     */
    public TaintedInt toInt() {
        return TaintedInt.of((int) value);
    }

    /**
     * Converts to int, refusing NaN, fractions and values out of range.
     *
     * @return the converted value, still tainted
     * @throws VerificationException if the value is not an int exactly
     */
    public TaintedInt toIntExact() {
        if ((double) (int) value != value) {
            throw VerificationException.failed("value is an exact int", value);
        }
        return TaintedInt.of((int) value);
    }

    /**
     * A description that does not reveal the value, so that logging a tainted value cannot
     * leak it into host decisions either.
     *
     * @return {@code "TaintedFloat[unverified]"}
     */
    @Override
    public String toString() {
        return "TaintedFloat[unverified]";
    }
}
