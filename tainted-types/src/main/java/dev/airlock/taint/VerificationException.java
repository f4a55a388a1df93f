package dev.airlock.taint;

/**
 * A verifier rejected a tainted value. The message names the check that failed and, for numbers,
 * the rejected value, so that a log line tells which input from which library was refused.
 */
public class VerificationException extends TaintException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception for a failed check.
     *
     * @param message the failed check (and the rejected value, if it can be shown)
     */
    public VerificationException(String message) {
        super(message);
    }

    /**
     * Creates an exception for a failed check caused by another failure (for example malformed
     * UTF-8 found while a string was decoded).
     *
     * @param message the failed check
     * @param cause the underlying failure
     */
    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message used by the predicate verifiers: {@code "check failed: <what> (value: <value>)"}. */
    static VerificationException failed(String what, Object value) {
        return new VerificationException("check failed: " + what + " (value: " + value + ")");
    }
}
