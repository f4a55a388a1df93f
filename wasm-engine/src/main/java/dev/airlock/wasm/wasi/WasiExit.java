package dev.airlock.wasm.wasi;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;

/**
 * The program called preview1's {@code proc_exit(rval)}: a {@link Trap} of kind
 * {@link TrapKind#EXIT}, so that it unwinds the module's code and crosses the engine boundary like
 * any trap. {@link Wasi#runCommand} catches it and returns {@link #status()}; code that calls a
 * module's exports itself may catch it too.
 */
public final class WasiExit extends Trap {
    /** Serialisation version. */
    private static final long serialVersionUID = 1L;

    /** The exit status ({@code exitcode}, an unsigned 32-bit value). */
    private final int status;

    public WasiExit(int status) {
        super(TrapKind.EXIT, "status " + Integer.toUnsignedString(status));
        this.status = status;
    }

    /** The exit status the program gave (an unsigned 32-bit value in an {@code int}). */
    public int status() {
        return status;
    }
}
