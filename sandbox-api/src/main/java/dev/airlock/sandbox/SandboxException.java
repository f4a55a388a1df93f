package dev.airlock.sandbox;

/**
 * The root of the exceptions this package throws on purpose. Unchecked, like JNA's errors: a
 * failure inside a sandboxed library is a condition to handle where it matters (usually by
 * dropping the sandbox and the input that caused it), not at every call site.
 *
 * <p>Subclasses say what went wrong: {@link SandboxTrapException} (a call failed inside the
 * sandbox), {@link SandboxStateException} and its subclasses (the sandbox refused a call in its
 * current state), {@link BindingException} (an interface cannot be bound),
 * {@link SandboxAllocationException} (malloc/free) and {@link CallbackException}.
 */
public class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public SandboxException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
