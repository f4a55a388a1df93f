package dev.airlock.taint;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A value in sandbox memory seen in place, RLBox's {@code tainted_volatile}: C's {@code *p} or
 * {@code p[i]}. The sandbox may rewrite that memory at any moment, so every read through this view
 * is a fresh copy, and a question asked of the memory ({@link #hintEquals}) answers with a
 * {@link TaintedBooleanHint}, which cannot be verified.
 *
 * <p>This is what makes double fetches impossible by construction: the only way to a usable value
 * is {@link #copyAndVerify(Predicate, String)} / {@link #copyAndVerify(Function)} (which return the
 * very copy they checked) or {@link #copy()} followed by a check of that copy. Checking one read
 * and using another would need a second read and the explicit escape
 * {@link Tainted#unverifiedSafeBecause(String)}, which is visible in review.
 *
 * <p>Writing is unrestricted: host data written into the sandbox needs no verification.
 *
 * @param <T> the Java type of the value
 */
public final class TaintedVolatile<T> {
    private final SandboxMemory memory;
    private final long address;
    private final Pointee<T> type;

    TaintedVolatile(SandboxMemory memory, long address, Pointee<T> type) {
        this.memory = memory;
        this.address = address;
        this.type = type;
    }

    /**
     * Copies the value as it is now. Two calls may return different values.
     *
     * @return a fresh copy, tainted
     */
    public Tainted<T> copy() {
        return Tainted.of(type.read(memory, address));
    }

    /**
     * Copies the value once and returns that copy if {@code check} accepts it.
     *
     * @param check the condition the copy must meet
     * @param what the name of the check
     * @return the checked copy
     * @throws VerificationException naming {@code what} if the check fails
     */
    public T copyAndVerify(Predicate<? super T> check, String what) {
        return copy().verify(check, what);
    }

    /**
     * Copies the value once and hands that copy to a verifier.
     *
     * @param verifier turns the copy into a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     */
    public <R> R copyAndVerify(Function<? super T, ? extends R> verifier) {
        return verifier.apply(type.read(memory, address));
    }

    /**
     * Compares the value in memory, as it is now, with {@code expected}.
     *
     * @param expected the value to compare with ({@link Object#equals})
     * @return a hint: true if they were equal at the moment of the read
     */
    public TaintedBooleanHint hintEquals(T expected) {
        return TaintedBooleanHint.of(Objects.equals(type.read(memory, address), expected));
    }

    /**
     * Tests the value in memory, as it is now.
     *
     * @param condition the condition
     * @return a hint: whether the condition held at the moment of the read
     */
    public TaintedBooleanHint hint(Predicate<? super T> condition) {
        return TaintedBooleanHint.of(condition.test(type.read(memory, address)));
    }

    /**
     * Stores a host value in sandbox memory.
     *
     * @param value the value
     */
    public void write(T value) {
        type.write(memory, address, value);
    }

    /**
     * The address of this value, C's {@code &*p}.
     *
     * @return a tainted pointer to it
     */
    public TaintedPointer<T> pointer() {
        return TaintedPointer.of(memory, address, type);
    }

    /**
     * A description naming the type but not the address or value.
     *
     * @return for example {@code "TaintedVolatile<int32_t>"}
     */
    @Override
    public String toString() {
        return "TaintedVolatile<" + type + ">";
    }
}
