package dev.airlock.wasm.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * A regular file opened by {@code path_open}: a host {@link FileChannel} (which holds the file
 * offset of {@code fd_seek} / {@code fd_tell}). The channel was opened for writing only when the
 * descriptor got a right that modifies the file, and never below a read-only root.
 */
final class OpenFile extends FilesystemDescriptor {
    /** The open file. */
    final FileChannel channel;
    /**
     * The file's stat when it was opened: its device and inode identify it, so that a later
     * {@code fd_filestat_get} can tell whether its location still holds it (and answers from
     * this, with the current size, when it does not).
     */
    final FileStats.Stat statAtOpen;

    OpenFile(SandboxRoot root, List<String> components, FileChannel channel, FileStats.Stat statAtOpen,
            long rightsBase, long rightsInheriting, int flags) {
        super(root, components, rightsBase, rightsInheriting, flags);
        this.channel = channel;
        this.statAtOpen = statAtOpen;
    }

    @Override
    int fileType() {
        return WasiTypes.FILETYPE_REGULAR_FILE;
    }

    @Override
    void close() throws IOException {
        channel.close();
    }
}
