package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Instance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Preview1 {@code fd_readdir}: fills the buffer with {@code dirent} records (24 bytes: d_next,
 * d_ino, d_namlen, d_type), each followed by its name, starting at the entry the cookie names;
 * the last entry may be cut off at the end of the buffer, and a result smaller than the buffer
 * means the end was reached.
 *
 * <p>The entries are {@code .}, {@code ..} and the directory's names sorted by their UTF-8 bytes,
 * so the order is the same on every host. Cookie {@code n} is the {@code n}-th entry (0 is the
 * start) and an entry's {@code d_next} is its index plus one. The list is read from the host when
 * called with cookie 0 and kept in the descriptor, so a pass of several calls sees one consistent
 * list whatever the program changes in between. At the root of a preopen, {@code ..} describes
 * the root itself (nothing above the root is looked at).
 */
final class DirectoryListing {
    /**
     * One entry.
     *
     * @param name the name, UTF-8
     * @param inode the host's inode number (0 if unknown)
     * @param type the {@code filetype}, not following links
     */
    record Entry(byte[] name, long inode, int type) {
    }

    /** Shared state. */
    private final WasiContext context;

    DirectoryListing(WasiContext context) {
        this.context = context;
    }

    /** {@code fd_readdir(fd, buf, buf_len, cookie, bufused_out) -> errno}. */
    int fdReaddir(Instance caller, int fd, int buf, int bufLen, long cookie, int bufusedOut) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        Descriptor d = context.descriptor(fd);
        if (!(d instanceof OpenDirectory)) {
            throw new ErrnoException(d instanceof OpenFile ? Errno.NOTDIR : Errno.BADF);
        }
        d.require(Rights.FD_READDIR);
        OpenDirectory dir = (OpenDirectory) d;
        long address = memory.check(buf, GuestMemory.unsigned(bufLen));
        memory.check(bufusedOut, 4);
        if (cookie == 0 || dir.listing == null) {
            dir.listing = list(dir);
        }
        List<Entry> entries = dir.listing;
        int capacity = (int) GuestMemory.unsigned(bufLen);
        byte[] out = new byte[0];
        int used = 0;
        for (long i = cookie; i >= 0 && i < entries.size() && used < capacity; i++) {
            Entry e = entries.get((int) i);
            int size = WasiTypes.DIRENT_SIZE + e.name().length;
            if (used + size > out.length) {
                out = java.util.Arrays.copyOf(out, Math.min(capacity, Math.max(used + size, 2 * out.length)));
            }
            byte[] record = new byte[size];
            putLong(record, 0, i + 1);
            putLong(record, 8, e.inode());
            putLong(record, 16, e.name().length);
            record[20] = (byte) e.type();
            System.arraycopy(e.name(), 0, record, WasiTypes.DIRENT_SIZE, e.name().length);
            int n = Math.min(size, capacity - used);
            System.arraycopy(record, 0, out, used, n);
            used += n;
        }
        memory.write(address, out, 0, used);
        memory.putU32(bufusedOut, used);
        return Errno.SUCCESS;
    }

    /** Reads the entries of {@code dir} from the host. */
    static List<Entry> list(OpenDirectory dir) throws IOException {
        PathResolver.Resolved self = PathResolver.resolve(dir, ".", true);
        Path host = self.host();
        List<Entry> entries = new ArrayList<>();
        long selfInode = FileStats.inode(host);
        entries.add(new Entry(new byte[] {'.'}, selfInode, WasiTypes.FILETYPE_DIRECTORY));
        long parentInode = self.isRoot() ? selfInode : FileStats.inode(host.getParent());
        entries.add(new Entry(new byte[] {'.', '.'}, parentInode, WasiTypes.FILETYPE_DIRECTORY));
        List<Entry> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(host)) {
            for (Path p : stream) {
                BasicFileAttributes a = PathResolver.attributesOf(p);
                if (a == null) {
                    continue; // removed meanwhile
                }
                names.add(new Entry(p.getFileName().toString().getBytes(StandardCharsets.UTF_8), FileStats.inode(p),
                        FileStats.fileType(a)));
            }
        }
        names.sort((a, b) -> java.util.Arrays.compareUnsigned(a.name(), b.name()));
        entries.addAll(names);
        return entries;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
