package dev.airlock.sandbox;

import dev.airlock.taint.SandboxMemory;
import java.util.List;

/**
 * What a {@link Sandbox} needs from the thing that runs the library: its memory, its functions
 * (for the generated bindings), a way in for host callbacks, and its allocator. One subclass per
 * backend: {@link WasmBackend} (isolated) and {@link NativeBackend} (JNA, no isolation).
 *
 * <p>Calls from the {@link Sandbox} pass through {@link #gate} like the calls of bound methods do.
 */
abstract class Backend {
    /** The sandbox's state machine. */
    final CallGate gate;

    Backend(CallGate gate) {
        this.gate = gate;
    }

    /** The sandbox's memory. */
    abstract SandboxMemory memory();

    /** The size in bytes of a pointer in the library's ABI: 4 (wasm32) or 8 (native LP64). */
    abstract int pointerSize();

    /**
     * Resolves the library function that {@code shape}'s method binds to, checking what can be
     * checked (the Wasm backend checks the function's type, the native backend only that the
     * symbol exists), and returns what the generated code calls: a typed
     * {@link java.lang.invoke.MethodHandle} (Wasm) or a {@code com.sun.jna.Function} (native).
     *
     * @throws BindingException if the function does not exist or does not match
     */
    abstract Object resolve(MethodShape shape);

    /** How generated code calls what {@link #resolve} returned. */
    abstract BindingGenerator.CallStyle callStyle();

    /**
     * Makes {@code slot} callable by the library and returns its function pointer (Wasm: a table
     * index; native: a trampoline address).
     *
     * @throws CallbackException if the library cannot take another callback
     */
    abstract long install(CallbackSlot slot);

    /** Makes the function pointer of {@code slot} unusable (Wasm: the table slot is emptied). */
    abstract void uninstall(CallbackSlot slot);

    /** The library's {@code malloc(size)}: the address, or 0 for null. Runs inside the gate. */
    abstract long malloc(long size);

    /** The library's {@code free(address)}. Runs inside the gate. */
    abstract void free(long address);

    /** Asks the call in progress to stop (from any thread); false if the backend cannot. */
    abstract boolean interrupt();

    /** Limits of the configuration this backend cannot enforce, for the log. */
    abstract List<String> unenforcedLimits(SandboxConfig config);

    /** Releases the backend's resources; the gate is closed and owned by the caller. */
    abstract void release();
}
