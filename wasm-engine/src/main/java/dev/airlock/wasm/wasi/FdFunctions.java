package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Instance;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Preview1 functions on a descriptor's state: {@code fd_advise}, {@code fd_allocate},
 * {@code fd_close}, {@code fd_datasync}, {@code fd_sync}, {@code fd_fdstat_get},
 * {@code fd_fdstat_set_flags}, {@code fd_fdstat_set_rights}, {@code fd_filestat_get},
 * {@code fd_filestat_set_size}, {@code fd_filestat_set_times}, {@code fd_prestat_get},
 * {@code fd_prestat_dir_name} and {@code fd_renumber}.
 *
 * <p>Every function checks the right preview1 ties it to ({@code notcapable} if missing); those
 * that modify a file first refuse below a read-only preopen ({@code rofs}). {@code fd_fdstat_set_flags} changes
 * {@code append} and {@code nonblock} (the synchronisation flags stay as opened, as on Linux);
 * {@code fd_fdstat_set_rights} can only drop rights.
 */
final class FdFunctions {
    /** Shared state. */
    private final WasiContext context;

    FdFunctions(WasiContext context) {
        this.context = context;
    }

    /** {@code fd_advise(fd, offset, len, advice) -> errno}: checked, then ignored (advice only). */
    int fdAdvise(Instance caller, int fd, long offset, long len, int advice) {
        Descriptor d = context.descriptor(fd);
        d.require(Rights.FD_ADVISE);
        if (advice < 0 || advice > WasiTypes.ADVICE_MAX || offset < 0 || len < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        return Errno.SUCCESS;
    }

    /** {@code fd_allocate(fd, offset, len) -> errno}: extends the file to {@code offset + len} if shorter. */
    int fdAllocate(Instance caller, int fd, long offset, long len) throws IOException {
        OpenFile f = file(context.descriptor(fd), Rights.FD_ALLOCATE);
        if (offset < 0 || len < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        if (offset + len < 0) {
            throw new ErrnoException(Errno.FBIG);
        }
        if (offset + len > f.channel.size()) {
            extend(f.channel, offset + len);
        }
        return Errno.SUCCESS;
    }

    /** {@code fd_close(fd) -> errno}. */
    int fdClose(Instance caller, int fd) throws IOException {
        context.fds.close(fd);
        return Errno.SUCCESS;
    }

    /** {@code fd_datasync(fd) -> errno}. */
    int fdDatasync(Instance caller, int fd) throws IOException {
        return sync(fd, Rights.FD_DATASYNC, false);
    }

    /** {@code fd_sync(fd) -> errno}. */
    int fdSync(Instance caller, int fd) throws IOException {
        return sync(fd, Rights.FD_SYNC, true);
    }

    private int sync(int fd, long right, boolean metadata) throws IOException {
        Descriptor d = context.descriptor(fd);
        d.require(right);
        if (d instanceof OpenFile) {
            ((OpenFile) d).channel.force(metadata);
        }
        return Errno.SUCCESS;
    }

    /** {@code fd_fdstat_get(fd, fdstat_out) -> errno}. */
    int fdFdstatGet(Instance caller, int fd, int out) {
        GuestMemory memory = WasiContext.memory(caller);
        Descriptor d = context.descriptor(fd);
        memory.check(out, WasiTypes.FDSTAT_SIZE);
        memory.zero(out, 8);
        memory.putU8(out, d.fileType());
        memory.putU16(out + 2, d.flags);
        memory.putU64(out + 8, d.rightsBase);
        memory.putU64(out + 16, d.rightsInheriting);
        return Errno.SUCCESS;
    }

    /** {@code fd_fdstat_set_flags(fd, flags) -> errno}. */
    int fdFdstatSetFlags(Instance caller, int fd, int flags) {
        Descriptor d = context.descriptor(fd);
        d.require(Rights.FD_FDSTAT_SET_FLAGS);
        if ((flags & ~WasiTypes.FDFLAGS_ALL) != 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        int changeable = WasiTypes.FDFLAGS_APPEND | WasiTypes.FDFLAGS_NONBLOCK;
        d.flags = (flags & changeable) | (d.flags & ~changeable);
        return Errno.SUCCESS;
    }

    /** {@code fd_fdstat_set_rights(fd, fs_rights_base, fs_rights_inheriting) -> errno}. */
    int fdFdstatSetRights(Instance caller, int fd, long base, long inheriting) {
        Descriptor d = context.descriptor(fd);
        if ((base & ~d.rightsBase) != 0 || (inheriting & ~d.rightsInheriting) != 0) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        d.rightsBase = base;
        d.rightsInheriting = inheriting;
        return Errno.SUCCESS;
    }

    /** {@code fd_filestat_get(fd, filestat_out) -> errno}. */
    int fdFilestatGet(Instance caller, int fd, int out) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        Descriptor d = context.descriptor(fd);
        d.require(Rights.FD_FILESTAT_GET);
        memory.check(out, WasiTypes.FILESTAT_SIZE);
        stat(d).writeTo(memory, out);
        return Errno.SUCCESS;
    }

    /** The stat of what {@code d} stands for. */
    static FileStats.Stat stat(Descriptor d) throws IOException {
        if (d instanceof OpenFile) {
            OpenFile f = (OpenFile) d;
            long size = f.channel.size();
            Path current = currentHostPath(f);
            if (current != null) {
                FileStats.Stat s = FileStats.of(current);
                if (s.dev() == f.statAtOpen.dev() && s.ino() == f.statAtOpen.ino()) {
                    return s.withSize(size);
                }
            }
            return f.statAtOpen.withSize(size);
        }
        if (d instanceof OpenDirectory) {
            return FileStats.of(PathResolver.resolve((OpenDirectory) d, ".", true).host());
        }
        return FileStats.STREAM;
    }

    /**
     * The host path where {@code f} was opened (or moved to by {@code path_rename}), re-resolved,
     * if a regular file is still there; null otherwise.
     */
    private static Path currentHostPath(OpenFile f) throws IOException {
        if (f.components.isEmpty()) {
            return null;
        }
        try {
            PathResolver.Resolved r = PathResolver.resolve(f.root, f.components.subList(0, f.components.size() - 1),
                    f.components.get(f.components.size() - 1), false);
            return r.exists() && r.attributes().isRegularFile() ? r.host() : null;
        } catch (ErrnoException e) {
            return null;
        }
    }

    /** {@code fd_filestat_set_size(fd, size) -> errno}: truncates or extends with zeros; the offset stays. */
    int fdFilestatSetSize(Instance caller, int fd, long size) throws IOException {
        OpenFile f = file(context.descriptor(fd), Rights.FD_FILESTAT_SET_SIZE);
        if (size < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        long current = f.channel.size();
        if (size < current) {
            long position = f.channel.position();
            f.channel.truncate(size);
            f.channel.position(position);
        } else if (size > current) {
            extend(f.channel, size);
        }
        return Errno.SUCCESS;
    }

    /** {@code fd_filestat_set_times(fd, atim, mtim, fst_flags) -> errno}. */
    int fdFilestatSetTimes(Instance caller, int fd, long atim, long mtim, int fstFlags) throws IOException {
        Descriptor d = context.descriptor(fd);
        if (d instanceof FilesystemDescriptor) {
            ((FilesystemDescriptor) d).root.requireWritable();
        }
        d.require(Rights.FD_FILESTAT_SET_TIMES);
        checkTimes(atim, mtim, fstFlags);
        if (!(d instanceof FilesystemDescriptor)) {
            throw new ErrnoException(Errno.BADF);
        }
        FilesystemDescriptor fsd = (FilesystemDescriptor) d;
        Path target;
        if (d instanceof OpenFile) {
            target = currentHostPath((OpenFile) d);
            if (target == null) {
                throw new ErrnoException(Errno.NOENT);
            }
        } else {
            target = PathResolver.resolve(fsd, ".", true).host();
        }
        setTimes(target, atim, mtim, fstFlags, context.config.clock());
        return Errno.SUCCESS;
    }

    /**
     * Sets the access and modification times of {@code path} (not following a link) as
     * {@code fstflags} says; the {@code *_now} flags use the realtime clock of {@code clock}.
     */
    static void setTimes(Path path, long atim, long mtim, int fstFlags, WasiClock clock) throws IOException {
        checkTimes(atim, mtim, fstFlags);
        FileTime access = time(fstFlags, WasiTypes.FST_ATIM, WasiTypes.FST_ATIM_NOW, atim, clock);
        FileTime modified = time(fstFlags, WasiTypes.FST_MTIM, WasiTypes.FST_MTIM_NOW, mtim, clock);
        if (access == null && modified == null) {
            return;
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(modified, access, null);
    }

    /**
     * Checks the arguments of the {@code *_set_times} functions: {@code inval} for an unknown flag,
     * a time both given and {@code *_now}, or a time past 2^63 - 1 ns.
     */
    static void checkTimes(long atim, long mtim, int fstFlags) {
        if ((fstFlags & ~WasiTypes.FST_ALL) != 0
                || (fstFlags & (WasiTypes.FST_ATIM | WasiTypes.FST_ATIM_NOW)) == (WasiTypes.FST_ATIM | WasiTypes.FST_ATIM_NOW)
                || (fstFlags & (WasiTypes.FST_MTIM | WasiTypes.FST_MTIM_NOW)) == (WasiTypes.FST_MTIM | WasiTypes.FST_MTIM_NOW)
                || ((fstFlags & WasiTypes.FST_ATIM) != 0 && atim < 0)
                || ((fstFlags & WasiTypes.FST_MTIM) != 0 && mtim < 0)) {
            throw new ErrnoException(Errno.INVAL);
        }
    }

    private static FileTime time(int flags, int set, int now, long value, WasiClock clock) {
        if ((flags & now) != 0) {
            return FileTime.from(clock.time(WasiClock.Id.REALTIME), TimeUnit.NANOSECONDS);
        }
        if ((flags & set) != 0) {
            return FileTime.from(value, TimeUnit.NANOSECONDS);
        }
        return null;
    }

    /** {@code fd_prestat_get(fd, prestat_out) -> errno}: {@code badf} unless {@code fd} is a preopened directory. */
    int fdPrestatGet(Instance caller, int fd, int out) {
        GuestMemory memory = WasiContext.memory(caller);
        byte[] name = preopenName(fd);
        memory.check(out, WasiTypes.PRESTAT_SIZE);
        memory.zero(out, WasiTypes.PRESTAT_SIZE);
        memory.putU8(out, WasiTypes.PREOPENTYPE_DIR);
        memory.putU32(out + 4, name.length);
        return Errno.SUCCESS;
    }

    /** {@code fd_prestat_dir_name(fd, path, path_len) -> errno}: the name without NUL; {@code nametoolong} if it does not fit. */
    int fdPrestatDirName(Instance caller, int fd, int path, int pathLen) {
        GuestMemory memory = WasiContext.memory(caller);
        byte[] name = preopenName(fd);
        memory.check(path, GuestMemory.unsigned(pathLen));
        if (GuestMemory.unsigned(pathLen) < name.length) {
            throw new ErrnoException(Errno.NAMETOOLONG);
        }
        memory.write(path, name);
        return Errno.SUCCESS;
    }

    private byte[] preopenName(int fd) {
        Descriptor d = context.descriptor(fd);
        if (!(d instanceof OpenDirectory) || ((OpenDirectory) d).preopenName == null) {
            throw new ErrnoException(Errno.BADF);
        }
        return ((OpenDirectory) d).preopenName.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code fd_renumber(fd, to) -> errno}: {@code to} is closed and replaced by {@code fd}. */
    int fdRenumber(Instance caller, int fd, int to) throws IOException {
        context.fds.renumber(fd, to);
        return Errno.SUCCESS;
    }

    /**
     * {@code d} as a regular file that may be modified with {@code rights}: {@code isdir} for a
     * directory, {@code rofs} below a read-only preopen, {@code notcapable} without the rights.
     */
    private static OpenFile file(Descriptor d, long rights) {
        if (d instanceof OpenDirectory) {
            throw new ErrnoException(Errno.ISDIR);
        }
        if (d instanceof OpenFile) {
            ((OpenFile) d).root.requireWritable();
        }
        d.require(rights);
        if (!(d instanceof OpenFile)) {
            throw new ErrnoException(Errno.INVAL);
        }
        return (OpenFile) d;
    }

    /** Grows the file to {@code size} bytes (the new bytes read as zeros), leaving the offset alone. */
    private static void extend(FileChannel channel, long size) throws IOException {
        ByteBuffer zero = ByteBuffer.allocate(1);
        while (zero.hasRemaining()) {
            channel.write(zero, size - 1);
        }
    }
}
