package dev.airlock.wasm.wasi;

import java.util.List;

/**
 * A directory: a preopened directory (descriptors 3 and up at the start) or one opened by
 * {@code path_open}. Holds no host handle; operations on it re-resolve its location.
 */
final class OpenDirectory extends FilesystemDescriptor {
    /** The name {@code fd_prestat_dir_name} reports, or null if this is not a preopened directory. */
    final String preopenName;
    /**
     * The entries {@code fd_readdir} hands out, read when it is called with cookie 0 (or first
     * called with another) and kept so that the cookies of one pass stay valid; null before.
     */
    List<DirectoryListing.Entry> listing;

    OpenDirectory(SandboxRoot root, List<String> components, String preopenName,
            long rightsBase, long rightsInheriting) {
        super(root, components, rightsBase, rightsInheriting, 0);
        this.preopenName = preopenName;
    }

    @Override
    int fileType() {
        return WasiTypes.FILETYPE_DIRECTORY;
    }
}
