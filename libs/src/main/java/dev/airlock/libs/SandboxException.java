package dev.airlock.libs;

import dev.airlock.wasm.Trap;

/**
 * The sandboxed library misbehaved: its code trapped (out-of-bounds access, unreachable, call
 * stack exhausted, ...), or it returned a value the host refused (a pointer outside its memory, a
 * size inconsistent with what was asked, a result beyond the host's limits). After a trap the
 * binding discards the instance; the next call gets a fresh one.
 */
public class SandboxException extends LibraryException {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The trap that ended the call, or null if the host refused a returned value. */
    public Trap trap() {
        return getCause() instanceof Trap ? (Trap) getCause() : null;
    }
}
