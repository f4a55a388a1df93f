package dev.airlock.wasm.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Resolution of the {@code path} arguments of the {@code path_*} functions (preview1: a path is
 * relative to a directory descriptor and must not leave it; {@code lookupflags::symlink_follow}
 * says whether a symbolic link in the last component is followed). This is the sandbox's
 * filesystem boundary: the only way a host path below a preopened directory is made.
 *
 * <p>The path is resolved one component at a time, starting at the preopened directory (the
 * location of the directory descriptor is walked again too, so a directory renamed or replaced
 * since it was opened is not trusted):
 *
 * <ul>
 *   <li>an absolute path is refused ({@code notcapable});</li>
 *   <li>{@code .} and empty components are skipped; {@code ..} removes the last name, and is
 *       refused ({@code notcapable}) at the root;</li>
 *   <li>every name is looked up with {@link LinkOption#NOFOLLOW_LINKS}; a symbolic link (other than
 *       a last component that is not to be followed) is read and its target's components take
 *       its place, so {@code ..} in a target climbs from where the link is. A target that is
 *       absolute is refused ({@code notcapable}); more than {@link #MAX_SYMLINKS} links is
 *       {@code loop};</li>
 *   <li>a missing or non-directory component before the last is {@code noent} / {@code notdir};
 *       the last may be missing (the name to create).</li>
 * </ul>
 *
 * <p>The result is the root and plain names: its host path has no symbolic link in any component
 * but possibly the last (when it is not followed). As a second check, the real path of the result
 * (or of its parent, for a missing or unfollowed last component) must lie below the root's real
 * path. Callers then act on the result with {@code NOFOLLOW_LINKS}.
 *
 * <p>Limits: Java has no {@code openat}, so the check and the use are separate system calls; a
 * host process that swaps a directory for a symbolic link between the two could redirect one
 * operation (the guest itself cannot: it runs one call at a time and every call re-resolves).
 */
final class PathResolver {
    /** The most symbolic links one resolution follows (Linux's {@code MAXSYMLINKS}). */
    static final int MAX_SYMLINKS = 40;

    /**
     * A resolved path.
     *
     * @param root the preopened directory it is below
     * @param components the names from the root (empty for the root itself)
     * @param host the host path
     * @param attributes the attributes of the last component, not following a link; null if it
     *     does not exist
     * @param trailingSlash whether the path ended in {@code /} (so it must name a directory)
     */
    record Resolved(SandboxRoot root, List<String> components, Path host, BasicFileAttributes attributes,
            boolean trailingSlash) {
        /** Whether the last component exists. */
        boolean exists() {
            return attributes != null;
        }

        /** Whether this is the preopened directory itself. */
        boolean isRoot() {
            return components.isEmpty();
        }

        /** Whether it exists and is a directory. */
        boolean isDirectory() {
            return attributes != null && attributes.isDirectory();
        }

        /** Whether it exists and is a symbolic link. */
        boolean isSymbolicLink() {
            return attributes != null && attributes.isSymbolicLink();
        }
    }

    private PathResolver() {
    }

    /**
     * Resolves {@code path} relative to {@code dir}.
     *
     * @param followLast whether a symbolic link in the last component is followed
     * @throws ErrnoException {@code notcapable} for a path that leaves the root; {@code noent},
     *     {@code notdir}, {@code loop}, {@code nametoolong} as described above
     * @throws IOException if the host fails to look a component up
     */
    static Resolved resolve(FilesystemDescriptor dir, String path, boolean followLast) throws IOException {
        return resolve(dir.root, dir.components, path, followLast);
    }

    /** Resolves {@code path} relative to {@code base} below {@code root}. */
    static Resolved resolve(SandboxRoot root, List<String> base, String path, boolean followLast) throws IOException {
        if (path.isEmpty()) {
            throw new ErrnoException(Errno.NOENT);
        }
        if (path.startsWith("/")) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        boolean trailingSlash = path.endsWith("/");
        boolean follow = followLast || trailingSlash;
        Deque<String> pending = new ArrayDeque<>(base);
        pending.addAll(Arrays.asList(path.split("/", -1)));
        List<String> current = new ArrayList<>();
        BasicFileAttributes last = attributesOf(root.host);
        int links = 0;
        while (!pending.isEmpty()) {
            String c = pending.pollFirst();
            boolean isLast = pending.isEmpty();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (current.isEmpty()) {
                    throw new ErrnoException(Errno.NOTCAPABLE);
                }
                current.remove(current.size() - 1);
                last = attributesOf(root.hostPath(current));
                continue;
            }
            if (c.getBytes(StandardCharsets.UTF_8).length > WasiTypes.NAME_MAX) {
                throw new ErrnoException(Errno.NAMETOOLONG);
            }
            current.add(c);
            Path p = root.hostPath(current);
            BasicFileAttributes a = attributesOf(p);
            if (a == null) {
                if (!isLast) {
                    throw new ErrnoException(Errno.NOENT);
                }
                last = null;
                continue;
            }
            if (a.isSymbolicLink() && (!isLast || follow)) {
                if (++links > MAX_SYMLINKS) {
                    throw new ErrnoException(Errno.LOOP);
                }
                String target = Files.readSymbolicLink(p).toString();
                if (target.isEmpty()) {
                    throw new ErrnoException(Errno.NOENT);
                }
                if (target.startsWith("/")) {
                    throw new ErrnoException(Errno.NOTCAPABLE);
                }
                current.remove(current.size() - 1);
                pushComponents(pending, target);
                last = attributesOf(root.hostPath(current));
                continue;
            }
            if (!isLast && !a.isDirectory()) {
                throw new ErrnoException(Errno.NOTDIR);
            }
            last = a;
        }
        if (trailingSlash && last != null && !last.isDirectory()) {
            throw new ErrnoException(Errno.NOTDIR);
        }
        Path host = root.hostPath(current);
        checkContained(root, current, host, last);
        return new Resolved(root, List.copyOf(current), host, last, trailingSlash);
    }

    /**
     * The second check: the real path of {@code host} (or of its parent, when the last component
     * is missing or an unfollowed link) must be below the root.
     */
    private static void checkContained(SandboxRoot root, List<String> components, Path host, BasicFileAttributes last)
            throws IOException {
        if (!host.normalize().startsWith(root.host)) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        Path existing = last != null && !last.isSymbolicLink() ? host
                : components.isEmpty() ? root.host : host.getParent();
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ErrnoException(Errno.NOENT);
        }
        if (!real.startsWith(root.host)) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
    }

    /** Adds the components of {@code path} at the front of {@code pending}, in order. */
    private static void pushComponents(Deque<String> pending, String path) {
        String[] parts = path.split("/", -1);
        for (int i = parts.length - 1; i >= 0; i--) {
            pending.addFirst(parts[i]);
        }
    }

    /** The attributes of {@code p} without following a link, or null if it does not exist. */
    static BasicFileAttributes attributesOf(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Whether a symbolic link at {@code linkParent} (names below the root) whose contents are
     * {@code target} stays inside the root when read as written: not absolute, and no {@code ..}
     * climbs above the root. {@code path_symlink} refuses other links, so that nothing on the host
     * that later follows a link the program made (outside this resolver) leaves the sandbox.
     */
    static boolean staysInside(List<String> linkParent, String target) {
        if (target.startsWith("/")) {
            return false;
        }
        int depth = linkParent.size();
        for (String c : target.split("/", -1)) {
            if (c.equals("..")) {
                if (--depth < 0) {
                    return false;
                }
            } else if (!c.isEmpty() && !c.equals(".")) {
                depth++;
            }
        }
        return true;
    }
}
