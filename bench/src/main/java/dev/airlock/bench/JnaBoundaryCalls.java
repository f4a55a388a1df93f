package dev.airlock.bench;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * The boundary library through plain JNA, the baseline of a JNA user today: a {@code Library}
 * interface loaded with {@code Native.load}, a {@code com.sun.jna.Callback}, and a {@link Memory}
 * buffer allocated once, written and read per call (the same work as sandbox-api's
 * {@code copyIn}/{@code copyOut}: a new array comes out).
 */
final class JnaBoundaryCalls implements BoundaryCalls {
    private final BoundaryLibrary.Jna library;
    /** Kept reachable: JNA frees a callback's trampoline when its object is collected. */
    private final BoundaryLibrary.JnaCallback twice = x -> 2 * x;
    private final Memory buffer = new Memory(BUFFER_BYTES);

    JnaBoundaryCalls() {
        library = Native.load(BoundaryLibrary.nativeFile().toString(), BoundaryLibrary.Jna.class);
    }

    @Override
    public int identity(int x) {
        return library.boundary_identity(x);
    }

    @Override
    public byte[] roundTrip(byte[] input) {
        buffer.write(0, input, 0, BUFFER_BYTES);
        library.boundary_xor(buffer, BUFFER_BYTES);
        return buffer.getByteArray(0, BUFFER_BYTES);
    }

    @Override
    public int callback(int x) {
        return library.boundary_call(twice, x);
    }

    @Override
    public void close() {
        buffer.close();
    }
}
