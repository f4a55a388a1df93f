package dev.airlock.sandbox;

/** A native shared library, loaded with JNA: sandboxes of it are not isolated. */
final class NativeSandboxLibrary extends SandboxLibrary {
    /** What JNA loads: an absolute path, or a name for its search. */
    final String location;

    NativeSandboxLibrary(String name, String location) {
        super(name);
        this.location = location;
    }

    @Override
    public boolean isIsolated() {
        return false;
    }

    @Override
    Backend open(SandboxConfig config, Object owner) {
        return NativeBackend.open(this, config, owner);
    }
}
