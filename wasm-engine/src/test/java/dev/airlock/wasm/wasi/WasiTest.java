package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.testing.WasmBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Wasi} end to end: the C programs of {@code src/test/c/wasi}, compiled with clang for
 * wasm32-wasi, run on our engine with our WASI in temporary directories. Where node's WASI
 * behaves as POSIX does, the same program runs under node with the same arguments, environment,
 * preopened directory and standard input, and exit status, standard output, standard error (and
 * the directory tree left behind) must be identical. Where node's WASI is wrong or unsafe
 * (escapes through a symlink to {@code ..}, no read-only preopens, failing or crashing on
 * {@code poll_oneoff} on files, absolute clocks, bad pointers and sockets), our output is
 * checked against what the program must print.
 */
class WasiTest {
    /** Scratch space of each test. */
    @TempDir
    Path tmp;

    /** Creates the initial contents of a preopened directory. */
    @FunctionalInterface
    interface Setup {
        void create(Path dir) throws IOException;
    }

    /** Runs {@code program} with our WASI; {@code configure} adds grants to a builder that captures the output. */
    private static NodeWasi.Result ours(String program, java.util.function.Consumer<WasiConfig.Builder> configure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig.Builder b = WasiConfig.builder().stdout(out).stderr(err);
        configure.accept(b);
        int status = Wasi.run(WasiPrograms.module(program), b.build());
        return new NodeWasi.Result(status, out.toByteArray(), err.toByteArray());
    }

    /**
     * Runs {@code program} under our WASI and under node, each with a fresh directory made by
     * {@code setup} preopened as {@code /sandbox} (if setup is not null), and requires identical
     * results and trees. Returns ours (without node, only ours is run: the caller's own checks
     * still apply).
     */
    private NodeWasi.Result compareWithNode(String program, List<String> args, Map<String, String> env, Setup setup,
            byte[] stdin) throws IOException {
        return compareWithNode(program, args, env, setup, stdin, null);
    }

    /**
     * As above; if {@code mask} is not null, stdout is compared after it has been applied to both
     * sides (for a line whose value depends on the host's timing rather than on the WASI
     * implementation).
     */
    private NodeWasi.Result compareWithNode(String program, List<String> args, Map<String, String> env, Setup setup,
            byte[] stdin, UnaryOperator<String> mask) throws IOException {
        Path oursDir = Files.createDirectories(tmp.resolve("ours/sandbox"));
        Path nodeDir = Files.createDirectories(tmp.resolve("node/sandbox"));
        if (setup != null) {
            setup.create(oursDir);
            setup.create(nodeDir);
        }
        NodeWasi.Result ours = ours(program, b -> {
            b.args(args).environment(env).stdin(stdin);
            if (setup != null) {
                b.preopen(oursDir, "/sandbox");
            }
        });
        if (!NodeWasi.available()) {
            return ours;
        }
        Map<String, Path> preopens = setup != null ? Map.of("/sandbox", nodeDir) : Map.of();
        NodeWasi.Result node = NodeWasi.run(tmp.resolve("node-run"), WasiPrograms.wasm(program), args, env, preopens, stdin);
        String both = "\n=== ours:\n" + ours + "\n=== node:\n" + node;
        assertEquals(node.status(), ours.status(), "exit status" + both);
        if (mask == null) {
            assertEquals(node.out(), ours.out(), "stdout" + both);
            assertArrayEquals(node.stdout(), ours.stdout(), "stdout bytes" + both);
        } else {
            assertEquals(mask.apply(node.out()), mask.apply(ours.out()), "stdout" + both);
        }
        assertEquals(node.err(), ours.err(), "stderr" + both);
        if (setup != null) {
            assertEquals(tree(nodeDir), tree(oursDir), "directory left behind");
        }
        return ours;
    }

    /** Every file, directory and link below {@code dir}, with file contents and link targets. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    result.put(name, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    result.put(name, "dir");
                } else {
                    result.put(name, "file " + Arrays.hashCode(Files.readAllBytes(p)));
                }
            }
        }
        return result;
    }

    private static final byte[] NO_INPUT = new byte[0];

    @Test
    void argumentsAndEnvironmentMatchNode() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hello world");
        env.put("EMPTY", "");
        env.put("ÜTF", "ß=∑");
        NodeWasi.Result r = compareWithNode("args_env", List.of("args_env", "one", "two words", "ünïcödé", ""), env,
                null, NO_INPUT);
        assertEquals(0, r.status());
        assertEquals("argc=5\nargv[0]=[args_env]\nargv[1]=[one]\nargv[2]=[two words]\nargv[3]=[ünïcödé]\nargv[4]=[]\n"
                + "env[0]=[GREETING=hello world]\nenv[1]=[EMPTY=]\nenv[2]=[ÜTF=ß=∑]\nGREETING=hello world\n"
                + "MISSING=(unset)\n", r.out());
        assertEquals("args_env: 5 args, 3 variables\n", r.err());
    }

    @Test
    void nothingIsGrantedByDefault() {
        NodeWasi.Result r = ours("args_env", b -> { });
        assertEquals(0, r.status());
        assertEquals("argc=0\nGREETING=(unset)\nMISSING=(unset)\n", r.out());
        NodeWasi.Result files = ours("escape", b -> b.args("escape", "/sandbox"));
        assertTrue(files.out().endsWith("open loop: denied\ninside still works: NO\nall denied\n"), files::toString);
    }

    @Test
    void exitStatusesMatchNode() throws IOException {
        String[][] cases = {{"return", "0"}, {"return", "3"}, {"exit", "0"}, {"exit", "7"}, {"_Exit", "9"}, {"exit", "255"}};
        for (String[] c : cases) {
            NodeWasi.Result r = compareWithNode("exit_code", List.of("exit_code", c[0], c[1]), Map.of(), null, NO_INPUT);
            assertEquals(Integer.parseInt(c[1]), r.status(), r::toString);
            assertEquals("ending with " + c[0] + " " + c[1] + (c[0].equals("return") ? "\n" : "")
                    + (c[0].equals("_Exit") ? "" : "atexit handler ran\n"), r.out());
        }
    }

    @Test
    void procExitStatusIsUnsigned32Bits() {
        assertEquals(-2, ours("exit_code", b -> b.args("exit_code", "exit", "-2")).status());
    }

    @Test
    void abortTrapsAsUnreachable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args("exit_code", "abort", "0").stdout(out).build();
        WasmModule module = WasiPrograms.module("exit_code");
        Trap t = assertThrows(Trap.class, () -> Wasi.run(module, config));
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        assertEquals("ending with abort 0", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reactorsAreInitializedAndCommandsNeedStart() {
        // A reactor: _initialize writes "init" to stdout; "greet" writes it again.
        WasmBuilder b = new WasmBuilder();
        ValType i32 = ValType.I32;
        int fdWrite = b.importFunction(Wasi.MODULE, "fd_write", b.type(new ValType[] {i32, i32, i32, i32}, new ValType[] {i32}));
        WasmBuilder.Code write = b.function(b.type());
        write.i32Const(1).i32Const(0).i32Const(1).i32Const(16).op(0x10, fdWrite).op(0x1A).end();
        b.memory(1, -1).export("memory", 2, 0);
        b.activeData(0, new byte[] {32, 0, 0, 0, 4, 0, 0, 0});
        b.activeData(32, "init".getBytes(StandardCharsets.US_ASCII));
        b.exportFunction("_initialize", write.functionIndex);
        b.exportFunction("greet", write.functionIndex);
        WasmModule module = WasmModule.compile(b.build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Wasi wasi = new Wasi(WasiConfig.builder().stdout(out).build())) {
            Instance instance = module.instantiate(wasi.addTo(new Imports()));
            wasi.initialize(instance);
            assertEquals("init", out.toString(StandardCharsets.US_ASCII));
            instance.function("greet").call();
            assertEquals("initinit", out.toString(StandardCharsets.US_ASCII));
            assertThrows(IllegalArgumentException.class, () -> wasi.runCommand(instance));
        }
    }

    @Test
    void standardStreamsMatchNode() throws IOException {
        byte[] input = "hello\nWorld, ünïcödé\nno newline at the end".getBytes(StandardCharsets.UTF_8);
        NodeWasi.Result r = compareWithNode("stdio", List.of("stdio"), Map.of(), null, input);
        assertEquals("HELLO\nWORLD, üNïCöDé\nNO NEWLINE AT THE END", r.out()); // toupper works on bytes
        assertEquals("read " + input.length + " bytes, 2 lines, eof=1 error=0\n", r.err());
    }

    @Test
    void largeInputAndOutputMatchNode() throws IOException {
        byte[] input = new byte[3 << 20];
        new Random(7).nextBytes(input);
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) ('a' + (input[i] & 15));
        }
        compareWithNode("stdio", List.of("stdio"), Map.of(), null, input);
        NodeWasi.Result big = compareWithNode("stdio", List.of("stdio", "big", "8"), Map.of(), null, NO_INPUT);
        assertEquals(8 << 20, big.stdout().length);
    }

    @Test
    void largeWritesAndReadsAreFast() {
        byte[] input = new byte[16 << 20];
        Arrays.fill(input, (byte) 'x');
        WasiPrograms.module("stdio");
        long start = System.nanoTime();
        NodeWasi.Result big = ours("stdio", b -> b.args("stdio", "big", "32"));
        NodeWasi.Result copy = ours("stdio", b -> b.args("stdio").stdin(input));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(32 << 20, big.stdout().length);
        assertEquals(input.length, copy.stdout().length);
        assertTrue(millis < 10_000, "32 MiB out and 16 MiB through took " + millis + " ms");
    }

    @Test
    void filesAndDirectoriesMatchNode() throws IOException {
        NodeWasi.Result r = compareWithNode("files", List.of("files", "/sandbox"), Map.of(), dir -> { }, NO_INPUT);
        assertEquals(0, r.status());
        assertFalse(r.out().contains("BAD") || r.out().contains(" NO"), r::toString);
        assertTrue(r.out().contains("big: 300 entries, sum of numbers 44850\nseekdir back: same entry yes\n"), r::toString);
    }

    @Test
    void noPathLeavesThePreopenedDirectory() throws IOException {
        Path base = Files.createDirectories(tmp.resolve("base"));
        Path outside = Files.writeString(base.resolve("outside.txt"), "secret\n");
        Path sandbox = Files.createDirectories(base.resolve("sandbox"));
        Files.createDirectories(sandbox.resolve("sub"));
        Files.writeString(sandbox.resolve("sub/inside.txt"), "inside\n");
        Files.createSymbolicLink(sandbox.resolve("link_out"), Path.of("../outside.txt"));
        Files.createSymbolicLink(sandbox.resolve("abs_link"), outside.toAbsolutePath());
        Files.createSymbolicLink(sandbox.resolve("dir_out"), Path.of(".."));
        Files.createSymbolicLink(sandbox.resolve("loop"), Path.of("loop"));
        NodeWasi.Result r = ours("escape", b -> b.args("escape", "/sandbox").preopen(sandbox, "/sandbox"));
        assertFalse(r.out().contains("ESCAPED"), r::toString);
        assertTrue(r.out().endsWith("open loop: ELOOP\ninside still works: yes\nall denied\n"), r::toString);
        assertEquals(0, r.status(), r::toString);
        assertEquals("secret\n", Files.readString(outside));
        try (Stream<Path> list = Files.list(base)) {
            assertEquals(List.of("outside.txt", "sandbox"), list.map(p -> p.getFileName().toString()).sorted().toList());
        }
        List<String> links = new ArrayList<>();
        tree(sandbox).forEach((name, what) -> {
            if (what.startsWith("link ")) {
                links.add(name);
            }
        });
        assertEquals(List.of("abs_link", "dir_out", "link_out", "loop"), links, "the program made a link out of the sandbox");
    }

    @Test
    void readOnlyPreopenRefusesEveryModification() throws IOException {
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        Files.writeString(ro.resolve("file.txt"), "original\n");
        Files.createDirectories(ro.resolve("dir"));
        Path rw = Files.createDirectories(tmp.resolve("rw"));
        Files.writeString(rw.resolve("mine.txt"), "mine\n");
        Map<String, String> before = tree(ro);
        NodeWasi.Result r = ours("readonly", b -> b.args("readonly", "/ro", "/rw").preopenReadOnly(ro, "/ro").preopen(rw, "/rw"));
        assertEquals(""
                + "read: 9 [original]\n"
                + "stat: ok\n"
                + "opendir: ok\n"
                + "write to O_RDONLY fd: refused EBADF\n"
                + "ftruncate O_RDONLY fd: refused EROFS\n"
                + "open O_WRONLY: refused EROFS\n"
                + "open O_RDWR: refused EROFS\n"
                + "open O_TRUNC: refused EROFS\n"
                + "fopen w: refused EROFS\n"
                + "fopen a: refused EROFS\n"
                + "create new file: refused EROFS\n"
                + "mkdir: refused EROFS\n"
                + "rmdir: refused EROFS\n"
                + "unlink: refused EROFS\n"
                + "rename inside: refused EROFS\n"
                + "rename out to rw: refused EROFS\n"
                + "rename in from rw: refused EROFS\n"
                + "link out to rw: refused EROFS\n"
                + "symlink: refused EROFS\n"
                + "truncate: refused EROFS\n"
                + "utimes: refused EROFS\n"
                + "futimens: refused EROFS\n"
                + "rw still writable: yes\n"
                + "file unchanged: 9 [original]\n", r.out(), r::toString);
        assertEquals(before, tree(ro));
        assertEquals("mine\n", Files.readString(rw.resolve("mine.txt")));
    }

    @Test
    void clocksMatchNode() throws IOException {
        // Whether node's sleep lasted the full 30 ms depends on node's timer, not on its WASI: that
        // verdict is checked for ours only.
        NodeWasi.Result r = compareWithNode("clocks", List.of("clocks"), Map.of(), null, NO_INPUT,
                out -> out.replaceAll("slept at least 30ms: \\w+", "slept at least 30ms: ?"));
        assertFalse(r.out().contains("BAD") || r.out().contains("NO"), r::toString);
    }

    @Test
    void anInjectedClockMakesTimeDeterministic() {
        long start = 1_700_000_000_123_000_000L;
        NodeWasi.Result first = ours("clocks", b -> b.args("clocks", "print").clock(WasiClock.deterministic(start)));
        NodeWasi.Result second = ours("clocks", b -> b.args("clocks", "print").clock(WasiClock.deterministic(start)));
        assertEquals(first.out(), second.out());
        assertTrue(first.out().startsWith("realtime_s=1700000002\ntime=1700000002\nslept_ns=25000"), first::toString);
    }

    @Test
    void randomMatchesNode() throws IOException {
        NodeWasi.Result r = compareWithNode("random", List.of("random"), Map.of(), null, NO_INPUT);
        assertEquals("two draws differ: yes\nnot all zero: yes\n", r.out());
    }

    @Test
    void anInjectedRandomSourceMakesRandomDeterministic() {
        NodeWasi.Result r = ours("random", b -> b.args("random", "hex").random(new Random(42)));
        byte[] expected = new byte[64];
        new Random(42).nextBytes(expected);
        assertEquals(HexFormat.of().formatHex(expected, 0, 16) + "\n", r.out());
    }

    @Test
    void pollWaitsForClocksAndReportsReadyFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(dir.resolve("data.txt"), "0123456789");
        NodeWasi.Result r = ours("poll", b -> b.args("poll", "/sandbox", "abs").preopen(dir, "/sandbox"));
        assertEquals(""
                + "clock: errno 0, 1 event, userdata 42, type 0, error 0, waited 25ms: yes\n"
                + "absolute clock: errno 0, 1 event, waited: yes\n"
                + "file and stdout: errno 0, 2 events, at once: yes\n"
                + "  event userdata 2 type 1 error 0 nbytes 10\n"
                + "  event userdata 3 type 2 error 0\n"
                + "bad fd: errno 0, 1 event, error 8\n"
                + "no subscriptions: errno 28\n", r.out(), r::toString);
    }

    @Test
    void badPointersGiveFault() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("f"));
        NodeWasi.Result r = ours("faults", b -> b.args("faults").preopen(dir, "/sandbox"));
        assertEquals(0, r.status(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals(25, lines.size(), r::toString);
        for (String line : lines) {
            assertTrue(line.endsWith(" 21"), () -> "not EFAULT: " + line + "\n" + r);
        }
    }

    @Test
    void socketsSignalsAndClosedDescriptorsAreRefused() {
        NodeWasi.Result r = ours("unsupported", b -> b.args("unsupported"));
        assertEquals(""
                + "sock_accept(1) 58\n"
                + "sock_recv(0) 58\n"
                + "sock_send(1) 58\n"
                + "sock_shutdown(1) 58\n"
                + "sock_accept(99) 8\n"
                + "proc_raise 52\n"
                + "sched_yield 0\n"
                + "fd_close(99) 8\n"
                + "fd_read(99) 8\n"
                + "fd_seek(1) 70\n"
                + "fd_prestat_get(1) 8\n"
                + "clock_time_get(9) 28\n", r.out(), r::toString);
    }
}
