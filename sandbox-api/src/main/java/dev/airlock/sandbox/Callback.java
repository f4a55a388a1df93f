package dev.airlock.sandbox;

/**
 * A host function registered with a sandbox so that its library can call it (RLBox's
 * {@code register_callback}): made by {@link Sandbox#registerCallback}, passed to bound
 * functions as a function-pointer argument, and unregistered when the library may no longer call
 * it ({@link #unregister()}, or {@link #close()} in a try-with-resources).
 *
 * <pre>{@code
 * public interface Compare { int compare(TaintedPointer<Integer> a, TaintedPointer<Integer> b); }
 * try (Callback<Compare> cmp = sandbox.registerCallback(Compare.class, (a, b) -> ...)) {
 *     lib.qsort(array, count, 4, cmp);
 * }
 * }</pre>
 *
 * <p>The implementation receives tainted arguments and runs on the thread that called into the
 * library; it may call the sandbox's bound functions again (re-entry on the same thread is
 * allowed). If it throws, the library is unwound and the sandbox poisoned: the call into the
 * library fails with a {@link SandboxTrapException} whose cause chain holds the exception.
 *
 * <p>After {@code unregister} the callback is refused everywhere: passing it to a bound function
 * throws {@link CallbackException}; a library that kept its pointer and calls it traps inside
 * the sandbox on the Wasm backend (its table slot is empty; the slot is reused by later
 * registrations, as in C a freed pointer may be reused) and is refused with a
 * {@link CallbackException} on the native backend.
 *
 * @param <I> the functional interface
 */
public final class Callback<I> implements AutoCloseable {
    /** The host side. */
    final CallbackSlot slot;

    Callback(CallbackSlot slot) {
        this.slot = slot;
    }

    /** The functional interface this callback implements. */
    @SuppressWarnings("unchecked")
    public Class<I> type() {
        return (Class<I>) slot.type;
    }

    /** Whether the callback is registered (not yet unregistered, its sandbox not closed). */
    public boolean isRegistered() {
        return slot.isRegistered();
    }

    /**
     * The function pointer the library sees, for storing it in sandbox memory (e.g. a field of a
     * struct of callbacks): a table index on the Wasm backend, a code address natively. A host
     * value, not tainted.
     *
     * @throws CallbackException if the callback is no longer registered
     */
    public long address() {
        slot.registry.check(this);
        return slot.pointer;
    }

    /**
     * Unregisters the callback: the library can no longer call it, and the sandbox can register
     * another in its place. Does nothing if already unregistered or if the sandbox is closed.
     *
     * @throws SandboxBusyException if another thread is inside the sandbox
     */
    public void unregister() {
        slot.registry.unregister(this);
    }

    /** Same as {@link #unregister()}. */
    @Override
    public void close() {
        unregister();
    }

    @Override
    public String toString() {
        return "callback " + slot.type.getSimpleName() + " of sandbox " + slot.registry.sandboxName()
                + (isRegistered() ? "" : " (unregistered)");
    }
}
