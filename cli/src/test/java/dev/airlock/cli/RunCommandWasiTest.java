package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.testing.WasmBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airlock run FILE.wasm} without {@code --invoke}: WASI command modules, with arguments,
 * environment variables, read-write and read-only directories, the program's exit status, traps
 * and usage errors. The modules are assembled here (no C toolchain needed).
 */
class RunCommandWasiTest {
    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;
    private static final String WASI = "wasi_snapshot_preview1";
    /** {@code errno::rofs}. */
    private static final int ROFS = 69;
    /** {@code errno::notcapable}. */
    private static final int NOTCAPABLE = 76;

    /** Where modules and directories are made. */
    @TempDir
    Path dir;

    private Cli.Result run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "run";
        System.arraycopy(args, 0, full, 1, args.length);
        Cli.Result r = Cli.run(full);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), () -> "stack trace or exception name:\n" + r);
        return r;
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file.toString();
    }

    /** Imports {@code name} of the given type from WASI. */
    private static int wasi(WasmBuilder b, String name, ValType[] params, ValType... results) {
        return b.importFunction(WASI, name, b.type(params, results));
    }

    private static ValType[] i32s(int n) {
        ValType[] t = new ValType[n];
        java.util.Arrays.fill(t, I32);
        return t;
    }

    /** {@code mem[address] = value} (i32). */
    private static void store(WasmBuilder.Code c, int address, int value) {
        c.i32Const(address).i32Const(value).mem(0x36, 2, 0);
    }

    /** {@code mem[address] = mem[from]} (i32). */
    private static void copy(WasmBuilder.Code c, int address, int from) {
        c.i32Const(address).i32Const(from).mem(0x28, 2, 0).mem(0x36, 2, 0);
    }

    /**
     * A command that writes its argument strings (NUL-separated) to stdout, its environment
     * strings to stderr, and exits with its argument count.
     */
    private String echoModule() throws IOException {
        WasmBuilder b = new WasmBuilder();
        int argsSizes = wasi(b, "args_sizes_get", i32s(2), I32);
        int argsGet = wasi(b, "args_get", i32s(2), I32);
        int envSizes = wasi(b, "environ_sizes_get", i32s(2), I32);
        int envGet = wasi(b, "environ_get", i32s(2), I32);
        int fdWrite = wasi(b, "fd_write", i32s(4), I32);
        int exit = wasi(b, "proc_exit", i32s(1));
        WasmBuilder.Code c = b.function(b.type());
        c.i32Const(0).i32Const(4).op(0x10, argsSizes).op(0x1A);
        c.i32Const(16).i32Const(1024).op(0x10, argsGet).op(0x1A);
        store(c, 8, 1024);
        copy(c, 12, 4);
        c.i32Const(1).i32Const(8).i32Const(1).i32Const(20).op(0x10, fdWrite).op(0x1A);
        c.i32Const(0).i32Const(4).op(0x10, envSizes).op(0x1A);
        c.i32Const(16).i32Const(2048).op(0x10, envGet).op(0x1A);
        store(c, 8, 2048);
        copy(c, 12, 4);
        c.i32Const(2).i32Const(8).i32Const(1).i32Const(20).op(0x10, fdWrite).op(0x1A);
        c.i32Const(0).i32Const(4).op(0x10, argsSizes).op(0x1A);
        c.i32Const(0).mem(0x28, 2, 0).op(0x10, exit);
        c.end();
        b.memory(1, -1).export("memory", 2, 0);
        b.exportFunction("_start", c.functionIndex);
        return write("echo.wasm", b.build());
    }

    /**
     * A command that opens {@code data.txt} in its first preopened directory (descriptor 3) with
     * {@code oflags}, copies up to 100 bytes of it to stdout, and exits with the errno of the open.
     */
    private String openModule(String name, int oflags, long rights) throws IOException {
        WasmBuilder b = new WasmBuilder();
        int pathOpen = wasi(b, "path_open", new ValType[] {I32, I32, I32, I32, I32, I64, I64, I32, I32}, I32);
        int fdRead = wasi(b, "fd_read", i32s(4), I32);
        int fdWrite = wasi(b, "fd_write", i32s(4), I32);
        int exit = wasi(b, "proc_exit", i32s(1));
        WasmBuilder.Code c = b.function(b.type());
        c.locals(1, I32);
        c.i32Const(3).i32Const(1).i32Const(512).i32Const(8).i32Const(oflags).i64Const(rights).i64Const(0).i32Const(0)
                .i32Const(100).op(0x10, pathOpen).op(0x22, 0); // local.tee 0
        c.block(0x04, null); // if errno != 0: exit(errno)
        c.op(0x20, 0).op(0x10, exit);
        c.end();
        store(c, 8, 1024);
        store(c, 12, 100);
        c.i32Const(100).mem(0x28, 2, 0).i32Const(8).i32Const(1).i32Const(20).op(0x10, fdRead).op(0x1A);
        copy(c, 12, 20);
        c.i32Const(1).i32Const(8).i32Const(1).i32Const(24).op(0x10, fdWrite).op(0x1A);
        c.end();
        b.memory(1, -1).export("memory", 2, 0);
        b.activeData(512, "data.txt".getBytes(StandardCharsets.US_ASCII));
        b.exportFunction("_start", c.functionIndex);
        return write(name, b.build());
    }

    @Test
    void passesArgumentsAndOnlyTheGivenEnvironment() throws IOException {
        String echo = echoModule();
        Cli.Result r = run(echo, "--env", "A=1", "--env=B=x=y", "--", "one", "--two");
        assertEquals(3, r.status(), r::toString);
        assertEquals(echo + "\0one\0--two\0", r.out());
        assertEquals("A=1\0B=x=y\0", r.err());
        Cli.Result none = run(echo);
        assertEquals(1, none.status(), none::toString);
        assertEquals(echo + "\0", none.out());
        assertEquals("", none.err());
    }

    @Test
    void readsFromAGrantedDirectory() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("data.txt"), "granted contents\n");
        String reader = openModule("read.wasm", 0, 2 /* fd_read */);
        Cli.Result r = run(reader, "--dir", data + "::/data");
        assertEquals(0, r.status(), r::toString);
        assertEquals("granted contents\n", r.out());
        Cli.Result ro = run(reader, "--dir-ro=" + data + "::/data");
        assertEquals(0, ro.status(), ro::toString);
        assertEquals("granted contents\n", ro.out());
        Cli.Result nothing = run(reader);
        assertEquals(8 /* badf: no descriptor 3 */, nothing.status(), nothing::toString);
    }

    @Test
    void readOnlyDirectoriesRefuseWrites() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        String creator = openModule("create.wasm", 1 /* creat */, 64 /* fd_write */);
        Cli.Result ro = run(creator, "--dir-ro", data + "::.");
        assertEquals(ROFS, ro.status(), ro::toString);
        assertFalse(Files.exists(data.resolve("data.txt")));
        Cli.Result rw = run(creator, "--dir", data.toString());
        assertEquals(0, rw.status(), rw::toString);
        assertTrue(Files.exists(data.resolve("data.txt")));
    }

    @Test
    void pathsCannotLeaveTheGrantedDirectory() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(data.resolve("data.txt"), Path.of("../secret.txt"));
        Cli.Result r = run(openModule("read.wasm", 0, 2), "--dir", data + "::/data");
        assertEquals(NOTCAPABLE, r.status(), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void aTrapPrintsItsKindAndExits3() throws IOException {
        WasmBuilder b = new WasmBuilder();
        wasi(b, "proc_exit", i32s(1));
        WasmBuilder.Code c = b.function(b.type()).op(0x00).end();
        b.memory(1, -1).export("memory", 2, 0);
        b.exportFunction("_start", c.functionIndex);
        Cli.Result r = run(write("trap.wasm", b.build()));
        assertEquals(ExitStatus.TRAP, r.status(), r::toString);
        assertEquals("trap: unreachable: unreachable\n", r.err());
    }

    @Test
    void otherImportsAreUnlinkableUnlessStubbed() throws IOException {
        WasmBuilder b = new WasmBuilder();
        int log = b.importFunction("env", "log", b.type(new ValType[] {I32}, new ValType[0]));
        WasmBuilder.Code c = b.function(b.type()).i32Const(5).op(0x10, log).end();
        b.exportFunction("_start", c.functionIndex);
        String module = write("env.wasm", b.build());
        Cli.Result r = run(module);
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r::toString);
        assertTrue(r.err().startsWith("unlinkable: unknown import: \"env\" \"log\""), r::toString);
        Cli.Result stubbed = run(module, "--stub-imports");
        assertEquals(0, stubbed.status(), stubbed::toString);
        assertEquals("import env.log(i32:5)\n", stubbed.out());
    }

    @Test
    void usageErrors() throws IOException {
        String echo = echoModule();
        assertUsage("--dir needs a value", echo, "--dir");
        assertUsage("--dir needs HOST::GUEST (or HOST), got '::x'", echo, "--dir", "::x");
        assertUsage("--env needs NAME=VALUE, got 'novalue'", echo, "--env", "novalue");
        assertUsage("--dir, --dir-ro and --env are for WASI commands (without --invoke)", echo, "--invoke", "_start",
                "--env", "A=1");
        Cli.Result missing = run(echo, "--dir", dir.resolve("missing").toString());
        assertEquals(ExitStatus.BAD_INPUT, missing.status(), missing::toString);
        assertEquals("cannot preopen " + dir.resolve("missing") + ": no such file or directory\n", missing.err());
    }

    private void assertUsage(String message, String... args) {
        Cli.Result r = run(args);
        assertEquals(ExitStatus.USAGE, r.status(), r::toString);
        assertTrue(r.err().startsWith("airlock run: " + message + "\n"), r::toString);
    }
}
