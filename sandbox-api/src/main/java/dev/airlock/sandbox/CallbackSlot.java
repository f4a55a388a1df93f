package dev.airlock.sandbox;

import dev.airlock.taint.Pointee;
import dev.airlock.taint.SandboxMemory;

/**
 * The host side of one registered callback: what the generated adapter (see
 * {@link CallbackAdapters}) needs when the library calls it — the implementation, and the memory
 * and pointee types its pointer arguments are tainted with — and what the backend installed.
 *
 * <p>The implementation is dropped on unregister and on close, and the adapter refuses calls
 * from then on with a {@link CallbackException}; on the Wasm backend the library's function
 * pointer is also emptied first, so a stale call traps inside the sandbox before it gets here.
 */
final class CallbackSlot {
    /** The registry the callback belongs to. */
    final CallbackRegistry registry;
    /** The functional interface. */
    final Class<?> type;
    /** Its method's shape. */
    final MethodShape shape;
    /** The sandbox's memory, for pointer arguments. */
    final SandboxMemory memory;
    /** The implementation; null once unregistered. */
    private volatile Object target;
    /** The function pointer the library calls (Wasm: table index; native: trampoline address). */
    long pointer;
    /** What the backend installed (Wasm: nothing more than the index; native: the JNA proxy). */
    Object installed;

    CallbackSlot(CallbackRegistry registry, Class<?> type, MethodShape shape, SandboxMemory memory, Object target) {
        this.registry = registry;
        this.type = type;
        this.shape = shape;
        this.memory = memory;
        this.target = target;
    }

    /**
     * The implementation, for the adapter.
     *
     * @throws CallbackException if the callback was unregistered or its sandbox closed
     */
    Object target() {
        Object t = target;
        if (t == null) {
            throw new CallbackException(registry.sandboxName() + ": the library called the callback " + type.getSimpleName()
                    + " after it was unregistered");
        }
        return t;
    }

    /** Whether the callback is still registered. */
    boolean isRegistered() {
        return target != null;
    }

    /** Drops the implementation: later calls are refused. */
    void clear() {
        target = null;
    }

    /** The memory pointer arguments point into, for the adapter. */
    SandboxMemory memory() {
        return memory;
    }

    /** What pointer parameter {@code index} points to, for the adapter. */
    Pointee<?> pointee(int index) {
        return shape.paramPointees()[index];
    }
}
