package dev.airlock.sandbox;

/**
 * A call was refused because an earlier call trapped: the sandbox's memory may be in any state,
 * so nothing more runs in it. The cause is the {@link SandboxTrapException} that poisoned it.
 * Close the sandbox and create a fresh one (a {@link SandboxPool} does this by itself).
 */
public final class SandboxPoisonedException extends SandboxStateException {
    private static final long serialVersionUID = 1L;

    SandboxPoisonedException(String sandbox, String operation, SandboxTrapException poison) {
        super(SandboxState.POISONED, sandbox + ": cannot " + operation + ": the sandbox is poisoned since "
                + poison.function() + " failed (" + poison.kind().specText + "); create a fresh sandbox", poison);
    }

    /** The failure that poisoned the sandbox. */
    public SandboxTrapException poison() {
        return (SandboxTrapException) getCause();
    }
}
