package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DirectoryListing} ({@code fd_readdir}): record layout, cookies, truncation, snapshots. */
class DirectoryListingTest {
    /** Holds the preopened directory. */
    @TempDir
    Path tmp;

    /** Parses {@code used} bytes of dirents at {@code at}: "name:next:type" per complete record. */
    private static List<String> parse(WasiHarness h, int at, int used) {
        List<String> out = new ArrayList<>();
        int p = at;
        while (p + WasiTypes.DIRENT_SIZE <= at + used) {
            long next = h.u64(p);
            int namlen = h.u32(p + 16);
            int type = h.memory.readByte(p + 20);
            if (p + WasiTypes.DIRENT_SIZE + namlen > at + used) {
                out.add("(cut " + next + ")");
                break;
            }
            String name = new String(h.memory.read(p + WasiTypes.DIRENT_SIZE, namlen), StandardCharsets.UTF_8);
            out.add(name + ":" + next + ":" + type);
            p += WasiTypes.DIRENT_SIZE + namlen;
        }
        return out;
    }

    private WasiHarness harness() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(dir.resolve("bb"), "x");
        Files.createDirectories(dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("ccc"), Path.of("bb"));
        return new WasiHarness(WasiConfig.builder().preopen(dir, "/d").build());
    }

    @Test
    void listsDotEntriesAndSortedNamesWithCookies() throws IOException {
        WasiHarness h = harness();
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 4000, 0L, 900));
        int used = h.u32(900);
        assertEquals(5 * 24 + 1 + 2 + 1 + 2 + 3, used);
        assertEquals(List.of(".:1:3", "..:2:3", "a:3:3", "bb:4:4", "ccc:5:7"), parse(h, 1000, used));
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 4000, 3L, 900));
        assertEquals(List.of("bb:4:4", "ccc:5:7"), parse(h, 1000, h.u32(900)));
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 4000, 5L, 900));
        assertEquals(0, h.u32(900));
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 4000, Long.MAX_VALUE, 900));
        assertEquals(0, h.u32(900));
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 4000, -1L, 900));
        assertEquals(0, h.u32(900));
    }

    @Test
    void aFullBufferEndsWithACutRecord() throws IOException {
        WasiHarness h = harness();
        h.memory.fill(1000, 100, (byte) 0x55);
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 30, 0L, 900));
        assertEquals(30, h.u32(900));
        assertEquals(List.of(".:1:3"), parse(h, 1000, 25));
        assertEquals(0x55, h.memory.readByte(1030));
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 10, 2L, 900));
        assertEquals(10, h.u32(900));
        assertEquals(3, h.u64(1000) & 0xFFFF);
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 0, 0L, 900));
        assertEquals(0, h.u32(900));
    }

    @Test
    void aPassSeesOneSnapshotUntilCookieZero() throws IOException {
        WasiHarness h = harness();
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 30, 0L, 900));
        Files.delete(tmp.resolve("d/bb"));
        Files.writeString(tmp.resolve("d/0new"), "");
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 4000, 3L, 900));
        assertEquals(List.of("bb:4:4", "ccc:5:7"), parse(h, 1000, h.u32(900)));
        assertEquals(Errno.SUCCESS, h.call("fd_readdir", 3, 1000, 4000, 0L, 900));
        assertEquals(List.of(".:1:3", "..:2:3", "0new:3:4", "a:4:3", "ccc:5:7"), parse(h, 1000, h.u32(900)));
    }

    @Test
    void onlyDirectoriesCanBeListed() throws IOException {
        WasiHarness h = harness();
        int fd = h.open(3, "bb", 0, Rights.FILE_ALL, 0);
        assertEquals(Errno.NOTDIR, h.call("fd_readdir", fd, 1000, 100, 0L, 900));
        assertEquals(Errno.BADF, h.call("fd_readdir", 1, 1000, 100, 0L, 900));
        assertEquals(Errno.BADF, h.call("fd_readdir", 42, 1000, 100, 0L, 900));
        assertEquals(Errno.FAULT, h.call("fd_readdir", 3, h.memory.byteSize() - 10, 100, 0L, 900));
        assertEquals(Errno.SUCCESS, h.call("fd_fdstat_set_rights", 3, Rights.DIRECTORY_ALL & ~Rights.FD_READDIR, 0L));
        assertEquals(Errno.NOTCAPABLE, h.call("fd_readdir", 3, 1000, 100, 0L, 900));
    }
}
