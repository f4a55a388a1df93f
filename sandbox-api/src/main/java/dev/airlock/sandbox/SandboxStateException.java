package dev.airlock.sandbox;

/**
 * A sandbox refused an operation in its current {@linkplain SandboxState state}: see the
 * subclasses {@link SandboxPoisonedException}, {@link SandboxClosedException} and
 * {@link SandboxBusyException}; this class itself is thrown for the remaining refused
 * transitions (for example closing a sandbox from inside one of its own callbacks).
 */
public class SandboxStateException extends SandboxException {
    private static final long serialVersionUID = 1L;

    /** The state the sandbox was in. */
    private final SandboxState state;

    SandboxStateException(SandboxState state, String message) {
        super(message);
        this.state = state;
    }

    SandboxStateException(SandboxState state, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
    }

    /** The state the sandbox was in when it refused. */
    public SandboxState state() {
        return state;
    }
}
