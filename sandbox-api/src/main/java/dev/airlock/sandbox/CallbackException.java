package dev.airlock.sandbox;

/**
 * A callback could not be registered (the sandbox's limit is reached, the interface is not a
 * supported functional interface) or was used after it was unregistered or its sandbox closed.
 */
public final class CallbackException extends SandboxException {
    private static final long serialVersionUID = 1L;

    CallbackException(String message) {
        super(message);
    }
}
