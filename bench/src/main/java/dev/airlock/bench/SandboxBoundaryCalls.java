package dev.airlock.bench;

import dev.airlock.sandbox.Callback;
import dev.airlock.sandbox.Sandbox;
import dev.airlock.sandbox.SandboxLibrary;
import dev.airlock.taint.TaintedPointer;
import java.time.Duration;

/**
 * The boundary library through the public sandbox API, as an application uses it:
 * {@code Sandbox.bind} for the functions, {@code registerCallback} for the host function,
 * {@code malloc} once for the buffer and {@code copyIn}/{@code copyOut} per call; results
 * leave their tainted wrappers through the named escape (they only go to JMH's blackhole or to
 * the library again). The same code runs on the Wasm backend and on the native one (JNA).
 */
final class SandboxBoundaryCalls implements BoundaryCalls {
    private final Sandbox sandbox;
    private final BoundaryLibrary.Functions functions;
    private final Callback<BoundaryLibrary.IntCallback> twice;
    private final TaintedPointer<Byte> buffer;

    /**
     * A sandbox of {@code library}, with {@code deadline} per call (null for none: the sandbox's
     * default).
     */
    SandboxBoundaryCalls(SandboxLibrary library, Duration deadline) {
        sandbox = Sandbox.builder(library).name("boundary").callDeadline(deadline).build();
        functions = sandbox.bind(BoundaryLibrary.Functions.class);
        twice = sandbox.registerCallback(BoundaryLibrary.IntCallback.class,
                x -> 2 * x.unverifiedSafeBecause("only doubled and handed back to the library"));
        buffer = sandbox.malloc(BUFFER_BYTES);
    }

    /** The Wasm build on Airlock's engine. */
    static SandboxBoundaryCalls wasm(Duration deadline) {
        return new SandboxBoundaryCalls(SandboxLibrary.wasm("boundary", BoundaryLibrary.wasm()), deadline);
    }

    /** The native build on sandbox-api's native backend (JNA underneath, no isolation). */
    static SandboxBoundaryCalls nativeBackend() {
        return new SandboxBoundaryCalls(SandboxLibrary.nativeLibrary(BoundaryLibrary.nativeFile()), null);
    }

    @Override
    public int identity(int x) {
        return functions.boundary_identity(x).unverifiedSafeBecause("only compared, or consumed by the blackhole");
    }

    @Override
    public byte[] roundTrip(byte[] input) {
        sandbox.copyIn(buffer, input, 0, BUFFER_BYTES);
        functions.boundary_xor(buffer, BUFFER_BYTES);
        return sandbox.copyOut(buffer, BUFFER_BYTES).unverifiedSafeBecause("only compared, or consumed by the blackhole");
    }

    @Override
    public int callback(int x) {
        return functions.boundary_call(twice, x).unverifiedSafeBecause("only compared, or consumed by the blackhole");
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
