package dev.airlock.libs.image;

import dev.airlock.libs.LibraryException;
import dev.airlock.libs.SandboxException;
import dev.airlock.sandbox.Sandbox;
import dev.airlock.sandbox.SandboxPool;
import dev.airlock.sandbox.SandboxState;
import dev.airlock.sandbox.SandboxTrapException;
import dev.airlock.taint.TaintException;
import dev.airlock.taint.VerificationException;
import java.util.function.Function;

/**
 * Runs work on a sandbox borrowed from a {@link SandboxPool}, and turns what can go wrong in
 * the sandbox into the libs module's exceptions: a trap (or a deadline) into a
 * {@link SandboxException} (the sandbox is poisoned; the pool drops it and makes a fresh one for
 * the next call), a value that failed verification likewise, a library failure stays a
 * {@link dev.airlock.libs.DecodeException}.
 */
final class SandboxCalls {
    /**
     * A sandbox whose memory grew past this is closed after use instead of kept idle: a Wasm
     * memory never shrinks, and an idle sandbox would hold the memory of its largest decode.
     */
    static final long RETIRE_ABOVE_BYTES = 64L << 20;

    private SandboxCalls() {
    }

    /** Runs {@code work} on a borrowed sandbox, gives the sandbox back, translates failures. */
    static <R> R run(SandboxPool pool, String library, Function<Sandbox, R> work) {
        Sandbox sandbox;
        try {
            sandbox = pool.borrow();
        } catch (dev.airlock.sandbox.SandboxException e) {
            throw new SandboxException(library + ": cannot create a sandbox: " + e.getMessage(), e);
        }
        try {
            return work.apply(sandbox);
        } catch (RuntimeException e) {
            throw translate(library, e);
        } finally {
            if (sandbox.state() == SandboxState.OPEN && sandbox.memorySize() > RETIRE_ABOVE_BYTES) {
                sandbox.close();
            }
            pool.giveBack(sandbox);
        }
    }

    /** The libs exception for a failure in a sandbox of {@code library}; other exceptions unchanged. */
    static RuntimeException translate(String library, RuntimeException e) {
        if (e instanceof LibraryException) {
            return e;
        }
        if (e instanceof SandboxTrapException) {
            return new SandboxException(library + " trapped (" + ((SandboxTrapException) e).kind() + "): " + e.getMessage(),
                    e);
        }
        if (e instanceof dev.airlock.sandbox.SandboxException) {
            return new SandboxException(library + ": " + e.getMessage(), e);
        }
        if (e instanceof VerificationException) {
            return new SandboxException(library + " returned a value that failed verification: " + e.getMessage(), e);
        }
        if (e instanceof TaintException) {
            // An address outside the sandbox's memory, or a pointer into another sandbox.
            return new SandboxException(library + " returned a bad pointer: " + e.getMessage(), e);
        }
        return e;
    }
}
