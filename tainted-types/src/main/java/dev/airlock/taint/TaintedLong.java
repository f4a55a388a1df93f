package dev.airlock.taint;

import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * A 64-bit integer (a C {@code long long}, {@code int64_t}, {@code size_t} on LP64 …) that came from a sandbox.
 *
 * <p>There is no getter. The value leaves only through a check: {@link #verify(LongPredicate, String)},
 * {@link #verify(LongFunction)}, {@link #verifyRange}, or the explicitly named escape
 * {@link #unverifiedSafeBecause(String)}. Arithmetic and comparisons keep the result tainted. The
 * value is a copy, so it cannot change between a check and its use.
 *
 * <p>Equality is identity: {@code equals} does not compare the hidden value (that would be a
 * getter in disguise); compare with {@link #isEqualTo}.
 */
public final class TaintedLong {
    private final long value;

    private TaintedLong(long value) {
        this.value = value;
    }

    /**
     * Taints a value. Anything may be tainted; only the way out is checked.
     *
     * @param value the value from the sandbox
     * @return the tainted value
     */
    public static TaintedLong of(long value) {
        return new TaintedLong(value);
    }

    /**
     * Taints the value of a tainted box (as read through a {@code TaintedPointer<Long>}), so that
     * the operations of this class apply to it.
     *
     * @param boxed a tainted {@code Long}, whose value must not be null
     * @return the same value as a {@code TaintedLong}
     */
    public static TaintedLong unbox(Tainted<Long> boxed) {
        return new TaintedLong(Objects.requireNonNull(boxed.value(), "tainted Long is null"));
    }

    /**
     * Returns the value if {@code check} accepts it.
     *
     * @param check the condition the value must meet
     * @param what the name of the check, reported when it fails (e.g. {@code "width <= 16384"})
     * @return the checked value
     * @throws VerificationException naming {@code what} and the value if the check fails
     */
    public long verify(LongPredicate check, String what) {
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
    public <R> R verify(LongFunction<? extends R> verifier) {
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
    public long verifyRange(long min, long max, String what) {
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
    public long unverifiedSafeBecause(String reason) {
        Checks.requireReason(reason);
        return value;
    }

    /**
     * Adds, wrapping on overflow like Java.
     *
     * @param other the addend
     * @return {@code this + other}, tainted
     */
    public TaintedLong plus(long other) {
        return new TaintedLong(value + other);
    }

    /**
     * Adds, wrapping on overflow like Java.
     *
     * @param other the addend
     * @return {@code this + other}, tainted
     */
    public TaintedLong plus(TaintedLong other) {
        return new TaintedLong(value + other.value);
    }

    /**
     * Subtracts, wrapping on overflow like Java.
     *
     * @param other the subtrahend
     * @return {@code this - other}, tainted
     */
    public TaintedLong minus(long other) {
        return new TaintedLong(value - other);
    }

    /**
     * Subtracts, wrapping on overflow like Java.
     *
     * @param other the subtrahend
     * @return {@code this - other}, tainted
     */
    public TaintedLong minus(TaintedLong other) {
        return new TaintedLong(value - other.value);
    }

    /**
     * Multiplies, wrapping on overflow like Java.
     *
     * @param other the factor
     * @return {@code this * other}, tainted
     */
    public TaintedLong times(long other) {
        return new TaintedLong(value * other);
    }

    /**
     * Multiplies, wrapping on overflow like Java.
     *
     * @param other the factor
     * @return {@code this * other}, tainted
     */
    public TaintedLong times(TaintedLong other) {
        return new TaintedLong(value * other.value);
    }

    /**
     * Adds, refusing overflow: a size computed from sandbox values (such as
     * {@code width * height * 4}) must not wrap to a small number.
     *
     * @param other the addend
     * @return {@code this + other}, tainted
     * @throws VerificationException if the result does not fit in a {@code long}
     */
    public TaintedLong plusExact(long other) {
        try {
            return new TaintedLong(Math.addExact(value, other));
        } catch (ArithmeticException e) {
            throw new VerificationException("check failed: sum fits in long (value: " + value + " + " + other + ")", e);
        }
    }

    /**
     * Multiplies, refusing overflow: a size computed from sandbox values (such as
     * {@code width * height * 4}) must not wrap to a small number.
     *
     * @param other the factor
     * @return {@code this * other}, tainted
     * @throws VerificationException if the result does not fit in a {@code long}
     */
    public TaintedLong timesExact(long other) {
        try {
            return new TaintedLong(Math.multiplyExact(value, other));
        } catch (ArithmeticException e) {
            throw new VerificationException("check failed: product fits in long (value: " + value + " * " + other + ")", e);
        }
    }

    /**
     * Divides, truncating toward zero.
     *
     * @param divisor the divisor
     * @return {@code this / divisor}, tainted
     * @throws ArithmeticException if {@code divisor} is zero
     */
    public TaintedLong dividedBy(long divisor) {
        return new TaintedLong(value / divisor);
    }

    /**
     * The remainder of truncating division.
     *
     * @param divisor the divisor
     * @return {@code this % divisor}, tainted
     * @throws ArithmeticException if {@code divisor} is zero
     */
    public TaintedLong remainder(long divisor) {
        return new TaintedLong(value % divisor);
    }

    /**
     * Bitwise and.
     *
     * @param mask the mask
     * @return {@code this & mask}, tainted
     */
    public TaintedLong and(long mask) {
        return new TaintedLong(value & mask);
    }

    /**
     * Bitwise or.
     *
     * @param bits the bits to set
     * @return {@code this | bits}, tainted
     */
    public TaintedLong or(long bits) {
        return new TaintedLong(value | bits);
    }

    /**
     * Bitwise exclusive or.
     *
     * @param bits the bits to flip
     * @return {@code this ^ bits}, tainted
     */
    public TaintedLong xor(long bits) {
        return new TaintedLong(value ^ bits);
    }

    /**
     * Shifts left.
     *
     * @param distance the shift distance (taken mod 64)
     * @return {@code this << distance}, tainted
     */
    public TaintedLong shiftLeft(int distance) {
        return new TaintedLong(value << distance);
    }

    /**
     * Shifts right, copying the sign bit.
     *
     * @param distance the shift distance (taken mod 64)
     * @return {@code this >> distance}, tainted
     */
    public TaintedLong shiftRight(int distance) {
        return new TaintedLong(value >> distance);
    }

    /**
     * Shifts right, filling with zeros.
     *
     * @param distance the shift distance (taken mod 64)
     * @return {@code this >>> distance}, tainted
     */
    public TaintedLong unsignedShiftRight(int distance) {
        return new TaintedLong(value >>> distance);
    }

    /**
     * Negates, wrapping ({@code -MIN_VALUE == MIN_VALUE}).
     *
     * @return {@code -this}, tainted
     */
    public TaintedLong negate() {
        return new TaintedLong(-value);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this == other}, tainted
     */
    public TaintedBoolean isEqualTo(long other) {
        return TaintedBoolean.of(value == other);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this == other}, tainted
     */
    public TaintedBoolean isEqualTo(TaintedLong other) {
        return TaintedBoolean.of(value == other.value);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this < other}, tainted
     */
    public TaintedBoolean isLessThan(long other) {
        return TaintedBoolean.of(value < other);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this < other}, tainted
     */
    public TaintedBoolean isLessThan(TaintedLong other) {
        return TaintedBoolean.of(value < other.value);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this > other}, tainted
     */
    public TaintedBoolean isGreaterThan(long other) {
        return TaintedBoolean.of(value > other);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this > other}, tainted
     */
    public TaintedBoolean isGreaterThan(TaintedLong other) {
        return TaintedBoolean.of(value > other.value);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this <= other}, tainted
     */
    public TaintedBoolean isLessThanOrEqualTo(long other) {
        return TaintedBoolean.of(value <= other);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this <= other}, tainted
     */
    public TaintedBoolean isLessThanOrEqualTo(TaintedLong other) {
        return TaintedBoolean.of(value <= other.value);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this >= other}, tainted
     */
    public TaintedBoolean isGreaterThanOrEqualTo(long other) {
        return TaintedBoolean.of(value >= other);
    }

    /**
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this >= other}, tainted
     */
    public TaintedBoolean isGreaterThanOrEqualTo(TaintedLong other) {
        return TaintedBoolean.of(value >= other.value);
    }

    /**
     * Compares as unsigned values (C's {@code unsigned} comparison).
     *
     * @param other the value to compare with
     * @return whether {@code this < other} unsigned, tainted
     */
    public TaintedBoolean isUnsignedLessThan(long other) {
        return TaintedBoolean.of(Long.compareUnsigned(value, other) < 0);
    }

    /**
     * Narrows to the low 32 bits, like a C cast; the result stays tainted.
     *
     * @return the converted value, still tainted
     */
    public TaintedInt toInt() {
        return TaintedInt.of((int) value);
    }

    /**
     * Narrows to an int, refusing values that do not fit (signed).
     *
     * @return the converted value, still tainted
     * @throws VerificationException if the value is not in the range of {@code int}
     */
    public TaintedInt toIntExact() {
        if ((int) value != value) {
            throw VerificationException.failed("value fits in int", value);
        }
        return TaintedInt.of((int) value);
    }

    /**
     * Narrows to a C {@code uint32_t} (the result holds its bits), refusing values outside [0, 2^32).
     *
     * @return the converted value, still tainted
     * @throws VerificationException if the value is not in [0, 4294967295]
     */
    public TaintedInt toUnsignedIntExact() {
        if ((value >>> 32) != 0) {
            throw VerificationException.failed("value fits in uint32", value);
        }
        return TaintedInt.of((int) value);
    }

    /**
     * Converts to double, rounding to nearest.
     *
     * @return the converted value, still tainted
     */
    public TaintedDouble toDouble() {
        return TaintedDouble.of(value);
    }

    /**
     * Converts to float, rounding to nearest.
     *
     * @return the converted value, still tainted
     */
    public TaintedFloat toFloat() {
        return TaintedFloat.of(value);
    }

    /**
     * A description that does not reveal the value, so that logging a tainted value cannot
     * leak it into host decisions either.
     *
     * @return {@code "TaintedLong[unverified]"}
     */
    @Override
    public String toString() {
        return "TaintedLong[unverified]";
    }
}
