package dev.airlock.bench;

/**
 * The three crossings {@link BoundaryBenchmark} measures, on one way of calling the boundary
 * library ({@link SandboxBoundaryCalls}: sandbox-api on either backend; {@link JnaBoundaryCalls}:
 * plain JNA). Each fork of the benchmark loads one implementation, so the call sites stay
 * monomorphic and the JIT inlines through them.
 */
interface BoundaryCalls extends AutoCloseable {
    /** The length of the buffer {@link #roundTrip} copies in and out. */
    int BUFFER_BYTES = 1024;

    /** One call of {@code boundary_identity(x)}; its result. */
    int identity(int x);

    /**
     * {@code input} ({@value #BUFFER_BYTES} bytes) copied into the library's memory, XORed there by
     * {@code boundary_xor}, copied out: a new array.
     */
    byte[] roundTrip(byte[] input);

    /** {@code boundary_call(f, x)}, where the library calls the host's {@code f(x) = 2x} once: 2x + 1. */
    int callback(int x);

    @Override
    void close();
}
