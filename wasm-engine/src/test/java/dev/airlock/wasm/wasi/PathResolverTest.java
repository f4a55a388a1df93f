package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PathResolver}: paths stay inside their root whatever the components, the symbolic links
 * (existing, chained, looping, absolute, leading up) and the directory they start from.
 *
 * <pre>
 * tmp/outside.txt
 * tmp/root/file.txt
 * tmp/root/a/b/deep.txt
 * tmp/root/a/up        -> ..            (inside: the root)
 * tmp/root/a/b/toa     -> ../../a       (inside)
 * tmp/root/out         -> ../outside.txt
 * tmp/root/absolute    -> tmp/outside.txt (absolute)
 * tmp/root/parent      -> ..            (the root's parent)
 * tmp/root/chain1      -> chain2 -> a/up/parent (leads out in three steps)
 * tmp/root/loop        -> loop
 * tmp/root/dangling    -> missing
 * </pre>
 */
class PathResolverTest {
    /** Holds the root and a file beside it. */
    @TempDir
    Path tmp;

    private SandboxRoot root;

    @BeforeEach
    void createTree() throws IOException {
        Files.writeString(tmp.resolve("outside.txt"), "secret");
        Path r = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(r.resolve("file.txt"), "x");
        Files.createDirectories(r.resolve("a/b"));
        Files.writeString(r.resolve("a/b/deep.txt"), "deep");
        Files.createSymbolicLink(r.resolve("a/up"), Path.of(".."));
        Files.createSymbolicLink(r.resolve("a/b/toa"), Path.of("../../a"));
        Files.createSymbolicLink(r.resolve("out"), Path.of("../outside.txt"));
        Files.createSymbolicLink(r.resolve("absolute"), tmp.resolve("outside.txt").toAbsolutePath());
        Files.createSymbolicLink(r.resolve("parent"), Path.of(".."));
        Files.createSymbolicLink(r.resolve("chain1"), Path.of("chain2"));
        Files.createSymbolicLink(r.resolve("chain2"), Path.of("a/up/parent"));
        Files.createSymbolicLink(r.resolve("loop"), Path.of("loop"));
        Files.createSymbolicLink(r.resolve("dangling"), Path.of("missing"));
        root = new SandboxRoot(r.toRealPath(), false);
    }

    private PathResolver.Resolved resolve(String path, boolean follow) throws IOException {
        return PathResolver.resolve(root, List.of(), path, follow);
    }

    private void assertErrno(int errno, String path, boolean follow) {
        ErrnoException e = assertThrows(ErrnoException.class, () -> resolve(path, follow), path);
        assertEquals(errno, e.errno, path);
    }

    @Test
    void plainPathsResolveToNamesBelowTheRoot() throws IOException {
        PathResolver.Resolved r = resolve("a/./b//deep.txt", true);
        assertEquals(List.of("a", "b", "deep.txt"), r.components());
        assertEquals(root.host.resolve("a/b/deep.txt"), r.host());
        assertTrue(r.exists());
        assertEquals(List.of("a"), resolve("a/b/..", true).components());
        assertTrue(resolve(".", true).isRoot());
        assertTrue(resolve("a/..", true).isRoot());
        PathResolver.Resolved missing = resolve("a/new.txt", false);
        assertFalse(missing.exists());
        assertEquals(List.of("a", "new.txt"), missing.components());
    }

    @Test
    void nothingAboveTheRootIsReachable() {
        for (String p : new String[] {"..", "../outside.txt", "a/../..", "a/b/../../../outside.txt", "./../root/file.txt"}) {
            assertErrno(Errno.NOTCAPABLE, p, true);
        }
        assertErrno(Errno.NOTCAPABLE, "/etc/passwd", true);
        assertErrno(Errno.NOTCAPABLE, "/", true);
    }

    @Test
    void linksAreFollowedOnlyWhileTheyStayInside() throws IOException {
        assertEquals(List.of(), resolve("a/up", true).components());
        assertEquals(List.of("file.txt"), resolve("a/up/file.txt", true).components());
        assertEquals(List.of("a", "b", "deep.txt"), resolve("a/b/toa/b/deep.txt", true).components());
        assertErrno(Errno.NOTCAPABLE, "out", true);
        assertErrno(Errno.NOTCAPABLE, "absolute", true);
        assertErrno(Errno.NOTCAPABLE, "parent/root/file.txt", true);
        assertErrno(Errno.NOTCAPABLE, "chain1", true);
        assertErrno(Errno.NOTCAPABLE, "a/up/parent/outside.txt", false);
        assertErrno(Errno.LOOP, "loop", true);
        assertErrno(Errno.LOOP, "loop/x", false);
        assertFalse(resolve("dangling", true).exists());
        assertEquals(List.of("missing"), resolve("dangling", true).components());
    }

    @Test
    void anUnfollowedLastLinkIsTheLinkItself() throws IOException {
        PathResolver.Resolved r = resolve("out", false);
        assertTrue(r.isSymbolicLink());
        assertEquals(List.of("out"), r.components());
        assertTrue(resolve("absolute", false).isSymbolicLink());
        assertErrno(Errno.NOTCAPABLE, "out/", false);
    }

    @Test
    void componentsMustBeDirectories() {
        assertErrno(Errno.NOTDIR, "file.txt/x", false);
        assertErrno(Errno.NOTDIR, "file.txt/", false);
        assertErrno(Errno.NOENT, "missing/x", false);
        assertErrno(Errno.NOENT, "", false);
        assertErrno(Errno.NAMETOOLONG, "x".repeat(256), false);
    }

    @Test
    void theStartingDirectoryIsWalkedAgain() throws IOException {
        List<String> base = List.of("a", "b");
        assertEquals(List.of("a", "b", "deep.txt"), PathResolver.resolve(root, base, "deep.txt", true).components());
        assertEquals(List.of("file.txt"), PathResolver.resolve(root, base, "../../file.txt", true).components());
        ErrnoException e = assertThrows(ErrnoException.class, () -> PathResolver.resolve(root, base, "../../..", true));
        assertEquals(Errno.NOTCAPABLE, e.errno);
        // The directory "a" is swapped for a link out of the root after "a/b" was opened: "s/.."
        // looks as if it stayed inside, but "s" is the root itself, so the kernel would climb out.
        Files.move(root.host.resolve("a"), root.host.resolve("a-moved"));
        Files.createSymbolicLink(root.host.resolve("s"), Path.of("."));
        Files.createSymbolicLink(root.host.resolve("a"), Path.of("s/.."));
        assertTrue(PathResolver.staysInside(List.of(), "s/.."));
        Files.createDirectories(tmp.resolve("b"));
        Files.writeString(tmp.resolve("b/deep.txt"), "outside");
        assertEquals("outside", Files.readString(root.host.resolve("a/b/deep.txt")), "the kernel follows it out");
        e = assertThrows(ErrnoException.class, () -> PathResolver.resolve(root, base, "deep.txt", true));
        assertEquals(Errno.NOTCAPABLE, e.errno);
    }

    @Test
    void linkContentsThatStayInside() {
        assertTrue(PathResolver.staysInside(List.of(), "a/b/../file.txt"));
        assertTrue(PathResolver.staysInside(List.of("a", "b"), "../../file.txt"));
        assertFalse(PathResolver.staysInside(List.of("a", "b"), "../../../file.txt"));
        assertFalse(PathResolver.staysInside(List.of(), "../x"));
        assertFalse(PathResolver.staysInside(List.of("a"), "/etc"));
        assertFalse(PathResolver.staysInside(List.of("a"), "x/../../.."));
    }
}
