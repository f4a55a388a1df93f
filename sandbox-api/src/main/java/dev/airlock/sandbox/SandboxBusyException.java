package dev.airlock.sandbox;

/**
 * A thread tried to enter a sandbox while another thread was inside it. A sandbox runs one thread
 * at a time (its library's globals and heap are not thread-safe, and neither is a Wasm
 * instance); the second thread is refused at once instead of being made to wait, so that a
 * sharing mistake shows up as this exception and not as a stall. Use one sandbox per thread, or
 * a {@link SandboxPool}.
 */
public final class SandboxBusyException extends SandboxStateException {
    private static final long serialVersionUID = 1L;

    SandboxBusyException(String sandbox, String operation, Thread inside) {
        super(SandboxState.IN_CALL, sandbox + ": cannot " + operation + " on thread \"" + Thread.currentThread().getName()
                + "\": thread \"" + (inside != null ? inside.getName() : "?") + "\" is inside the sandbox;"
                + " a sandbox runs one thread at a time (use one per thread, or a SandboxPool)");
    }
}
