package dev.airlock.wasm.wasi;

import java.io.IOException;

/**
 * An entry of the descriptor table (preview1 type {@code $fd}, a handle): what a file descriptor
 * number stands for, with the {@code fdstat} state preview1 attaches to it — its rights and its
 * {@code fdflags}.
 */
abstract class Descriptor {
    /** {@code fs_rights_base}: what may be done with this descriptor. */
    long rightsBase;
    /** {@code fs_rights_inheriting}: the most descriptors opened through this one may get. */
    long rightsInheriting;
    /** {@code fs_flags}: the {@code fdflags} ({@link WasiTypes#FDFLAGS_APPEND}, ...). */
    int flags;

    Descriptor(long rightsBase, long rightsInheriting, int flags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.flags = flags;
    }

    /** The {@code filetype} of {@code fdstat}. */
    abstract int fileType();

    /**
     * Requires every right of {@code rights}.
     *
     * @throws ErrnoException {@code notcapable} if one is missing
     */
    final void require(long rights) {
        require(rights, Errno.NOTCAPABLE);
    }

    /** Requires every right of {@code rights}, failing with {@code errno}. */
    final void require(long rights, int errno) {
        if (!Rights.has(rightsBase, rights)) {
            throw new ErrnoException(errno);
        }
    }

    /** Releases what the descriptor holds on the host. */
    void close() throws IOException {
    }
}
