package dev.airlock.libs;

/**
 * A call to a sandboxed (or reference) library failed. Subclasses say why: {@link DecodeException}
 * when the library itself reported a failure (the same for the Wasm and the native build), and
 * {@link SandboxException} when the sandbox trapped or handed back a value that fails the host's
 * checks.
 */
public class LibraryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LibraryException(String message) {
        super(message);
    }

    public LibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
