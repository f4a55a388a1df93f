package dev.airlock.taint;

/**
 * The common supertype of the unchecked exceptions thrown when a value or a pointer that came from a
 * sandbox is not fit for use by the host. Catching it catches every way a tainted value can be
 * refused; the subclasses say why.
 */
public class TaintException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what was refused and why
     */
    public TaintException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what was refused and why
     * @param cause the underlying failure
     */
    public TaintException(String message, Throwable cause) {
        super(message, cause);
    }
}
