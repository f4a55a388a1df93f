package dev.airlock.sandbox;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;

/**
 * A call into a sandbox failed inside it: the library trapped (an out-of-bounds access, an
 * {@code unreachable}, a division by zero ...), ran past its deadline, exhausted its call depth,
 * or a host callback it called threw. The sandbox that threw it is poisoned from then on: every
 * later call fails with a {@link SandboxPoisonedException} whose cause is this exception. The
 * host is unaffected and may create a fresh sandbox.
 */
public class SandboxTrapException extends SandboxException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    private final TrapKind kind;
    /** The sandbox's name. */
    private final String sandbox;
    /** The library function that was called. */
    private final String function;

    SandboxTrapException(String sandbox, String function, TrapKind kind, String detail, Throwable cause) {
        super(sandbox + ": " + function + " failed: " + detail, cause);
        this.kind = kind;
        this.sandbox = sandbox;
        this.function = function;
    }

    /** The exception for {@code trap}, raised by a call of {@code function}. */
    static SandboxTrapException of(String sandbox, String function, Trap trap) {
        return new SandboxTrapException(sandbox, function, trap.kind(), trap.getMessage(), trap);
    }

    /**
     * Why the call failed: the engine's trap kind. {@link TrapKind#INTERRUPTED} for a deadline or
     * an explicit {@link Sandbox#interrupt()}, {@link TrapKind#CALL_STACK_EXHAUSTED} for the call
     * depth limit, {@link TrapKind#HOST_ERROR} when a host callback threw (the callback's exception
     * is in the cause chain) or, on the native backend, when the native call itself threw.
     */
    public TrapKind kind() {
        return kind;
    }

    /** The name of the sandbox that failed. */
    public String sandboxName() {
        return sandbox;
    }

    /** The library function whose call failed (the outermost one if callbacks re-entered the sandbox). */
    public String function() {
        return function;
    }
}
