package dev.airlock.taint;

import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A 16-bit integer (a C {@code short}, {@code int16_t}, {@code uint16_t}) that came from a sandbox.
 *
 * <p>There is no getter. The value leaves only through a check: {@link #verify(IntPredicate, String)},
 * {@link #verify(IntFunction)}, {@link #verifyRange}, or the explicitly named escape
 * {@link #unverifiedSafeBecause(String)}. Comparisons keep the result tainted; for arithmetic, widen with {@link #toInt()} (as Java and C do). The
 * value is a copy, so it cannot change between a check and its use.
 *
 * <p>Checks see the value widened to {@code int} (sign-extended), and return it as {@code short}.
 *
 * <p>Equality is identity: {@code equals} does not compare the hidden value (that would be a
 * getter in disguise); compare with {@link #isEqualTo}.
 */
public final class TaintedShort {
    private final short value;

    private TaintedShort(short value) {
        this.value = value;
    }

    /**
     * Taints a value. Anything may be tainted; only the way out is checked.
     *
     * @param value the value from the sandbox
     * @return the tainted value
     */
    public static TaintedShort of(short value) {
        return new TaintedShort(value);
    }

    /**
     * Taints the value of a tainted box (as read through a {@code TaintedPointer<Short>}), so that
     * the operations of this class apply to it.
     *
     * @param boxed a tainted {@code Short}, whose value must not be null
     * @return the same value as a {@code TaintedShort}
     */
    public static TaintedShort unbox(Tainted<Short> boxed) {
        return new TaintedShort(Objects.requireNonNull(boxed.value(), "tainted Short is null"));
    }

    /**
     * Returns the value if {@code check} accepts it.
     *
     * @param check the condition the value must meet
     * @param what the name of the check, reported when it fails (e.g. {@code "width <= 16384"})
     * @return the checked value
     * @throws VerificationException naming {@code what} and the value if the check fails
     */
    public short verify(IntPredicate check, String what) {
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
    public <R> R verify(IntFunction<? extends R> verifier) {
        return verifier.apply(value);
    }

    /**
     * Returns the value if {@code min <= value <= max} (signed).
     *
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param what the name of the value, reported when it is out of range
     * @return the checked value
     * @throws VerificationException naming {@code what}, the range and the value
     */
    public short verifyRange(int min, int max, String what) {
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
     * Returns the value without a check. The reason is the record of why that is safe (for
     * example, the value is only logged); it must not be blank.
     *
     * @param reason why using the unchecked value is safe
     * @return the raw value
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public short unverifiedSafeBecause(String reason) {
        Checks.requireReason(reason);
        return value;
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this == other}, tainted
     */
    public TaintedBoolean isEqualTo(int other) {
        return TaintedBoolean.of(value == other);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this < other}, tainted
     */
    public TaintedBoolean isLessThan(int other) {
        return TaintedBoolean.of(value < other);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this > other}, tainted
     */
    public TaintedBoolean isGreaterThan(int other) {
        return TaintedBoolean.of(value > other);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this <= other}, tainted
     */
    public TaintedBoolean isLessThanOrEqualTo(int other) {
        return TaintedBoolean.of(value <= other);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this >= other}, tainted
     */
    public TaintedBoolean isGreaterThanOrEqualTo(int other) {
        return TaintedBoolean.of(value >= other);
    }

    /**
     * Widens, sign-extending (Java's and C's integer promotion).
     *
     * @return the converted value, still tainted
     */
    public TaintedInt toInt() {
        return TaintedInt.of(value);
    }

    /**
     * Widens, zero-extending: the value read as unsigned (C: {@code uint16_t}).
     *
     * @return the converted value, still tainted
     */
    public TaintedInt toUnsignedInt() {
        return TaintedInt.of(Short.toUnsignedInt(value));
    }

    /**
     * Widens, sign-extending.
     *
     * @return the converted value, still tainted
     */
    public TaintedLong toLong() {
        return TaintedLong.of(value);
    }

    /**
     * A description that does not reveal the value, so that logging a tainted value cannot
     * leak it into host decisions either.
     *
     * @return {@code "TaintedShort[unverified]"}
     */
    @Override
    public String toString() {
        return "TaintedShort[unverified]";
    }
}
