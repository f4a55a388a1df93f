package dev.airlock.taint;

import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A 32-bit integer (a C {@code int}, {@code unsigned int}, {@code int32_t} …) that came from a sandbox.
 *
 * <p>There is no getter. The value leaves only through a check: {@link #verify(IntPredicate, String)},
 * {@link #verify(IntFunction)}, {@link #verifyRange}, or the explicitly named escape
 * {@link #unverifiedSafeBecause(String)}. Arithmetic and comparisons keep the result tainted. The
 * value is a copy, so it cannot change between a check and its use.
 *
 * <p>Equality is identity: {@code equals} does not compare the hidden value (that would be a
 * getter in disguise); compare with {@link #isEqualTo}.
 */
public final class TaintedInt {
    private final int value;

    private TaintedInt(int value) {
        this.value = value;
    }

    /**
     * Taints a value. Anything may be tainted; only the way out is checked.
     *
     * @param value the value from the sandbox
     * @return the tainted value
     */
    public static TaintedInt of(int value) {
        return new TaintedInt(value);
    }

    /**
     * Taints the value of a tainted box (as read through a {@code TaintedPointer<Integer>}), so that
     * the operations of this class apply to it.
     *
     * @param boxed a tainted {@code Integer}, whose value must not be null
     * @return the same value as a {@code TaintedInt}
     */
    public static TaintedInt unbox(Tainted<Integer> boxed) {
        return new TaintedInt(Objects.requireNonNull(boxed.value(), "tainted Integer is null"));
    }

    /**
     * Returns the value if {@code check} accepts it.
     *
     * @param check the condition the value must meet
     * @param what the name of the check, reported when it fails (e.g. {@code "width <= 16384"})
     * @return the checked value
     * @throws VerificationException naming {@code what} and the value if the check fails
     */
    public int verify(IntPredicate check, String what) {
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
    public int verifyRange(int min, int max, String what) {
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
    public int unverifiedSafeBecause(String reason) {
        Checks.requireReason(reason);
        return value;
    }

    /**
     * Adds, wrapping on overflow like Java.
     *
     * @param other the addend
     * @return {@code this + other}, tainted
     */
    public TaintedInt plus(int other) {
        return new TaintedInt(value + other);
    }

    /**
     * Adds, wrapping on overflow like Java.
     *
     * @param other the addend
     * @return {@code this + other}, tainted
     */
    public TaintedInt plus(TaintedInt other) {
        return new TaintedInt(value + other.value);
    }

    /**
     * Subtracts, wrapping on overflow like Java.
     *
     * @param other the subtrahend
     * @return {@code this - other}, tainted
     */
    public TaintedInt minus(int other) {
        return new TaintedInt(value - other);
    }

    /**
     * Subtracts, wrapping on overflow like Java.
     *
     * @param other the subtrahend
     * @return {@code this - other}, tainted
     */
    public TaintedInt minus(TaintedInt other) {
        return new TaintedInt(value - other.value);
    }

    /**
     * Multiplies, wrapping on overflow like Java.
     *
     * @param other the factor
     * @return {@code this * other}, tainted
     */
    public TaintedInt times(int other) {
        return new TaintedInt(value * other);
    }

    /**
     * Multiplies, wrapping on overflow like Java.
     *
     * @param other the factor
     * @return {@code this * other}, tainted
     */
    public TaintedInt times(TaintedInt other) {
        return new TaintedInt(value * other.value);
    }

    /**
     * Adds, refusing overflow: a size computed from sandbox values (such as
     * {@code width * height * 4}) must not wrap to a small number.
     *
     * @param other the addend
     * @return {@code this + other}, tainted
     * @throws VerificationException if the result does not fit in an {@code int}
     */
    public TaintedInt plusExact(int other) {
        try {
            return new TaintedInt(Math.addExact(value, other));
        } catch (ArithmeticException e) {
            throw new VerificationException("check failed: sum fits in int (value: " + value + " + " + other + ")", e);
        }
    }

    /**
     * Multiplies, refusing overflow: a size computed from sandbox values (such as
     * {@code width * height * 4}) must not wrap to a small number.
     *
     * @param other the factor
     * @return {@code this * other}, tainted
     * @throws VerificationException if the result does not fit in an {@code int}
     */
    public TaintedInt timesExact(int other) {
        try {
            return new TaintedInt(Math.multiplyExact(value, other));
        } catch (ArithmeticException e) {
            throw new VerificationException("check failed: product fits in int (value: " + value + " * " + other + ")", e);
        }
    }

    /**
     * Divides, truncating toward zero.
     *
     * @param divisor the divisor
     * @return {@code this / divisor}, tainted
     * @throws ArithmeticException if {@code divisor} is zero
     */
    public TaintedInt dividedBy(int divisor) {
        return new TaintedInt(value / divisor);
    }

    /**
     * The remainder of truncating division.
     *
     * @param divisor the divisor
     * @return {@code this % divisor}, tainted
     * @throws ArithmeticException if {@code divisor} is zero
     */
    public TaintedInt remainder(int divisor) {
        return new TaintedInt(value % divisor);
    }

    /**
     * Bitwise and.
     *
     * @param mask the mask
     * @return {@code this & mask}, tainted
     */
    public TaintedInt and(int mask) {
        return new TaintedInt(value & mask);
    }

    /**
     * Bitwise or.
     *
     * @param bits the bits to set
     * @return {@code this | bits}, tainted
     */
    public TaintedInt or(int bits) {
        return new TaintedInt(value | bits);
    }

    /**
     * Bitwise exclusive or.
     *
     * @param bits the bits to flip
     * @return {@code this ^ bits}, tainted
     */
    public TaintedInt xor(int bits) {
        return new TaintedInt(value ^ bits);
    }

    /**
     * Shifts left.
     *
     * @param distance the shift distance (taken mod 32)
     * @return {@code this << distance}, tainted
     */
    public TaintedInt shiftLeft(int distance) {
        return new TaintedInt(value << distance);
    }

    /**
     * Shifts right, copying the sign bit.
     *
     * @param distance the shift distance (taken mod 32)
     * @return {@code this >> distance}, tainted
     */
    public TaintedInt shiftRight(int distance) {
        return new TaintedInt(value >> distance);
    }

    /**
     * Shifts right, filling with zeros.
     *
     * @param distance the shift distance (taken mod 32)
     * @return {@code this >>> distance}, tainted
     */
    public TaintedInt unsignedShiftRight(int distance) {
        return new TaintedInt(value >>> distance);
    }

    /**
     * Negates, wrapping ({@code -MIN_VALUE == MIN_VALUE}).
     *
     * @return {@code -this}, tainted
     */
    public TaintedInt negate() {
        return new TaintedInt(-value);
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
     * @return whether {@code this == other}, tainted
     */
    public TaintedBoolean isEqualTo(TaintedInt other) {
        return TaintedBoolean.of(value == other.value);
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
     * @return whether {@code this < other}, tainted
     */
    public TaintedBoolean isLessThan(TaintedInt other) {
        return TaintedBoolean.of(value < other.value);
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
     * @return whether {@code this > other}, tainted
     */
    public TaintedBoolean isGreaterThan(TaintedInt other) {
        return TaintedBoolean.of(value > other.value);
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
     * @return whether {@code this <= other}, tainted
     */
    public TaintedBoolean isLessThanOrEqualTo(TaintedInt other) {
        return TaintedBoolean.of(value <= other.value);
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
     * Compares (signed); the answer is as tainted as the value.
     *
     * @param other the value to compare with
     * @return whether {@code this >= other}, tainted
     */
    public TaintedBoolean isGreaterThanOrEqualTo(TaintedInt other) {
        return TaintedBoolean.of(value >= other.value);
    }

    /**
     * Compares as unsigned values (C's {@code unsigned} comparison).
     *
     * @param other the value to compare with
     * @return whether {@code this < other} unsigned, tainted
     */
    public TaintedBoolean isUnsignedLessThan(int other) {
        return TaintedBoolean.of(Integer.compareUnsigned(value, other) < 0);
    }

    /**
     * Widens, sign-extending (C: {@code (int64_t) i}).
     *
     * @return the converted value, still tainted
     */
    public TaintedLong toLong() {
        return TaintedLong.of(value);
    }

    /**
     * Widens, zero-extending: the value read as C {@code unsigned} (C: {@code (uint64_t) u}).
     *
     * @return the converted value, still tainted
     */
    public TaintedLong toUnsignedLong() {
        return TaintedLong.of(Integer.toUnsignedLong(value));
    }

    /**
     * Converts to double (exact).
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
     * Narrows to the low 16 bits, like a C cast; the result stays tainted.
     *
     * @return the converted value, still tainted
     */
    public TaintedShort toShort() {
        return TaintedShort.of((short) value);
    }

    /**
     * Narrows to a short, refusing values that do not fit.
     *
     * @return the converted value, still tainted
     * @throws VerificationException if the value is not in the range of {@code short}
     */
    public TaintedShort toShortExact() {
        if ((short) value != value) {
            throw VerificationException.failed("value fits in short", value);
        }
        return TaintedShort.of((short) value);
    }

    /**
     * Narrows to the low 8 bits, like a C cast; the result stays tainted.
     *
     * @return the converted value, still tainted
     */
    public TaintedByte toByte() {
        return TaintedByte.of((byte) value);
    }

    /**
     * Narrows to a byte, refusing values that do not fit.
     *
     * @return the converted value, still tainted
     * @throws VerificationException if the value is not in the range of {@code byte}
     */
    public TaintedByte toByteExact() {
        if ((byte) value != value) {
            throw VerificationException.failed("value fits in byte", value);
        }
        return TaintedByte.of((byte) value);
    }

    /**
     * Narrows to the low 16 bits as an unsigned value, like a C cast to {@code uint16_t}.
     *
     * @return the converted value, still tainted
     */
    public TaintedChar toChar() {
        return TaintedChar.of((char) value);
    }

    /**
     * Narrows to an unsigned 16-bit value, refusing values that do not fit.
     *
     * @return the converted value, still tainted
     * @throws VerificationException if the value is not in [0, 65535]
     */
    public TaintedChar toCharExact() {
        if ((char) value != value) {
            throw VerificationException.failed("value fits in char", value);
        }
        return TaintedChar.of((char) value);
    }

    /**
     * A description that does not reveal the value, so that logging a tainted value cannot
     * leak it into host decisions either.
     *
     * @return {@code "TaintedInt[unverified]"}
     */
    @Override
    public String toString() {
        return "TaintedInt[unverified]";
    }
}
