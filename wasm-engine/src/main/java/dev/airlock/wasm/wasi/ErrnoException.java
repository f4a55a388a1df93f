package dev.airlock.wasm.wasi;

/**
 * Ends a WASI function early with an {@code errno} ({@link Errno}), which the function returns to
 * the module. Never leaves this package: the guard around every function (see
 * {@link Preview1Functions}) turns it into the return value. Has no stack trace (it is control
 * flow, not a diagnostic).
 */
final class ErrnoException extends RuntimeException {
    /** Serialisation version. */
    private static final long serialVersionUID = 1L;

    /** The errno to return. */
    final int errno;

    ErrnoException(int errno) {
        super("errno " + errno, null, false, false);
        this.errno = errno;
    }
}
