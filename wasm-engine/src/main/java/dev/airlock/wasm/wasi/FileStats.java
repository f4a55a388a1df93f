package dev.airlock.wasm.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * The preview1 record {@code filestat} (64 bytes: dev, ino, filetype, nlink, size, atim, mtim,
 * ctim; see {@link WasiTypes#FILESTAT_SIZE}) built from the host's attributes of a file, and
 * {@code filetype} from host attributes. Device and inode numbers, the link count and the change
 * time come from the {@code unix} attribute view where the platform has it, and are 0 otherwise.
 */
final class FileStats {
    /** The fields of a {@code filestat}. */
    record Stat(long dev, long ino, int fileType, long nlink, long size, long atim, long mtim, long ctim) {
        /** Stores this as a {@code filestat} at {@code ptr} (which the caller checked). */
        void writeTo(GuestMemory memory, int ptr) {
            memory.putU64(ptr, dev);
            memory.putU64(ptr + 8, ino);
            memory.zero(ptr + 16, 8);
            memory.putU8(ptr + 16, fileType);
            memory.putU64(ptr + 24, nlink);
            memory.putU64(ptr + 32, size);
            memory.putU64(ptr + 40, atim);
            memory.putU64(ptr + 48, mtim);
            memory.putU64(ptr + 56, ctim);
        }

        /** This with another size. */
        Stat withSize(long newSize) {
            return new Stat(dev, ino, fileType, nlink, newSize, atim, mtim, ctim);
        }
    }

    /** The all-zero stat of a stream, of type {@code unknown}. */
    static final Stat STREAM = new Stat(0, 0, WasiTypes.FILETYPE_UNKNOWN, 1, 0, 0, 0, 0);

    private FileStats() {
    }

    /** The stat of {@code path}, not following a link in its last component. */
    static Stat of(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long dev = 0;
        long ino = 0;
        long nlink = 1;
        long ctim = nanos(a.lastModifiedTime());
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:dev,ino,nlink,ctime", LinkOption.NOFOLLOW_LINKS);
            dev = number(unix.get("dev"), 0);
            ino = number(unix.get("ino"), 0);
            nlink = number(unix.get("nlink"), 1);
            Object ctime = unix.get("ctime");
            if (ctime instanceof FileTime) {
                ctim = nanos((FileTime) ctime);
            }
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No unix view on this platform: keep the defaults.
        }
        return new Stat(dev, ino, fileType(a), nlink, a.size(), nanos(a.lastAccessTime()), nanos(a.lastModifiedTime()), ctim);
    }

    /** The {@code filetype} of a file with attributes {@code a} (read without following links). */
    static int fileType(BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return WasiTypes.FILETYPE_SYMBOLIC_LINK;
        }
        if (a.isDirectory()) {
            return WasiTypes.FILETYPE_DIRECTORY;
        }
        if (a.isRegularFile()) {
            return WasiTypes.FILETYPE_REGULAR_FILE;
        }
        return WasiTypes.FILETYPE_UNKNOWN;
    }

    /** The inode number of {@code path} (not following links), or 0 if unknown. */
    static long inode(Path path) {
        try {
            return number(Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS), 0);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    /** {@code t} in nanoseconds since the epoch (0 before it). */
    static long nanos(FileTime t) {
        Instant i = t.toInstant();
        if (i.getEpochSecond() < 0) {
            return 0;
        }
        try {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (ArithmeticException e) {
            return -1L; // u64 max: past the year 2554
        }
    }

    private static long number(Object value, long otherwise) {
        return value instanceof Number ? ((Number) value).longValue() : otherwise;
    }
}
