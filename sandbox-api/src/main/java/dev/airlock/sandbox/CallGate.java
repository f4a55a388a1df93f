package dev.airlock.sandbox;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The state machine of one sandbox (see {@link SandboxState}) and its one-thread-at-a-time rule.
 * Every call into the sandbox — bound functions, malloc/free, the host side of callbacks
 * re-entering it — passes through {@link #enter} and then {@link #exit} or {@link #failed}.
 *
 * <p>Representation. {@code IN_CALL} is not stored: it is "{@link #owner} is set". Entering is
 * one compare-and-set of {@code owner} from null to the current thread (a second thread fails it
 * and is refused at once); leaving is a release store of null. A thread that already owns the
 * gate — a host callback calling back into its sandbox — only counts its nesting. The settled
 * states ({@code OPEN}, {@code POISONED}, {@code CLOSED}) are in {@link #settled} and change only
 * while the changing thread owns the gate, so a caller that owns it reads a state that cannot
 * change under it.
 *
 * <p>Cost of a call on the fast path: the CAS, two volatile reads (plain loads on x86) and a
 * release store; this is what keeps an empty Wasm call within tens of nanoseconds.
 */
final class CallGate {
    private static final VarHandle OWNER;
    private static final System.Logger LOG = System.getLogger("dev.airlock.sandbox");

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(CallGate.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Arms and disarms a per-call deadline around the outermost call (the Wasm backend's). */
    interface Deadline {
        /** Starts the clock of a call that enters from the host. */
        void arm();

        /** Stops it after the call left, whatever the outcome. */
        void disarm();
    }

    /** The sandbox's name, for messages and events. */
    private final String name;
    /** The per-call deadline, or null for none. */
    private final Deadline deadline;
    /** The thread inside the sandbox, or null. */
    private volatile Thread owner;
    /** How many times {@link #owner} re-entered from callbacks; read and written by the owner only. */
    private int nesting;
    /** {@code OPEN}, {@code POISONED} or {@code CLOSED}; changed only by the owner. */
    private volatile SandboxState settled = SandboxState.OPEN;
    /** What poisoned the sandbox; written before {@link #settled} becomes {@code POISONED}. */
    private SandboxTrapException poison;
    /**
     * A failure of a native callback, which could not be thrown through the C frames: reported
     * when the call into the library returns (see {@link NativeCallbackProxy}).
     */
    private volatile Throwable pendingCallbackFailure;

    CallGate(String name, Deadline deadline) {
        this.name = name;
        this.deadline = deadline;
    }

    /** The sandbox's name. */
    String name() {
        return name;
    }

    /** The current state; {@code IN_CALL} while any thread is inside. */
    SandboxState state() {
        SandboxState s = settled;
        if (s == SandboxState.OPEN && owner != null) {
            return SandboxState.IN_CALL;
        }
        return s;
    }

    /** What poisoned the sandbox, or null. */
    SandboxTrapException poison() {
        return settled == SandboxState.POISONED ? poison : null;
    }

    /**
     * Enters for a call of {@code function} (OPEN → IN_CALL, or a nested entry from a callback).
     *
     * @throws SandboxBusyException if another thread is inside
     * @throws SandboxPoisonedException if an earlier call failed
     * @throws SandboxClosedException if the sandbox is closed
     */
    void enter(String function) {
        Thread self = Thread.currentThread();
        if (!OWNER.compareAndSet(this, null, self)) {
            enterAgain(self, function);
            return;
        }
        if (settled != SandboxState.OPEN) {
            OWNER.setRelease(this, null);
            throw refused("call " + function);
        }
        if (deadline != null) {
            deadline.arm();
        }
    }

    /** A thread that found the gate owned: the owner re-entering from a callback, or a second thread. */
    private void enterAgain(Thread self, String function) {
        Thread inside = owner;
        if (inside != self) {
            throw new SandboxBusyException(name, "call " + function, inside);
        }
        if (settled != SandboxState.OPEN) {
            throw refused("call " + function);
        }
        nesting++;
    }

    /**
     * Leaves after a call of {@code function} returned. If a nested call poisoned the sandbox
     * meanwhile (and a callback swallowed its exception), the result of this call came from a
     * sandbox in an undefined state: it is refused.
     */
    void exit(SandboxCallEvent event, String function) {
        boolean refused = settled != SandboxState.OPEN;
        SandboxEvents.endCall(event, name, function, refused);
        leave();
        if (refused) {
            throw refused("return from " + function);
        }
    }

    /**
     * Leaves after a call into a native library returned: like {@link #exit}, but first reports a
     * failure of a callback that JNA could not throw through the C frames (see
     * {@link NativeCallbackProxy}). Kept apart from {@link #exit} so that the Wasm path, where
     * callbacks fail by unwinding, does not pay for the check.
     */
    void exitNative(SandboxCallEvent event, String function) {
        Throwable pending = pendingCallbackFailure;
        if (pending != null) {
            pendingCallbackFailure = null;
            throw failed(pending, event, function);
        }
        exit(event, function);
    }

    /**
     * Leaves after a call of {@code function} threw {@code thrown}, poisons the sandbox, and returns
     * the exception for the caller to throw. Everything that leaves a call abruptly poisons it:
     * the library was stopped in the middle of its work.
     */
    SandboxException failed(Throwable thrown, SandboxCallEvent event, String function) {
        SandboxEvents.endCall(event, name, function, true);
        SandboxTrapException e;
        if (thrown instanceof Trap) {
            e = SandboxTrapException.of(name, function, (Trap) thrown);
        } else {
            e = new SandboxTrapException(name, function, TrapKind.HOST_ERROR, String.valueOf(thrown), thrown);
        }
        poison(e);
        leave();
        return e;
    }

    /**
     * Records that a native callback failed while the library was running (the first failure
     * wins); the call into the library then fails and poisons the sandbox when it returns.
     */
    void callbackFailed(Throwable failure) {
        if (pendingCallbackFailure == null) {
            pendingCallbackFailure = failure;
        }
    }

    /** Moves to POISONED unless already poisoned or closed; called by the owner. */
    private void poison(SandboxTrapException e) {
        if (settled == SandboxState.OPEN) {
            poison = e;
            settled = SandboxState.POISONED;
            SandboxEvents.trap(e);
            LOG.log(System.Logger.Level.INFO, "sandbox {0} poisoned: {1}", name, e.getMessage());
        }
    }

    private void leave() {
        if (nesting > 0) {
            nesting--;
            return;
        }
        if (deadline != null) {
            deadline.disarm();
        }
        OWNER.setRelease(this, null);
    }

    /**
     * Enters for host-side bookkeeping that runs no library code but must not overlap a call of
     * another thread (changing the callback table, the allocation records). Allowed while OPEN
     * and, if {@code allowPoisoned}, while POISONED (so that cleanup after a trap works); nests
     * like calls do. Leave with {@link #exitHost()}.
     *
     * @throws SandboxBusyException if another thread is inside
     * @throws SandboxStateException if the sandbox is closed (or poisoned and not allowed)
     */
    void enterHost(String operation, boolean allowPoisoned) {
        Thread self = Thread.currentThread();
        if (!OWNER.compareAndSet(this, null, self)) {
            Thread inside = owner;
            if (inside != self) {
                throw new SandboxBusyException(name, operation, inside);
            }
            nesting++;
        }
        SandboxState s = settled;
        if (s == SandboxState.CLOSED || (s == SandboxState.POISONED && !allowPoisoned)) {
            exitHost();
            throw refused(operation);
        }
    }

    /** Leaves after {@link #enterHost}. */
    void exitHost() {
        if (nesting > 0) {
            nesting--;
        } else {
            OWNER.setRelease(this, null);
        }
    }

    /**
     * Checks that an operation other than a call (binding, registering a callback, memory access
     * through the sandbox) may proceed: the sandbox is neither poisoned nor closed.
     */
    void checkUsable(String operation) {
        if (settled != SandboxState.OPEN) {
            throw refused(operation);
        }
    }

    /** Whether the sandbox is closed. */
    boolean isClosed() {
        return settled == SandboxState.CLOSED;
    }

    /**
     * Closes: OPEN or POISONED → CLOSED, running {@code release} while no thread can enter.
     * Idempotent: returns false, doing nothing, if already closed.
     *
     * @throws SandboxBusyException if another thread is inside
     * @throws SandboxStateException if called from inside the sandbox (a callback)
     */
    boolean close(Runnable release) {
        Thread self = Thread.currentThread();
        if (!OWNER.compareAndSet(this, null, self)) {
            Thread inside = owner;
            if (inside == self) {
                throw new SandboxStateException(SandboxState.IN_CALL, name
                        + ": cannot close the sandbox from inside a call into it (a callback); close it after the call returns");
            }
            throw new SandboxBusyException(name, "close the sandbox", inside);
        }
        try {
            if (settled == SandboxState.CLOSED) {
                return false;
            }
            settled = SandboxState.CLOSED;
            release.run();
            LOG.log(System.Logger.Level.DEBUG, "sandbox {0} closed", name);
            return true;
        } finally {
            OWNER.setRelease(this, null);
        }
    }

    /** The exception for an operation refused in a settled state other than OPEN. */
    private SandboxStateException refused(String operation) {
        SandboxState s = settled;
        if (s == SandboxState.POISONED) {
            return new SandboxPoisonedException(name, operation, poison);
        }
        if (s == SandboxState.CLOSED) {
            return new SandboxClosedException(name, operation);
        }
        return new SandboxStateException(s, name + ": cannot " + operation + " in state " + s);
    }
}
