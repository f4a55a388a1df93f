package dev.airlock.taint;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * An object copied out of a sandbox — a struct read as a record, a boxed number read through a
 * pointer, an array — that the host has not checked yet. The copy belongs to the host, so it cannot
 * change under a check; but its contents were chosen by the sandbox, so there is no getter.
 *
 * <p>Ways out: {@link #verify(Predicate, String)}, {@link #verify(Function)}, and
 * {@link #unverifiedSafeBecause(String)}. {@link #map(Function)} and the {@code mapTo…} methods
 * project a part of the value (a record component) while keeping it tainted, so that each field
 * can be checked where it is used.
 *
 * <p>The held object must not be shared with the sandbox side: the factories that create
 * {@code Tainted} values from memory always hand over a fresh copy. Equality is identity.
 *
 * @param <T> the type of the copied value
 */
public final class Tainted<T> {
    private final T value;

    private Tainted(T value) {
        this.value = value;
    }

    /**
     * Taints a value. The caller gives up the object: it must be a copy nobody else mutates.
     *
     * @param value the copied value (may be null)
     * @param <T> its type
     * @return the tainted value
     */
    public static <T> Tainted<T> of(T value) {
        return new Tainted<>(value);
    }

    /** For the unboxing factories of the primitive tainted types, in this package only. */
    T value() {
        return value;
    }

    /**
     * Returns the value if {@code check} accepts it.
     *
     * @param check the condition the value must meet
     * @param what the name of the check, reported when it fails
     * @return the checked value
     * @throws VerificationException naming {@code what} (and the value, if it is a number, boolean
     *     or character) if the check fails
     */
    public T verify(Predicate<? super T> check, String what) {
        Checks.requireWhat(what);
        if (!check.test(value)) {
            if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
                throw VerificationException.failed(what, value);
            }
            // A struct's or array's toString could be huge or itself sensitive: name only the check.
            throw new VerificationException("check failed: " + what);
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
    public <R> R verify(Function<? super T, ? extends R> verifier) {
        return verifier.apply(value);
    }

    /**
     * Returns the value without a check.
     *
     * @param reason why using the unchecked value is safe; must not be blank
     * @return the raw value
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public T unverifiedSafeBecause(String reason) {
        Checks.requireReason(reason);
        return value;
    }

    /**
     * Projects a part of the value, which stays tainted.
     *
     * @param projection for example a record accessor, {@code Header::format}
     * @param <U> the type of the part
     * @return the part, tainted
     */
    public <U> Tainted<U> map(Function<? super T, ? extends U> projection) {
        return new Tainted<>(projection.apply(value));
    }

    /**
     * Projects an {@code int} part of the value, which stays tainted.
     *
     * @param projection for example a record accessor, {@code Header::width}
     * @return the part, tainted
     */
    public TaintedInt mapToInt(ToIntFunction<? super T> projection) {
        return TaintedInt.of(projection.applyAsInt(value));
    }

    /**
     * Projects a {@code long} part of the value, which stays tainted.
     *
     * @param projection for example a record accessor
     * @return the part, tainted
     */
    public TaintedLong mapToLong(ToLongFunction<? super T> projection) {
        return TaintedLong.of(projection.applyAsLong(value));
    }

    /**
     * Projects a {@code double} part of the value, which stays tainted.
     *
     * @param projection for example a record accessor
     * @return the part, tainted
     */
    public TaintedDouble mapToDouble(ToDoubleFunction<? super T> projection) {
        return TaintedDouble.of(projection.applyAsDouble(value));
    }

    /**
     * A description that does not reveal the value.
     *
     * @return {@code "Tainted[unverified]"}
     */
    @Override
    public String toString() {
        return "Tainted[unverified]";
    }
}
