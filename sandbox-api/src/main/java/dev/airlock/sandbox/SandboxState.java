package dev.airlock.sandbox;

/**
 * The states of a {@link Sandbox}.
 *
 * <pre>
 *            call                      trap, deadline, limit
 *   OPEN ───────────▶ IN_CALL ─────────────────────────────▶ POISONED
 *    ▲  ◀─────────────  │  ▲ callback re-enters (same thread)    │
 *    │     returns      └──┘                                     │
 *    │ close()                                                   │ close()
 *    ▼                                                           ▼
 *  CLOSED ◀──────────────────────────────────────────────────────┘
 * </pre>
 *
 * <p>Refused transitions, each with its exception: a call on a {@code POISONED} sandbox
 * ({@link SandboxPoisonedException}, naming the original failure), anything on a {@code CLOSED}
 * one ({@link SandboxClosedException}; {@code close()} itself is idempotent), a second thread
 * entering while one is {@code IN_CALL} ({@link SandboxBusyException}), and {@code close()} while
 * a call is in progress ({@link SandboxBusyException} from another thread,
 * {@link SandboxStateException} from a callback of the sandbox itself).
 */
public enum SandboxState {
    /** Ready for calls. */
    OPEN,
    /** A thread is running code in the sandbox (possibly a host callback of it). */
    IN_CALL,
    /** A call failed inside the sandbox; nothing more may run in it. */
    POISONED,
    /** Closed; its memory and resources are released. */
    CLOSED
}
