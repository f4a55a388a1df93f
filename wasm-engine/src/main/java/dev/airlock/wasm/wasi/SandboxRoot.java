package dev.airlock.wasm.wasi;

import java.nio.file.Path;
import java.util.List;

/**
 * The directory of the host behind one preopened directory (preview1 {@code preopentype::dir},
 * reported by {@code fd_prestat_get}): the boundary no path may cross. Every
 * filesystem descriptor remembers its root and its location below it as a list of plain names
 * (never {@code .}, {@code ..} or empty), and every host path this package uses is built from a
 * root and such names by {@link PathResolver}.
 */
final class SandboxRoot {
    /** The directory's real path on the host (no symbolic links in it). */
    final Path host;
    /** Whether nothing below it may be modified. */
    final boolean readOnly;

    SandboxRoot(Path host, boolean readOnly) {
        this.host = host;
        this.readOnly = readOnly;
    }

    /** The host path of {@code components} below the root (which the caller has resolved). */
    Path hostPath(List<String> components) {
        Path p = host;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    /**
     * Refuses a modification below a read-only root with {@code rofs}. The rights of a read-only
     * preopen already exclude every modifying operation; this is the second check.
     */
    void requireWritable() {
        if (readOnly) {
            throw new ErrnoException(Errno.ROFS);
        }
    }
}
