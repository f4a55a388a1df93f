package dev.airlock.wasm.script;

/**
 * A host reference identified by a number: what the testsuite writes as {@code (ref.extern N)}
 * and the {@code airlock} command as {@code ref.extern:N}. Two references with the same number are
 * equal, so the same number always means the same reference.
 *
 * @param number the number naming the reference
 */
public record ExternRef(long number) {
}
