package dev.airlock.wasm.wasi;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.runtime.Instance;
import java.util.List;

/**
 * The state one {@link Wasi} shares among its functions: the configuration, the descriptor table,
 * a scratch buffer for moving data between the module's memory and the host, and the instance
 * it serves.
 */
final class WasiContext {
    /** The size of {@link #scratch}: the most bytes moved per host I/O call. */
    static final int SCRATCH_SIZE = 64 * 1024;

    /** What the program is granted. */
    final WasiConfig config;
    /** The descriptor table. */
    final FdTable fds = new FdTable();
    /** Buffer for copying ranges between memory and host streams and channels (one call at a time). */
    final byte[] scratch = new byte[SCRATCH_SIZE];
    /** The instance this serves: the first that called one of the functions (or ran through {@link Wasi}). */
    private Instance instance;

    WasiContext(WasiConfig config) {
        this.config = config;
        fds.add(StreamDescriptor.input(config.stdin()));
        fds.add(StreamDescriptor.output(config.stdout()));
        fds.add(StreamDescriptor.output(config.stderr()));
        for (WasiConfig.Preopen p : config.preopens()) {
            SandboxRoot root = new SandboxRoot(p.hostPath(), p.readOnly());
            fds.add(new OpenDirectory(root, List.of(), p.guestPath(), Rights.DIRECTORY_ALL, Rights.INHERITING_READ_WRITE));
        }
    }

    /**
     * Ties this to {@code caller} on first use; a call from another instance traps (the
     * descriptor table belongs to one program). A call without an instance is allowed (it has no
     * memory, so every pointer faults).
     */
    void bind(Instance caller) {
        if (caller == null) {
            return;
        }
        if (instance == null) {
            instance = caller;
        } else if (instance != caller) {
            throw new Trap(TrapKind.HOST_ERROR, "this Wasi serves another instance; create one Wasi per instance");
        }
    }

    /** The memory of {@code caller}, for this call. */
    static GuestMemory memory(Instance caller) {
        return new GuestMemory(caller == null ? null : caller.memory());
    }

    /** The descriptor {@code fd}; {@code badf} if none. */
    Descriptor descriptor(int fd) {
        return fds.get(fd);
    }

    /**
     * The directory descriptor {@code fd} (for the {@code path_*} functions).
     *
     * @throws ErrnoException {@code badf} if not open, {@code notdir} if not a directory
     */
    OpenDirectory directory(int fd) {
        Descriptor d = fds.get(fd);
        if (!(d instanceof OpenDirectory)) {
            throw new ErrnoException(Errno.NOTDIR);
        }
        return (OpenDirectory) d;
    }
}
