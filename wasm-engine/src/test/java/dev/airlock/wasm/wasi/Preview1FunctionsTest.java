package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.ValType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview1 functions called directly, through {@link WasiHarness}: their signatures, their
 * behaviour on arbitrary and hostile arguments, and the corners the C programs of
 * {@link WasiTest} do not reach.
 */
class Preview1FunctionsTest {
    /** Scratch space; {@code sandbox} below it is preopened. */
    @TempDir
    Path tmp;

    private static final long ALL_FILE_RIGHTS = Rights.FILE_ALL;

    private WasiHarness harness(Path sandbox, ByteArrayOutputStream stdout) {
        WasiConfig.Builder b = WasiConfig.builder().clock(WasiClock.deterministic(0)).random(new Random(1));
        if (sandbox != null) {
            b.preopen(sandbox, "/sandbox");
        }
        if (stdout != null) {
            b.stdout(stdout);
        }
        return new WasiHarness(b.build());
    }

    private Path sandbox() throws IOException {
        return Files.createDirectories(tmp.resolve("sandbox"));
    }

    @Test
    void registersAll46FunctionsWithTheirPreview1Signatures() {
        Map<String, String> expected = new LinkedHashMap<>();
        String i1 = "(i32) -> (i32)";
        String i2 = "(i32 i32) -> (i32)";
        String i3 = "(i32 i32 i32) -> (i32)";
        String i4 = "(i32 i32 i32 i32) -> (i32)";
        expected.put("args_get", i2);
        expected.put("args_sizes_get", i2);
        expected.put("environ_get", i2);
        expected.put("environ_sizes_get", i2);
        expected.put("clock_res_get", i2);
        expected.put("clock_time_get", "(i32 i64 i32) -> (i32)");
        expected.put("fd_advise", "(i32 i64 i64 i32) -> (i32)");
        expected.put("fd_allocate", "(i32 i64 i64) -> (i32)");
        expected.put("fd_close", i1);
        expected.put("fd_datasync", i1);
        expected.put("fd_fdstat_get", i2);
        expected.put("fd_fdstat_set_flags", i2);
        expected.put("fd_fdstat_set_rights", "(i32 i64 i64) -> (i32)");
        expected.put("fd_filestat_get", i2);
        expected.put("fd_filestat_set_size", "(i32 i64) -> (i32)");
        expected.put("fd_filestat_set_times", "(i32 i64 i64 i32) -> (i32)");
        expected.put("fd_pread", "(i32 i32 i32 i64 i32) -> (i32)");
        expected.put("fd_prestat_get", i2);
        expected.put("fd_prestat_dir_name", i3);
        expected.put("fd_pwrite", "(i32 i32 i32 i64 i32) -> (i32)");
        expected.put("fd_read", i4);
        expected.put("fd_readdir", "(i32 i32 i32 i64 i32) -> (i32)");
        expected.put("fd_renumber", i2);
        expected.put("fd_seek", "(i32 i64 i32 i32) -> (i32)");
        expected.put("fd_sync", i1);
        expected.put("fd_tell", i2);
        expected.put("fd_write", i4);
        expected.put("path_create_directory", i3);
        expected.put("path_filestat_get", "(i32 i32 i32 i32 i32) -> (i32)");
        expected.put("path_filestat_set_times", "(i32 i32 i32 i32 i64 i64 i32) -> (i32)");
        expected.put("path_link", "(i32 i32 i32 i32 i32 i32 i32) -> (i32)");
        expected.put("path_open", "(i32 i32 i32 i32 i32 i64 i64 i32 i32) -> (i32)");
        expected.put("path_readlink", "(i32 i32 i32 i32 i32 i32) -> (i32)");
        expected.put("path_remove_directory", i3);
        expected.put("path_rename", "(i32 i32 i32 i32 i32 i32) -> (i32)");
        expected.put("path_symlink", "(i32 i32 i32 i32 i32) -> (i32)");
        expected.put("path_unlink_file", i3);
        expected.put("poll_oneoff", i4);
        expected.put("proc_exit", "(i32) -> ()");
        expected.put("proc_raise", i1);
        expected.put("sched_yield", "() -> (i32)");
        expected.put("random_get", i2);
        expected.put("sock_accept", i3);
        expected.put("sock_recv", "(i32 i32 i32 i32 i32 i32) -> (i32)");
        expected.put("sock_send", "(i32 i32 i32 i32 i32) -> (i32)");
        expected.put("sock_shutdown", i2);
        assertEquals(46, expected.size());
        Map<String, String> actual = new LinkedHashMap<>();
        WasiHarness.TYPES.forEach((name, type) -> actual.put(name, type.toString()));
        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), Wasi.functionNames());
    }

    @Test
    void everyFunctionSurvivesArbitraryArguments() throws IOException {
        Path sandbox = sandbox();
        Files.writeString(sandbox.resolve("file.txt"), "contents");
        Files.createDirectories(sandbox.resolve("dir"));
        WasiHarness h = harness(sandbox, null);
        Random random = new Random(20240611);
        int size = h.memory.byteSize();
        int[] ints = {0, 1, 2, 3, 4, -1, 8, 64, 1000, size - 1, size - 4, size - 8, size, 0xFFFFFF00, Integer.MIN_VALUE,
                Integer.MAX_VALUE};
        long[] longs = {0, 1, -1, 8, 1 << 20, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000L};
        int calls = 0;
        for (int round = 0; round < 150; round++) {
            for (Map.Entry<String, FuncType> e : WasiHarness.TYPES.entrySet()) {
                FuncType t = e.getValue();
                Object[] args = new Object[t.paramCount()];
                for (int i = 0; i < args.length; i++) {
                    boolean wild = random.nextInt(4) == 0;
                    args[i] = t.param(i) == ValType.I64
                            ? (Object) (wild ? random.nextLong() : longs[random.nextInt(longs.length)])
                            : (Object) (wild ? random.nextInt() : ints[random.nextInt(ints.length)]);
                }
                if (random.nextInt(3) == 0) {
                    h.string(64, random.nextBoolean() ? "dir/../file.txt" : "../../etc/passwd");
                }
                try {
                    int errno = h.call(e.getKey(), args);
                    assertTrue(errno >= 0 && errno <= Errno.NOTCAPABLE, e.getKey() + " returned " + errno);
                } catch (WasiExit exit) {
                    assertEquals("proc_exit", e.getKey());
                }
                calls++;
            }
        }
        assertEquals(150 * 46, calls);
        try (Stream<Path> list = Files.list(tmp)) {
            assertEquals(List.of(sandbox), list.toList(), "something was created outside the sandbox");
        }
    }

    @Test
    void aBadIovecLeavesNothingHalfDone() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiHarness h = harness(null, out);
        h.string(100, "abc");
        h.iovecs(200, 100, 3, h.memory.byteSize() - 2, 3);
        assertEquals(Errno.FAULT, h.call("fd_write", 1, 200, 2, 300));
        assertEquals(0, out.size());
        h.iovecs(200, 100, 3, 100, 3);
        assertEquals(Errno.SUCCESS, h.call("fd_write", 1, 200, 2, 300));
        assertEquals("abcabc", out.toString(StandardCharsets.UTF_8));
        assertEquals(6, h.u32(300));
        assertEquals(Errno.INVAL, h.call("fd_write", 1, 200, WasiTypes.IOV_MAX + 1, 300));
        assertEquals(Errno.FAULT, h.call("fd_write", 1, 200, 1, h.memory.byteSize() - 3));
    }

    @Test
    void memoryGrownByTheModuleIsUsed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiHarness h = harness(null, out);
        int end = h.memory.byteSize();
        h.iovecs(200, end + 10, 2);
        assertEquals(Errno.FAULT, h.call("fd_write", 1, 200, 1, 300));
        assertEquals(2, h.memory.grow(1));
        h.string(end + 10, "hi");
        assertEquals(Errno.SUCCESS, h.call("fd_write", 1, 200, 1, 300));
        assertEquals("hi", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void procExitEndsTheCallWithItsStatus() {
        WasiHarness h = harness(null, null);
        WasiExit exit = assertThrows(WasiExit.class, () -> h.instance.function("call_proc_exit").call(42));
        assertEquals(42, exit.status());
        assertEquals(TrapKind.EXIT, exit.kind());
        assertEquals("exit: status 42", exit.getMessage());
    }

    @Test
    void oneWasiServesOneInstance() {
        WasiHarness h = harness(null, null);
        assertEquals(Errno.SUCCESS, h.call("sched_yield"));
        Trap t = assertThrows(Trap.class, () -> h.anotherInstance().function("call_sched_yield").call());
        assertEquals(TrapKind.HOST_ERROR, t.kind());
    }

    @Test
    void argsAndEnvironmentLayout() {
        WasiHarness h = new WasiHarness(WasiConfig.builder().args("prog", "é").env("A", "1").build());
        assertEquals(Errno.SUCCESS, h.call("args_sizes_get", 100, 104));
        assertEquals(2, h.u32(100));
        assertEquals(5 + 3, h.u32(104));
        assertEquals(Errno.SUCCESS, h.call("args_get", 200, 300));
        assertEquals(300, h.u32(200));
        assertEquals(305, h.u32(204));
        assertArrayEquals("prog\0é\0".getBytes(StandardCharsets.UTF_8), h.memory.read(300, 8));
        assertEquals(Errno.SUCCESS, h.call("environ_sizes_get", 100, 104));
        assertEquals(1, h.u32(100));
        assertEquals(4, h.u32(104));
        assertEquals(Errno.FAULT, h.call("environ_get", 200, h.memory.byteSize() - 3));
    }

    @Test
    void fdstatFlagsAndRights() throws IOException {
        Path sandbox = sandbox();
        Files.writeString(sandbox.resolve("f.txt"), "12345");
        WasiHarness h = harness(sandbox, null);
        int fd = h.open(3, "f.txt", 0, ALL_FILE_RIGHTS, WasiTypes.FDFLAGS_APPEND);
        assertEquals(Errno.SUCCESS, h.call("fd_fdstat_get", fd, 100));
        assertEquals(WasiTypes.FILETYPE_REGULAR_FILE, h.memory.readByte(100));
        assertEquals(WasiTypes.FDFLAGS_APPEND, h.memory.readByte(102));
        assertEquals(ALL_FILE_RIGHTS, h.u64(108));
        h.string(500, "ab");
        h.iovecs(200, 500, 2);
        assertEquals(Errno.SUCCESS, h.call("fd_write", fd, 200, 1, 300));
        assertEquals("12345ab", Files.readString(sandbox.resolve("f.txt")));
        assertEquals(Errno.SUCCESS, h.call("fd_fdstat_set_flags", fd, 0));
        assertEquals(Errno.SUCCESS, h.call("fd_seek", fd, 0L, WasiTypes.WHENCE_SET, 300));
        assertEquals(Errno.SUCCESS, h.call("fd_write", fd, 200, 1, 300));
        assertEquals("ab345ab", Files.readString(sandbox.resolve("f.txt")));
        assertEquals(Errno.INVAL, h.call("fd_fdstat_set_flags", fd, 64));
        long noWrite = ALL_FILE_RIGHTS & ~Rights.FD_WRITE;
        assertEquals(Errno.SUCCESS, h.call("fd_fdstat_set_rights", fd, noWrite, 0L));
        assertEquals(Errno.BADF, h.call("fd_write", fd, 200, 1, 300));
        assertEquals(Errno.NOTCAPABLE, h.call("fd_fdstat_set_rights", fd, ALL_FILE_RIGHTS, 0L));
        assertEquals(Errno.SUCCESS, h.call("fd_fdstat_set_rights", fd, noWrite & ~Rights.FD_SEEK, 0L));
        assertEquals(Errno.NOTCAPABLE, h.call("fd_seek", fd, 1L, WasiTypes.WHENCE_SET, 300));
        assertEquals(Errno.SUCCESS, h.call("fd_tell", fd, 300));
        assertEquals(2, h.u64(300));
    }

    @Test
    void pathOpenCornerCases() throws IOException {
        Path sandbox = sandbox();
        Files.writeString(sandbox.resolve("f.txt"), "x");
        Files.createDirectories(sandbox.resolve("d"));
        Files.createSymbolicLink(sandbox.resolve("l"), Path.of("f.txt"));
        WasiHarness h = harness(sandbox, null);
        int len = h.string(1000, "l");
        assertEquals(Errno.LOOP, h.call("path_open", 3, 0, 1000, len, 0, Rights.FD_READ, 0L, 0, 900));
        assertEquals(Errno.SUCCESS, h.call("path_open", 3, 1, 1000, len, 0, Rights.FD_READ, 0L, 0, 900));
        len = h.string(1000, "d");
        assertEquals(Errno.SUCCESS, h.call("path_open", 3, 0, 1000, len, 0, Rights.FD_READ, 0L, 0, 900));
        int dir = h.u32(900);
        h.iovecs(200, 500, 10);
        assertEquals(Errno.ISDIR, h.call("fd_read", dir, 200, 1, 300));
        assertEquals(Errno.ISDIR, h.call("path_open", 3, 0, 1000, len, WasiTypes.OFLAGS_TRUNC, 0L, 0L, 0, 900));
        // "d" was opened asking for fd_read only, which does not apply to a directory: no path_open.
        assertEquals(Errno.NOTCAPABLE, h.call("path_open", dir, 0, 1000, len, 0, 0L, 0L, 0, 900));
        assertEquals(Errno.SUCCESS, h.call("fd_fdstat_get", dir, 100));
        assertEquals(0L, h.u64(108));
        len = h.string(1000, "f.txt");
        assertEquals(Errno.NOTDIR, h.call("path_open", 3, 0, 1000, len, WasiTypes.OFLAGS_DIRECTORY, 0L, 0L, 0, 900));
        assertEquals(Errno.EXIST, h.call("path_open", 3, 0, 1000, len,
                WasiTypes.OFLAGS_CREAT | WasiTypes.OFLAGS_EXCL, 0L, 0L, 0, 900));
        assertEquals(Errno.INVAL, h.call("path_open", 3, 0, 1000, len, 16, 0L, 0L, 0, 900));
        assertEquals(Errno.NOTCAPABLE, h.call("path_open", 3, 0, 1000, len, 0, 1L << 40, 0L, 0, 900));
        len = h.string(1000, "/etc/passwd");
        assertEquals(Errno.NOTCAPABLE, h.call("path_open", 3, 1, 1000, len, 0, Rights.FD_READ, 0L, 0, 900));
        assertEquals(Errno.NOTDIR, h.call("path_open", 1, 1, 1000, len, 0, Rights.FD_READ, 0L, 0, 900));
        h.memory.write(1000, new byte[] {'a', 0, 'b'});
        assertEquals(Errno.INVAL, h.call("path_open", 3, 1, 1000, 3, 0, 0L, 0L, 0, 900));
        h.memory.write(1000, new byte[] {(byte) 0xC3, 'b'});
        assertEquals(Errno.ILSEQ, h.call("path_open", 3, 1, 1000, 2, 0, 0L, 0L, 0, 900));
        assertEquals(Errno.NAMETOOLONG, h.call("path_open", 3, 1, 1000, 5000, 0, 0L, 0L, 0, 900));
    }

    @Test
    void tooManyOpenDescriptorsIsMfile() throws IOException {
        Path sandbox = sandbox();
        Files.writeString(sandbox.resolve("f.txt"), "x");
        WasiHarness h = harness(sandbox, null);
        int len = h.string(1000, "f.txt");
        int opened = 0;
        int errno;
        while ((errno = h.call("path_open", 3, 0, 1000, len, 0, Rights.FD_READ, 0L, 0, 900)) == 0) {
            opened++;
        }
        assertEquals(Errno.MFILE, errno);
        assertEquals(FdTable.MAX_OPEN - 4, opened);
        h.wasi.close();
        assertEquals(Errno.BADF, h.call("fd_close", 900));
    }

    @Test
    void preopenedDirectoriesAreDescribed() throws IOException {
        WasiHarness h = harness(sandbox(), null);
        assertEquals(Errno.SUCCESS, h.call("fd_prestat_get", 3, 100));
        assertEquals(WasiTypes.PREOPENTYPE_DIR, h.memory.readByte(100));
        assertEquals(8, h.u32(104));
        assertEquals(Errno.NAMETOOLONG, h.call("fd_prestat_dir_name", 3, 200, 7));
        assertEquals(Errno.SUCCESS, h.call("fd_prestat_dir_name", 3, 200, 8));
        assertEquals("/sandbox", new String(h.memory.read(200, 8), StandardCharsets.UTF_8));
        assertEquals(Errno.BADF, h.call("fd_prestat_get", 4, 100));
        assertEquals(Errno.BADF, h.call("fd_prestat_get", 0, 100));
        assertEquals(Errno.BADF, h.call("fd_renumber", 3, 7));
        assertEquals(Errno.SUCCESS, h.call("fd_renumber", 3, 2));
        assertEquals(Errno.SUCCESS, h.call("fd_prestat_get", 2, 100));
        assertEquals(Errno.BADF, h.call("fd_prestat_get", 3, 100));
    }

    @Test
    void renamedOpenFilesKeepTheirStat() throws IOException {
        Path sandbox = sandbox();
        Files.createDirectories(sandbox.resolve("a"));
        Files.writeString(sandbox.resolve("a/f.txt"), "hello");
        WasiHarness h = harness(sandbox, null);
        int fd = h.open(3, "a/f.txt", 0, ALL_FILE_RIGHTS, 0);
        assertEquals(Errno.SUCCESS, h.call("fd_filestat_get", fd, 100));
        long ino = h.u64(108);
        int from = h.string(1000, "a");
        int to = h.string(1100, "b");
        assertEquals(Errno.SUCCESS, h.call("path_rename", 3, 1000, from, 3, 1100, to));
        assertEquals(Errno.SUCCESS, h.call("fd_filestat_set_times", fd, 0L, 5_000_000_000L, WasiTypes.FST_MTIM));
        assertEquals(5, Files.getLastModifiedTime(sandbox.resolve("b/f.txt")).toMillis() / 1000);
        assertEquals(Errno.SUCCESS, h.call("fd_filestat_get", fd, 100));
        assertEquals(ino, h.u64(108));
        assertEquals(5, h.u64(132));
        assertEquals(5_000_000_000L, h.u64(148));
        Files.delete(sandbox.resolve("b/f.txt"));
        assertEquals(Errno.SUCCESS, h.call("fd_filestat_get", fd, 100));
        assertEquals(ino, h.u64(108));
        assertEquals(Errno.NOENT, h.call("fd_filestat_set_times", fd, 0L, 0L, WasiTypes.FST_MTIM_NOW));
        assertEquals(Errno.INVAL, h.call("fd_filestat_set_times", fd, 0L, 0L, WasiTypes.FST_MTIM | WasiTypes.FST_MTIM_NOW));
    }

    @Test
    void truncationAndAllocationKeepTheOffset() throws IOException {
        Path sandbox = sandbox();
        Files.writeString(sandbox.resolve("f.txt"), "0123456789");
        WasiHarness h = harness(sandbox, null);
        int fd = h.open(3, "f.txt", 0, ALL_FILE_RIGHTS, 0);
        assertEquals(Errno.SUCCESS, h.call("fd_seek", fd, 8L, WasiTypes.WHENCE_SET, 300));
        assertEquals(Errno.SUCCESS, h.call("fd_filestat_set_size", fd, 4L));
        assertEquals(Errno.SUCCESS, h.call("fd_tell", fd, 300));
        assertEquals(8, h.u64(300));
        assertEquals(Errno.SUCCESS, h.call("fd_allocate", fd, 10L, 6L));
        assertEquals(16, Files.size(sandbox.resolve("f.txt")));
        assertEquals(Errno.INVAL, h.call("fd_filestat_set_size", fd, -1L));
        assertEquals(Errno.SUCCESS, h.call("fd_seek", fd, -2L, WasiTypes.WHENCE_END, 300));
        assertEquals(14, h.u64(300));
        assertEquals(Errno.INVAL, h.call("fd_seek", fd, -20L, WasiTypes.WHENCE_CUR, 300));
        assertEquals(Errno.INVAL, h.call("fd_seek", fd, 0L, 3, 300));
        assertEquals(Errno.SPIPE, h.call("fd_seek", 0, 0L, WasiTypes.WHENCE_CUR, 300));
        assertEquals(Errno.SUCCESS, h.call("fd_advise", fd, 0L, 0L, 5));
        assertEquals(Errno.INVAL, h.call("fd_advise", fd, 0L, 0L, 6));
        assertEquals(Errno.SUCCESS, h.call("fd_sync", fd));
        assertEquals(Errno.SUCCESS, h.call("fd_datasync", fd));
        assertEquals(Errno.NOTCAPABLE, h.call("fd_sync", 1));
    }

    @Test
    void symlinksOutOfTheSandboxCannotBeCreated() throws IOException {
        Path sandbox = sandbox();
        Files.createDirectories(sandbox.resolve("a/b"));
        WasiHarness h = harness(sandbox, null);
        String[][] cases = {{"../x", "l1"}, {"/etc/passwd", "l2"}, {"b/../../../x", "a/l3"}, {"../../../x", "a/b/l4"}, {"b/../../../x", "a/l5"}};
        for (String[] c : cases) {
            int tl = h.string(1000, c[0]);
            int nl = h.string(1100, c[1]);
            assertEquals(Errno.NOTCAPABLE, h.call("path_symlink", 1000, tl, 3, 1100, nl), c[0]);
        }
        int tl = h.string(1000, "../../a");
        int nl = h.string(1100, "a/b/ok");
        assertEquals(Errno.SUCCESS, h.call("path_symlink", 1000, tl, 3, 1100, nl));
        assertEquals(Errno.SUCCESS, h.call("path_readlink", 3, 1100, nl, 1200, 3, 1300));
        assertEquals(3, h.u32(1300));
        assertEquals("../", new String(h.memory.read(1200, 3), StandardCharsets.UTF_8));
        assertEquals(Errno.EXIST, h.call("path_symlink", 1000, tl, 3, 1100, nl));
        // Lexically inside, physically out: "s" is the root, so "s/.." is its parent.
        Files.createSymbolicLink(sandbox.resolve("s"), Path.of("."));
        tl = h.string(1000, "s/..");
        nl = h.string(1100, "sneaky");
        assertEquals(Errno.NOTCAPABLE, h.call("path_symlink", 1000, tl, 3, 1100, nl));
        assertTrue(Files.notExists(sandbox.resolve("sneaky"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void directoriesCannotBeRemovedOrRenamedAtTheRoot() throws IOException {
        Path sandbox = sandbox();
        Files.createDirectories(sandbox.resolve("d"));
        WasiHarness h = harness(sandbox, null);
        int dot = h.string(1000, ".");
        assertEquals(Errno.INVAL, h.call("path_remove_directory", 3, 1000, dot));
        int up = h.string(1000, "d/..");
        assertEquals(Errno.BUSY, h.call("path_remove_directory", 3, 1000, up));
        int d = h.string(1100, "e");
        assertEquals(Errno.BUSY, h.call("path_rename", 3, 1000, up, 3, 1100, d));
        assertEquals(Errno.NOTCAPABLE, h.call("path_remove_directory", 3, 1000, h.string(1000, "..")));
        assertTrue(Files.isDirectory(sandbox));
    }

    @Test
    void aSleepingProgramCanBeInterrupted() {
        WasiHarness h = new WasiHarness(WasiConfig.builder().build());
        h.memory.writeLong(100, 1);
        h.memory.writeByte(108, (byte) WasiTypes.EVENTTYPE_CLOCK);
        h.memory.writeInt(116, WasiClock.Id.MONOTONIC.ordinal());
        h.memory.writeLong(124, 60_000_000_000L);
        long start = System.nanoTime();
        h.instance.interruptAfter(Duration.ofMillis(100));
        Trap t = assertThrows(Trap.class, () -> h.call("poll_oneoff", 100, 200, 1, 300));
        assertEquals(TrapKind.INTERRUPTED, t.kind());
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void aDeterministicClockSleepsWithoutWaiting() {
        WasiClock clock = WasiClock.deterministic(1000);
        WasiHarness h = new WasiHarness(WasiConfig.builder().clock(clock).build());
        h.memory.writeByte(108, (byte) WasiTypes.EVENTTYPE_CLOCK);
        h.memory.writeInt(116, WasiClock.Id.REALTIME.ordinal());
        h.memory.writeLong(124, 3600_000_000_000L);
        long start = System.nanoTime();
        assertEquals(Errno.SUCCESS, h.call("poll_oneoff", 100, 200, 1, 300));
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
        assertEquals(1, h.u32(300));
        assertTrue(clock.time(WasiClock.Id.REALTIME) >= 3600_000_000_000L);
        h.memory.writeInt(116, WasiClock.Id.PROCESS_CPUTIME.ordinal());
        assertEquals(Errno.SUCCESS, h.call("poll_oneoff", 100, 200, 1, 300));
        assertEquals(Errno.NOTSUP, h.memory.readByte(208));
        h.memory.writeByte(108, (byte) 3);
        assertEquals(Errno.INVAL, h.call("poll_oneoff", 100, 200, 1, 300));
    }
}
