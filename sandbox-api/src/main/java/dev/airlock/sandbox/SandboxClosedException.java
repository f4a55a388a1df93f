package dev.airlock.sandbox;

/** An operation on a sandbox (or on a binding, callback or pointer of it) after it was closed. */
public final class SandboxClosedException extends SandboxStateException {
    private static final long serialVersionUID = 1L;

    SandboxClosedException(String sandbox, String operation) {
        super(SandboxState.CLOSED, sandbox + ": cannot " + operation + ": the sandbox is closed");
    }
}
