package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.compile.CompilerOptions;
import dev.airlock.wasm.testing.WasmBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code airlock run}: results, arguments, stub imports, and every kind of failure with its exit status. */
class RunCommandTest {
    /** Shorthand for {@link ValType#I32}. */
    private static final ValType I32 = ValType.I32;
    /** Shorthand for {@link ValType#I64}. */
    private static final ValType I64 = ValType.I64;
    /** Shorthand for {@link ValType#F32}. */
    private static final ValType F32 = ValType.F32;
    /** Shorthand for {@link ValType#F64}. */
    private static final ValType F64 = ValType.F64;
    /** Shorthand for {@link ValType#FUNCREF}. */
    private static final ValType FUNCREF = ValType.FUNCREF;
    /** Shorthand for {@link ValType#EXTERNREF}. */
    private static final ValType EXTERNREF = ValType.EXTERNREF;

    /** Where the test modules are written. */
    @TempDir
    Path dir;

    /** A module exporting identity functions for every type, constants, traps and a divider. */
    private String values;

    @BeforeEach
    void writeValuesModule() throws IOException {
        WasmBuilder b = new WasmBuilder();
        ValType[] types = {I32, I64, F32, F64, EXTERNREF, FUNCREF};
        String[] names = {"id_i32", "id_i64", "id_f32", "id_f64", "id_externref", "id_funcref"};
        for (int i = 0; i < types.length; i++) {
            int t = b.type(new ValType[] {types[i]}, new ValType[] {types[i]});
            WasmBuilder.Code f = b.function(t).op(0x20, 0).end();
            b.exportFunction(names[i], f.functionIndex);
        }
        WasmBuilder.Code constants = b.function(b.type(I32, I64, F32, F64))
                .i32Const(-5).i64Const(Long.MIN_VALUE).f32Const(0x7fa00001).f64Const(0x8000000000000000L).end();
        b.exportFunction("constants", constants.functionIndex);
        WasmBuilder.Code refs = b.function(b.type(FUNCREF, FUNCREF, EXTERNREF))
                .op(0xD0).op(FUNCREF.binaryCode).op(0xD2, 0).op(0xD0).op(EXTERNREF.binaryCode).end();
        b.exportFunction("refs", refs.functionIndex);
        WasmBuilder.Code div = b.function(b.type(new ValType[] {I32, I32}, new ValType[] {I32}))
                .op(0x20, 0).op(0x20, 1).op(0x6D).end();
        b.exportFunction("div", div.functionIndex);
        WasmBuilder.Code boom = b.function(b.type()).op(0x00).end();
        b.exportFunction("boom", boom.functionIndex);
        WasmBuilder.Code nothing = b.function(b.type()).end();
        b.exportFunction("nothing", nothing.functionIndex);
        b.memory(1, -1).export("memory", 2, 0);
        values = write("values.wasm", b.build());
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file.toString();
    }

    private Cli.Result run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "run";
        System.arraycopy(args, 0, full, 1, args.length);
        Cli.Result r = Cli.run(full);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), () -> "stack trace or exception name:\n" + r);
        return r;
    }

    private void assertRuns(String expectedOut, String... args) {
        Cli.Result r = run(args);
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertEquals(expectedOut, r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void printsIntegersAsSignedDecimal() {
        assertRuns("i32:-7\n", values, "--invoke", "id_i32", "i32:-7");
        assertRuns("i32:-1\n", values, "--invoke", "id_i32", "i32:4294967295");
        assertRuns("i32:-2147483648\n", values, "--invoke", "id_i32", "i32:2147483648");
        assertRuns("i64:-1\n", values, "--invoke", "id_i64", "i64:18446744073709551615");
        assertRuns("i64:9223372036854775807\n", values, "--invoke", "id_i64", "i64:0x7fffffffffffffff");
    }

    @Test
    void printsFloatsAsRawBitsIncludingNaNPayloads() {
        assertRuns("f32:0x3fc00000\n", values, "--invoke", "id_f32", "f32:1.5");
        assertRuns("f32:0xbf800000\n", values, "--invoke", "id_f32", "f32:-1");
        assertRuns("f32:0xff800000\n", values, "--invoke", "id_f32", "f32:-inf");
        assertRuns("f32:0x7fc00000\n", values, "--invoke", "id_f32", "f32:nan");
        assertRuns("f32:0xffc00000\n", values, "--invoke", "id_f32", "f32:-nan");
        assertRuns("f32:0x7fa00001\n", values, "--invoke", "id_f32", "f32:0x7fa00001");
        assertRuns("f32:0x7f800001\n", values, "--invoke", "id_f32", "f32:nan:0x1");
        assertRuns("f64:0x8000000000000000\n", values, "--invoke", "id_f64", "f64:-0");
        assertRuns("f64:0x3ff8000000000000\n", values, "--invoke", "id_f64", "f64:1.5");
        assertRuns("f64:0xfff0000000000001\n", values, "--invoke", "id_f64", "f64:-nan:0x1");
        assertRuns("f64:0x7ff4000000000000\n", values, "--invoke", "id_f64", "f64:0x7ff4000000000000");
    }

    @Test
    void printsEveryResultOfAMultiValueFunctionOnItsOwnLine() {
        assertRuns("i32:-5\ni64:-9223372036854775808\nf32:0x7fa00001\nf64:0x8000000000000000\n",
                values, "--invoke", "constants");
    }

    @Test
    void printsReferences() {
        assertRuns("ref.null\nref.func\nref.null\n", values, "--invoke", "refs");
        assertRuns("ref.extern:42\n", values, "--invoke", "id_externref", "ref.extern:42");
        assertRuns("ref.null\n", values, "--invoke", "id_externref", "ref.null");
        assertRuns("ref.null\n", values, "--invoke", "id_funcref", "ref.null");
    }

    @Test
    void printsNothingForAFunctionWithoutResults() {
        assertRuns("", values, "--invoke", "nothing");
    }

    @Test
    void acceptsOptionsInAnyOrderAndTheEqualsForm() {
        assertRuns("i32:3\n", "--invoke=div", values, "i32:7", "i32:2");
        assertRuns("i32:-3\n", values, "i32:-7", "--invoke", "div", "i32:2");
        assertRuns("i32:-3\n", values, "--invoke", "div", "--", "i32:-7", "i32:2");
    }

    @Test
    void trapExitsWithStatus3AndNamesTheKind() {
        Cli.Result r = run(values, "--invoke", "div", "i32:1", "i32:0");
        assertEquals(ExitStatus.TRAP, r.status(), r::toString);
        assertEquals("", r.out());
        assertEquals("trap: integer_divide_by_zero: integer divide by zero\n", r.err());

        Cli.Result overflow = run(values, "--invoke", "div", "i32:-2147483648", "i32:-1");
        assertEquals(ExitStatus.TRAP, overflow.status(), overflow::toString);
        assertEquals("trap: integer_overflow: integer overflow\n", overflow.err());

        Cli.Result unreachable = run(values, "--invoke", "boom");
        assertEquals(ExitStatus.TRAP, unreachable.status(), unreachable::toString);
        assertEquals("trap: unreachable: unreachable\n", unreachable.err());
    }

    @Test
    void infiniteRecursionTrapsWithCallStackExhausted() throws IOException {
        WasmBuilder b = new WasmBuilder();
        int t = b.type();
        WasmBuilder.Code f = b.function(t);
        f.op(0x10, f.functionIndex).end();
        b.exportFunction("f", f.functionIndex);
        Cli.Result r = run(write("recurse.wasm", b.build()), "--invoke", "f");
        assertEquals(ExitStatus.TRAP, r.status(), r::toString);
        assertOneLineStartingWith("trap: call_stack_exhausted: call stack exhausted", r.err());
    }

    @Test
    void trapInTheStartFunctionExitsWithStatus3() throws IOException {
        WasmBuilder b = new WasmBuilder();
        int t = b.type();
        WasmBuilder.Code start = b.function(t).op(0x00).end();
        WasmBuilder.Code f = b.function(t).end();
        b.start(start.functionIndex).exportFunction("f", f.functionIndex);
        Cli.Result r = run(write("start.wasm", b.build()), "--invoke", "f");
        assertEquals(ExitStatus.TRAP, r.status(), r::toString);
        assertEquals("trap: unreachable: unreachable\n", r.err());
    }

    @Test
    void malformedModuleExitsWithStatus2() throws IOException {
        Cli.Result r = run(write("bad.wasm", new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}), "--invoke", "f");
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r::toString);
        assertOneLineStartingWith("malformed module: ", r.err());

        Cli.Result text = run(write("text.wasm", "(module)".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                "--invoke", "f");
        assertEquals(ExitStatus.BAD_INPUT, text.status(), text::toString);
        assertOneLineStartingWith("malformed module: ", text.err());
    }

    @Test
    void invalidModuleExitsWithStatus2() throws IOException {
        WasmBuilder b = new WasmBuilder();
        WasmBuilder.Code f = b.function(b.type(I32)).end();
        b.exportFunction("f", f.functionIndex);
        Cli.Result r = run(write("invalid.wasm", b.build()), "--invoke", "f");
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r::toString);
        assertOneLineStartingWith("invalid module: ", r.err());
        assertEquals("", r.out());
    }

    /** A module that imports a function of each shape, a memory, a table and a global, and uses them. */
    private String importingModule() throws IOException {
        WasmBuilder b = new WasmBuilder();
        int log = b.importFunction("env", "log", b.type(new ValType[] {I32, F64, EXTERNREF}, new ValType[0]));
        int get = b.importFunction("env", "get", b.type(I32, F32));
        b.importMemory("env", "memory", 2, 10);
        b.importTable("env", "table", FUNCREF, 3, -1);
        b.importGlobal("env", "g", I64, true);
        // main(): log(7, 1.5, ref.extern param) ; get() -> (i32, f32); returns i32 + memory.size + table.size, the f32, g
        WasmBuilder.Code main = b.function(b.type(new ValType[] {EXTERNREF}, new ValType[] {I32, F32, I64}));
        main.locals(1, F32);
        main.i32Const(7).f64Const(Double.doubleToRawLongBits(1.5)).op(0x20, 0).op(0x10, log)
                .op(0x10, get)
                .op(0x21, 1) // local.set 1: the f32
                .op(0x3F).op(0x00).op(0x6A) // + memory.size
                .fc(16);
        main.u32(0); // table.size 0
        main.op(0x6A) // + table.size
                .op(0x20, 1)
                .op(0x23, 0) // global.get 0
                .end();
        b.exportFunction("main", main.functionIndex);
        return write("imports.wasm", b.build());
    }

    @Test
    void unlinkableWithoutStubImportsExitsWithStatus2() throws IOException {
        Cli.Result r = run(importingModule(), "--invoke", "main", "ref.null");
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r::toString);
        assertOneLineStartingWith("unlinkable: unknown import: \"env\" \"log\"", r.err());
        assertTrue(r.err().contains("--stub-imports"), r::toString);
    }

    @Test
    void stubImportsPrintTheirCallsAndReturnZeros() throws IOException {
        // memory.size 2 + table.size 3 + 0 from the stub; the f32 and the global are zero.
        assertRuns("import env.log(i32:7, f64:0x3ff8000000000000, ref.extern:5)\nimport env.get()\n"
                + "i32:5\nf32:0x00000000\ni64:0\n", importingModule(), "--stub-imports", "--invoke", "main", "ref.extern:5");
    }

    @Test
    void stubsRunDuringTheStartFunction() throws IOException {
        WasmBuilder b = new WasmBuilder();
        int hello = b.importFunction("host", "hello", b.type(new ValType[] {I64, F32}, new ValType[0]));
        WasmBuilder.Code start = b.function(b.type()).i64Const(-2).f32Const(0xffc00000).op(0x10, hello).end();
        WasmBuilder.Code f = b.function(b.type(I32)).i32Const(1).end();
        b.start(start.functionIndex).exportFunction("f", f.functionIndex);
        assertRuns("import host.hello(i64:-2, f32:0xffc00000)\ni32:1\n",
                write("hello.wasm", b.build()), "--invoke", "f", "--stub-imports");
    }

    @Test
    void stubMemoryTooLargeForTheJvmIsUnlinkable() throws IOException {
        WasmBuilder b = new WasmBuilder();
        b.importMemory("env", "memory", 65536, -1);
        WasmBuilder.Code f = b.function(b.type()).end();
        b.exportFunction("f", f.functionIndex);
        Cli.Result r = run(write("huge.wasm", b.build()), "--invoke", "f", "--stub-imports");
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r::toString);
        assertOneLineStartingWith("unlinkable: cannot create a stub for memory import \"env\" \"memory\"", r.err());
    }

    @Test
    void missingOrUnreadableFileExitsWithStatus2() {
        Cli.Result r = run(dir.resolve("nope.wasm").toString(), "--invoke", "f");
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r::toString);
        assertEquals("cannot read " + dir.resolve("nope.wasm") + ": no such file or directory\n", r.err());

        Cli.Result d = run(dir.toString(), "--invoke", "f");
        assertEquals(ExitStatus.BAD_INPUT, d.status(), d::toString);
        assertEquals("cannot read " + dir + ": is a directory\n", d.err());
    }

    @Test
    void dumpsTheGeneratedBytecode() throws IOException {
        Path dump = dir.resolve("dump/sub");
        assertRuns("i32:3\n", values, "--invoke", "div", "i32:6", "i32:2", "--dump-bytecode", dump.toString());
        try (Stream<Path> files = Files.list(dump)) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".txt")), "no class listing in " + dump);
        }
    }

    @Test
    void dumpsTheGeneratedBytecodeWhenTheSystemPropertyAsksForIt() throws IOException {
        Path dump = dir.resolve("property-dump");
        String before = System.getProperty(CompilerOptions.DUMP_PROPERTY);
        System.setProperty(CompilerOptions.DUMP_PROPERTY, dump.toString());
        try {
            assertRuns("i32:3\n", values, "--invoke", "div", "i32:6", "i32:2");
        } finally {
            if (before == null) {
                System.clearProperty(CompilerOptions.DUMP_PROPERTY);
            } else {
                System.setProperty(CompilerOptions.DUMP_PROPERTY, before);
            }
        }
        try (Stream<Path> files = Files.list(dump)) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".txt")), "no class listing in " + dump);
        }
    }

    @Test
    void unwritableDumpDirectoryExitsWithStatus2() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Cli.Result r = run(values, "--invoke", "nothing", "--dump-bytecode", file.toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r::toString);
        assertOneLineStartingWith("cannot write the bytecode dump to " + file, r.err());
    }

    @Test
    void usageErrorsExitWith64AndPrintTheSynopsis() {
        assertUsageError("missing FILE.wasm", "--invoke", "f");
        assertUsageError("missing --invoke NAME", values);
        assertUsageError("--invoke needs a value", values, "--invoke");
        assertUsageError("--invoke given twice", values, "--invoke", "a", "--invoke", "b");
        assertUsageError("unknown option '--frob'", values, "--invoke", "div", "--frob");
        assertUsageError("unknown option '-5' (values are written TYPE:VALUE, e.g. i32:-5)", values, "--invoke", "div", "-5");
        assertUsageError("--stub-imports takes no value", values, "--invoke", "div", "--stub-imports=yes");
        assertUsageError("argument 2: bad value 'i32:x': ", values, "--invoke", "div", "i32:1", "i32:x");
        assertUsageError("argument 1: bad value '7': expected TYPE:VALUE", values, "--invoke", "div", "7", "i32:1");
    }

    @Test
    void argumentsAreCheckedAgainstTheSignature() {
        assertUsageError("'div' has type (i32 i32) -> (i32): it takes 2 arguments, got 1", values, "--invoke", "div", "i32:1");
        assertUsageError("'div' has type (i32 i32) -> (i32): it takes 2 arguments, got 3",
                values, "--invoke", "div", "i32:1", "i32:2", "i32:3");
        assertUsageError("'div' has type (i32 i32) -> (i32): argument 2 must be i32, got i64:2",
                values, "--invoke", "div", "i32:1", "i64:2");
        assertUsageError("'div' has type (i32 i32) -> (i32): argument 1 must be i32, got f32:1.5",
                values, "--invoke", "div", "f32:1.5", "i32:2");
        assertUsageError("'id_f32' has type (f32) -> (f32): argument 1 must be f32, got ref.null",
                values, "--invoke", "id_f32", "ref.null");
        assertUsageError("'id_funcref' has type (funcref) -> (funcref): argument 1 must be funcref, got ref.extern:1",
                values, "--invoke", "id_funcref", "ref.extern:1");
        assertUsageError("'nothing' has type () -> (): it takes 0 arguments, got 1", values, "--invoke", "nothing", "i32:1");
    }

    @Test
    void unknownExportIsAUsageError() {
        assertUsageError("the module exports no function 'nope'; its exported functions are id_i32, id_i64,",
                values, "--invoke", "nope");
        assertUsageError("export 'memory' is a memory, not a function", values, "--invoke", "memory");
    }

    private void assertUsageError(String messageStart, String... args) {
        Cli.Result r = run(args);
        assertEquals(ExitStatus.USAGE, r.status(), r::toString);
        assertEquals("", r.out(), r::toString);
        String prefix = "airlock run: " + messageStart;
        assertTrue(r.err().startsWith(prefix), () -> "expected stderr to start with\n" + prefix + "\n" + r);
        assertTrue(r.err().contains("\nusage: airlock run FILE.wasm --invoke NAME"), r::toString);
    }

    private static void assertOneLineStartingWith(String prefix, String text) {
        assertTrue(text.startsWith(prefix), () -> "expected a line starting with\n" + prefix + "\ngot\n" + text);
        assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, () -> "not one line:\n" + text);
    }
}
