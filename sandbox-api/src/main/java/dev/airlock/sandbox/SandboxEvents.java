package dev.airlock.sandbox;

import dev.airlock.wasm.WasmModule;

/**
 * Emits the JFR events of this package, keeping the call path cheap.
 *
 * <p>A call event is allocated only when it is enabled. While JFR is not running the event class
 * is not instrumented and {@link jdk.jfr.Event#isEnabled()} is a constant {@code false}, so after
 * inlining {@link #beginCall()} costs nothing: the JIT removes the allocation (escape analysis)
 * along with the test. While a recording runs without the event, the test reads one flag.
 */
final class SandboxEvents {
    private SandboxEvents() {
    }

    /** A started call event, or null when the event is disabled (the common case). */
    static SandboxCallEvent beginCall() {
        SandboxCallEvent event = new SandboxCallEvent();
        if (!event.isEnabled()) {
            return null;
        }
        event.begin();
        return event;
    }

    /** Ends and commits {@code event} (from {@link #beginCall()}; null does nothing). */
    static void endCall(SandboxCallEvent event, String sandbox, String function, boolean failed) {
        if (event != null) {
            event.end();
            if (event.shouldCommit()) {
                event.sandbox = sandbox;
                event.function = function;
                event.failed = failed;
                event.commit();
            }
        }
    }

    /** Records that {@code function} of {@code sandbox} failed and poisoned it. */
    static void trap(SandboxTrapException e) {
        SandboxTrapEvent event = new SandboxTrapEvent();
        if (event.shouldCommit()) {
            event.sandbox = e.sandboxName();
            event.function = e.function();
            event.kind = e.kind().name();
            event.message = e.getMessage();
            event.commit();
        }
    }

    /** Starts a compile event (committed by {@link #compiled}). */
    static SandboxCompileEvent beginCompile() {
        SandboxCompileEvent event = new SandboxCompileEvent();
        event.begin();
        return event;
    }

    /** Commits {@code event} for {@code module}, compiled from {@code size} bytes. */
    static void compiled(SandboxCompileEvent event, String library, long size, WasmModule module) {
        event.end();
        if (event.shouldCommit()) {
            event.library = library;
            event.moduleBytes = size;
            event.classes = module.statistics().classes();
            event.splitFunctions = module.statistics().splitFunctions();
            event.commit();
        }
    }
}
