package dev.airlock.wasm.wasi;

import java.util.List;

/**
 * A descriptor for a file or directory below a preopened directory: the root it belongs to and
 * its location below the root. The location is only a hint for later operations (re-resolved by
 * {@link PathResolver} every time, never used as a host path directly), updated when the program
 * renames it or a directory above it.
 */
abstract class FilesystemDescriptor extends Descriptor {
    /** The preopened directory this lies below. */
    SandboxRoot root;
    /** The names from the root to this file or directory (empty for the root itself). */
    List<String> components;

    FilesystemDescriptor(SandboxRoot root, List<String> components, long rightsBase, long rightsInheriting, int flags) {
        super(rightsBase, rightsInheriting, flags);
        this.root = root;
        this.components = List.copyOf(components);
    }
}
