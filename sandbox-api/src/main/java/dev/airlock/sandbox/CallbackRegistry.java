package dev.airlock.sandbox;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The callbacks of one sandbox: registration (bounded by the sandbox's limit), unregistration,
 * and the checks behind a {@link Callback} argument. Changes go through the sandbox's
 * {@link CallGate} like calls do — the backend's function table must not change under a running
 * call of another thread — and are allowed from inside a callback (re-entry).
 */
final class CallbackRegistry {
    private static final System.Logger LOG = System.getLogger("dev.airlock.sandbox");

    private final Backend backend;
    private final int limit;
    /** The registered callbacks; guarded by the gate. */
    private final List<CallbackSlot> live = new ArrayList<>();

    CallbackRegistry(Backend backend, int limit) {
        this.backend = backend;
        this.limit = limit;
    }

    String sandboxName() {
        return backend.gate.name();
    }

    /** Registers {@code implementation} of functional interface {@code type}. */
    <I> Callback<I> register(Class<I> type, I implementation) {
        java.util.Objects.requireNonNull(implementation, "implementation");
        Method method = functionalMethod(type);
        MethodShape shape = MethodShape.ofCallback(method, backend.pointerSize());
        CallGate gate = backend.gate;
        gate.enterHost("register a callback", false);
        try {
            if (live.size() >= limit) {
                throw new CallbackException(sandboxName() + ": cannot register " + type.getSimpleName() + ": the sandbox has "
                        + live.size() + " callbacks registered, its limit (Sandbox.Builder.maxCallbacks); unregister one first");
            }
            CallbackSlot slot = new CallbackSlot(this, type, shape, backend.memory(), implementation);
            slot.pointer = backend.install(slot);
            live.add(slot);
            LOG.log(System.Logger.Level.DEBUG, "sandbox {0}: callback {1} registered at {2}", sandboxName(),
                    type.getSimpleName(), slot.pointer);
            return new Callback<>(slot);
        } finally {
            gate.exitHost();
        }
    }

    /** Unregisters; does nothing if already unregistered or the sandbox closed. */
    void unregister(Callback<?> callback) {
        CallbackSlot slot = callback.slot;
        if (slot.registry != this || !slot.isRegistered() || backend.gate.isClosed()) {
            return;
        }
        CallGate gate = backend.gate;
        gate.enterHost("unregister a callback", true);
        try {
            if (live.remove(slot)) {
                // Empty the library's pointer first: a stale call then never reaches the host.
                backend.uninstall(slot);
                slot.clear();
            }
        } finally {
            gate.exitHost();
        }
    }

    /**
     * Checks that {@code callback} may be passed to this sandbox's library: registered here and
     * still registered.
     *
     * @throws CallbackException otherwise
     */
    void check(Callback<?> callback) {
        CallbackSlot slot = callback.slot;
        if (slot.registry != this) {
            throw new CallbackException(callback + " belongs to another sandbox than " + sandboxName()
                    + "; register it with this sandbox");
        }
        if (!slot.isRegistered()) {
            throw new CallbackException(sandboxName() + ": the callback " + slot.type.getSimpleName()
                    + " was unregistered (or its sandbox closed); register it again");
        }
    }

    /** How many callbacks are registered. */
    int size() {
        return live.size();
    }

    /** Drops every callback (the sandbox is closing; the caller owns the gate). */
    void clear() {
        for (CallbackSlot slot : live) {
            slot.clear();
        }
        live.clear();
    }

    /** The single abstract method of {@code type}, which must be a public interface. */
    private static Method functionalMethod(Class<?> type) {
        try {
            BindingGenerator.checkInterface(type);
        } catch (BindingException e) {
            throw new CallbackException(e.getMessage());
        }
        List<Method> methods = MethodShape.boundMethods(type);
        if (methods.size() != 1) {
            throw new CallbackException(type.getName() + " has " + methods.size()
                    + " abstract methods; a callback interface must have exactly one");
        }
        return methods.get(0);
    }
}
