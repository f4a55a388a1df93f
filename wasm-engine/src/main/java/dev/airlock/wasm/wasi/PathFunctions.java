package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Instance;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Preview1 {@code path_open}, {@code path_create_directory}, {@code path_filestat_get},
 * {@code path_filestat_set_times}, {@code path_link}, {@code path_readlink},
 * {@code path_remove_directory}, {@code path_rename}, {@code path_symlink} and
 * {@code path_unlink_file}: operations on a path relative to a directory descriptor.
 *
 * <p>Every path goes through {@link PathResolver} (which keeps it inside its preopened directory)
 * and every host operation on the result is done without following links. Each function checks
 * the rights preview1 ties it to on the directory descriptor ({@code notcapable} if missing) and,
 * if it modifies anything, that the preopen is not read-only ({@code rofs}, after the rights,
 * which a read-only preopen never grants). Output pointers are checked before anything is done
 * on the host.
 *
 * <p>{@code path_open} follows preview1's rights model: the rights asked for must be among the
 * directory's inheriting rights; the new descriptor gets those that apply to what was opened.
 * {@code creat} needs {@code path_create_file}, {@code trunc} {@code path_filestat_set_size},
 * {@code dsync} {@code fd_datasync}, {@code rsync}/{@code sync} {@code fd_sync} on the directory.
 * Below a read-only preopen, asking for a right that modifies a file, {@code trunc}, a
 * synchronisation flag or creating a file is {@code rofs} (as opening for writing on a
 * read-only mount); a file opened there gets read-only rights and a read-only host channel.
 * Only regular files and directories can be opened ({@code notsup} for devices, FIFOs and sockets,
 * which could block the host); a symbolic link that is not followed is {@code loop}.
 *
 * <p>{@code path_symlink} refuses ({@code notcapable}) a link whose contents are absolute or
 * climb above the preopen, so the program cannot leave links pointing out of its sandbox for
 * others to follow. {@code path_rename} keeps open descriptors below the renamed path pointing
 * at it.
 */
final class PathFunctions {
    /** Shared state. */
    private final WasiContext context;

    PathFunctions(WasiContext context) {
        this.context = context;
    }

    /**
     * {@code path_open(fd, dirflags, path, path_len, oflags, fs_rights_base, fs_rights_inheriting,
     * fdflags, fd_out) -> errno}.
     */
    int pathOpen(Instance caller, int dirfd, int dirflags, int path, int pathLen, int oflags, long base,
            long inheriting, int fdflags, int out) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenDirectory dir = context.directory(dirfd);
        dir.require(Rights.PATH_OPEN);
        String p = memory.path(path, pathLen);
        memory.check(out, 4);
        if ((oflags & ~WasiTypes.OFLAGS_ALL) != 0 || (fdflags & ~WasiTypes.FDFLAGS_ALL) != 0
                || (oflags & (WasiTypes.OFLAGS_CREAT | WasiTypes.OFLAGS_DIRECTORY))
                        == (WasiTypes.OFLAGS_CREAT | WasiTypes.OFLAGS_DIRECTORY)) {
            throw new ErrnoException(Errno.INVAL);
        }
        if ((base & ~dir.rightsInheriting) != 0 || (inheriting & ~dir.rightsInheriting) != 0) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        boolean creat = (oflags & WasiTypes.OFLAGS_CREAT) != 0;
        boolean excl = (oflags & WasiTypes.OFLAGS_EXCL) != 0;
        boolean trunc = (oflags & WasiTypes.OFLAGS_TRUNC) != 0;
        if (creat) {
            dir.require(Rights.PATH_CREATE_FILE);
        }
        if (trunc) {
            dir.require(Rights.PATH_FILESTAT_SET_SIZE);
        }
        if ((fdflags & WasiTypes.FDFLAGS_DSYNC) != 0) {
            dir.require(Rights.FD_DATASYNC);
        }
        if ((fdflags & (WasiTypes.FDFLAGS_RSYNC | WasiTypes.FDFLAGS_SYNC)) != 0) {
            dir.require(Rights.FD_SYNC);
        }
        if (dir.root.readOnly && (trunc || (base & Rights.FILE_MODIFYING) != 0
                || (fdflags & (WasiTypes.FDFLAGS_DSYNC | WasiTypes.FDFLAGS_SYNC | WasiTypes.FDFLAGS_RSYNC)) != 0)) {
            throw new ErrnoException(Errno.ROFS);
        }
        context.fds.requireRoom();
        boolean follow = (dirflags & WasiTypes.LOOKUP_SYMLINK_FOLLOW) != 0;
        PathResolver.Resolved r = PathResolver.resolve(dir, p, follow);
        SandboxRoot root = r.root();
        Descriptor opened;
        if (r.exists()) {
            if (creat && excl) {
                throw new ErrnoException(Errno.EXIST);
            }
            if (r.isSymbolicLink()) {
                throw new ErrnoException(Errno.LOOP);
            }
            if (r.isDirectory()) {
                if (creat || trunc || (base & Rights.FILE_MODIFYING) != 0) {
                    throw new ErrnoException(Errno.ISDIR);
                }
                opened = new OpenDirectory(root, r.components(), null, base & Rights.DIRECTORY_ALL,
                        inheriting & Rights.INHERITING_READ_WRITE);
            } else if ((oflags & WasiTypes.OFLAGS_DIRECTORY) != 0) {
                throw new ErrnoException(Errno.NOTDIR);
            } else if (!r.attributes().isRegularFile()) {
                throw new ErrnoException(Errno.NOTSUP);
            } else {
                opened = openFile(r, false, trunc, base, inheriting, fdflags);
            }
        } else {
            if (!creat) {
                throw new ErrnoException(Errno.NOENT);
            }
            if (r.trailingSlash()) {
                throw new ErrnoException(Errno.ISDIR);
            }
            root.requireWritable();
            opened = openFile(r, true, false, base, inheriting, fdflags);
        }
        memory.putU32(out, context.fds.add(opened));
        return Errno.SUCCESS;
    }

    /** Opens (or creates) the regular file {@code r}. */
    private static OpenFile openFile(PathResolver.Resolved r, boolean create, boolean trunc, long base, long inheriting,
            int fdflags) throws IOException {
        SandboxRoot root = r.root();
        long fileBase = base & (root.readOnly ? Rights.FILE_READ_ONLY : Rights.FILE_ALL);
        long fileInheriting = inheriting & Rights.INHERITING_READ_WRITE;
        boolean write = (fileBase & Rights.FILE_MODIFYING) != 0 || create || trunc;
        if (write) {
            root.requireWritable();
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if ((fileBase & Rights.FD_READ) != 0 || !write) {
            options.add(StandardOpenOption.READ);
        }
        if (write) {
            options.add(StandardOpenOption.WRITE);
        }
        if (create) {
            options.add(StandardOpenOption.CREATE_NEW);
        }
        if (trunc) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if ((fdflags & WasiTypes.FDFLAGS_DSYNC) != 0) {
            options.add(StandardOpenOption.DSYNC);
        }
        if ((fdflags & (WasiTypes.FDFLAGS_SYNC | WasiTypes.FDFLAGS_RSYNC)) != 0) {
            options.add(StandardOpenOption.SYNC);
        }
        FileChannel channel = FileChannel.open(r.host(), options);
        try {
            FileStats.Stat stat = FileStats.of(r.host());
            return new OpenFile(root, r.components(), channel, stat, fileBase, fileInheriting, fdflags);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@code path_create_directory(fd, path, path_len) -> errno}. */
    int pathCreateDirectory(Instance caller, int dirfd, int path, int pathLen) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenDirectory dir = context.directory(dirfd);
        dir.require(Rights.PATH_CREATE_DIRECTORY);
        PathResolver.Resolved r = PathResolver.resolve(dir, memory.path(path, pathLen), false);
        if (r.exists()) {
            throw new ErrnoException(Errno.EXIST);
        }
        r.root().requireWritable();
        Files.createDirectory(r.host());
        return Errno.SUCCESS;
    }

    /** {@code path_filestat_get(fd, flags, path, path_len, filestat_out) -> errno}. */
    int pathFilestatGet(Instance caller, int dirfd, int flags, int path, int pathLen, int out) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenDirectory dir = context.directory(dirfd);
        dir.require(Rights.PATH_FILESTAT_GET);
        String p = memory.path(path, pathLen);
        memory.check(out, WasiTypes.FILESTAT_SIZE);
        PathResolver.Resolved r = existing(dir, p, (flags & WasiTypes.LOOKUP_SYMLINK_FOLLOW) != 0);
        FileStats.of(r.host()).writeTo(memory, out);
        return Errno.SUCCESS;
    }

    /** {@code path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fst_flags) -> errno}. */
    int pathFilestatSetTimes(Instance caller, int dirfd, int flags, int path, int pathLen, long atim, long mtim,
            int fstFlags) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenDirectory dir = context.directory(dirfd);
        dir.require(Rights.PATH_FILESTAT_SET_TIMES);
        FdFunctions.checkTimes(atim, mtim, fstFlags);
        PathResolver.Resolved r = existing(dir, memory.path(path, pathLen),
                (flags & WasiTypes.LOOKUP_SYMLINK_FOLLOW) != 0);
        r.root().requireWritable();
        FdFunctions.setTimes(r.host(), atim, mtim, fstFlags, context.config.clock());
        return Errno.SUCCESS;
    }

    /**
     * {@code path_link(old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len)
     * -> errno}: a hard link; both preopens must be writable (a link out of a read-only one would
     * make its file writable).
     */
    int pathLink(Instance caller, int oldFd, int oldFlags, int oldPath, int oldPathLen, int newFd, int newPath,
            int newPathLen) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenDirectory oldDir = context.directory(oldFd);
        OpenDirectory newDir = context.directory(newFd);
        oldDir.require(Rights.PATH_LINK_SOURCE);
        newDir.require(Rights.PATH_LINK_TARGET);
        String from = memory.path(oldPath, oldPathLen);
        String to = memory.path(newPath, newPathLen);
        PathResolver.Resolved source = existing(oldDir, from, (oldFlags & WasiTypes.LOOKUP_SYMLINK_FOLLOW) != 0);
        if (source.isDirectory()) {
            throw new ErrnoException(Errno.PERM);
        }
        PathResolver.Resolved target = PathResolver.resolve(newDir, to, false);
        if (target.exists()) {
            throw new ErrnoException(Errno.EXIST);
        }
        source.root().requireWritable();
        target.root().requireWritable();
        Files.createLink(target.host(), source.host());
        return Errno.SUCCESS;
    }

    /** {@code path_readlink(fd, path, path_len, buf, buf_len, bufused_out) -> errno}: truncated to the buffer, no NUL. */
    int pathReadlink(Instance caller, int dirfd, int path, int pathLen, int buf, int bufLen, int out) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenDirectory dir = context.directory(dirfd);
        dir.require(Rights.PATH_READLINK);
        String p = memory.path(path, pathLen);
        long address = memory.check(buf, GuestMemory.unsigned(bufLen));
        memory.check(out, 4);
        PathResolver.Resolved r = existing(dir, p, false);
        if (!r.isSymbolicLink()) {
            throw new ErrnoException(Errno.INVAL);
        }
        byte[] target = Files.readSymbolicLink(r.host()).toString().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(target.length, GuestMemory.unsigned(bufLen));
        memory.write(address, target, 0, n);
        memory.putU32(out, n);
        return Errno.SUCCESS;
    }

    /** {@code path_remove_directory(fd, path, path_len) -> errno}. */
    int pathRemoveDirectory(Instance caller, int dirfd, int path, int pathLen) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenDirectory dir = context.directory(dirfd);
        dir.require(Rights.PATH_REMOVE_DIRECTORY);
        String p = memory.path(path, pathLen);
        if (lastComponent(p).equals(".")) {
            throw new ErrnoException(Errno.INVAL);
        }
        PathResolver.Resolved r = existing(dir, p, false);
        if (r.isRoot()) {
            throw new ErrnoException(Errno.BUSY);
        }
        if (!r.isDirectory()) {
            throw new ErrnoException(Errno.NOTDIR);
        }
        r.root().requireWritable();
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    /** {@code path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len) -> errno}: POSIX {@code rename}. */
    int pathRename(Instance caller, int oldFd, int oldPath, int oldPathLen, int newFd, int newPath, int newPathLen)
            throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenDirectory oldDir = context.directory(oldFd);
        OpenDirectory newDir = context.directory(newFd);
        oldDir.require(Rights.PATH_RENAME_SOURCE);
        newDir.require(Rights.PATH_RENAME_TARGET);
        String from = memory.path(oldPath, oldPathLen);
        String to = memory.path(newPath, newPathLen);
        PathResolver.Resolved source = existing(oldDir, from, false);
        PathResolver.Resolved target = PathResolver.resolve(newDir, to, false);
        if (source.isRoot() || target.isRoot()) {
            throw new ErrnoException(Errno.BUSY);
        }
        source.root().requireWritable();
        target.root().requireWritable();
        Files.move(source.host(), target.host(), StandardCopyOption.ATOMIC_MOVE);
        for (Descriptor d : context.fds.all()) {
            if (d instanceof FilesystemDescriptor) {
                FilesystemDescriptor f = (FilesystemDescriptor) d;
                if (f.root == source.root() && startsWith(f.components, source.components())) {
                    List<String> moved = new ArrayList<>(target.components());
                    moved.addAll(f.components.subList(source.components().size(), f.components.size()));
                    f.root = target.root();
                    f.components = List.copyOf(moved);
                }
            }
        }
        return Errno.SUCCESS;
    }

    /** {@code path_symlink(old_path, old_path_len, fd, new_path, new_path_len) -> errno}. */
    int pathSymlink(Instance caller, int oldPath, int oldPathLen, int dirfd, int newPath, int newPathLen)
            throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        String target = memory.path(oldPath, oldPathLen);
        OpenDirectory dir = context.directory(dirfd);
        dir.require(Rights.PATH_SYMLINK);
        String p = memory.path(newPath, newPathLen);
        if (target.isEmpty()) {
            throw new ErrnoException(Errno.NOENT);
        }
        PathResolver.Resolved r = PathResolver.resolve(dir, p, false);
        if (r.exists()) {
            throw new ErrnoException(Errno.EXIST);
        }
        r.root().requireWritable();
        List<String> parent = r.components().subList(0, r.components().size() - 1);
        if (!PathResolver.staysInside(parent, target)) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        try {
            PathResolver.resolve(r.root(), parent, target, true);
        } catch (ErrnoException e) {
            if (e.errno == Errno.NOTCAPABLE) {
                throw e;
            }
            // A dangling or looping link is allowed, as in POSIX.
        }
        Files.createSymbolicLink(r.host(), Path.of(target));
        return Errno.SUCCESS;
    }

    /** {@code path_unlink_file(fd, path, path_len) -> errno}: {@code isdir} for a directory. */
    int pathUnlinkFile(Instance caller, int dirfd, int path, int pathLen) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        OpenDirectory dir = context.directory(dirfd);
        dir.require(Rights.PATH_UNLINK_FILE);
        PathResolver.Resolved r = existing(dir, memory.path(path, pathLen), false);
        if (r.isDirectory()) {
            throw new ErrnoException(Errno.ISDIR);
        }
        r.root().requireWritable();
        Files.delete(r.host());
        return Errno.SUCCESS;
    }

    /** Resolves a path that must exist ({@code noent} otherwise). */
    private static PathResolver.Resolved existing(OpenDirectory dir, String path, boolean follow) throws IOException {
        PathResolver.Resolved r = PathResolver.resolve(dir, path, follow);
        if (!r.exists()) {
            throw new ErrnoException(Errno.NOENT);
        }
        return r;
    }

    /** The last non-empty component of {@code path} ("" if none). */
    private static String lastComponent(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty()) {
                return parts[i];
            }
        }
        return "";
    }

    private static boolean startsWith(List<String> list, List<String> prefix) {
        return list.size() >= prefix.size() && list.subList(0, prefix.size()).equals(prefix);
    }
}
