package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.testing.WasmBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code airlock spec}: on small generated testsuites, on missing directories, and on the real testsuite. */
class SpecCommandTest {
    /** Where the generated testsuites are written. */
    @TempDir
    Path dir;

    /** A module exporting {@code add} and {@code div} (both {@code (i32 i32) -> (i32)}). */
    private static byte[] arithmetic() {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new ValType[] {ValType.I32, ValType.I32}, new ValType[] {ValType.I32});
        WasmBuilder.Code add = b.function(t).op(0x20, 0).op(0x20, 1).op(0x6A).end();
        WasmBuilder.Code div = b.function(t).op(0x20, 0).op(0x20, 1).op(0x6D).end();
        return b.exportFunction("add", add.functionIndex).exportFunction("div", div.functionIndex).build();
    }

    /** An {@code invoke} action of {@code field} with two i32 arguments, as wast2json writes it. */
    private static String invoke(String field, int a, int b) {
        return "{\"type\": \"invoke\", \"field\": \"" + field + "\", \"args\": [{\"type\": \"i32\", \"value\": \""
                + Integer.toUnsignedString(a) + "\"}, {\"type\": \"i32\", \"value\": \"" + Integer.toUnsignedString(b) + "\"}]}";
    }

    /** An {@code assert_return} of one i32. */
    private static String assertReturn(int line, String action, int expected) {
        return "{\"type\": \"assert_return\", \"line\": " + line + ", \"action\": " + action
                + ", \"expected\": [{\"type\": \"i32\", \"value\": \"" + Integer.toUnsignedString(expected) + "\"}]}";
    }

    /** Writes script {@code name} (NAME/NAME.json and NAME/NAME.0.wasm) under {@code root}. */
    private static void writeScript(Path root, String name, String... commands) throws IOException {
        Path folder = Files.createDirectories(root.resolve(name));
        Files.write(folder.resolve(name + ".0.wasm"), arithmetic());
        String module = "{\"type\": \"module\", \"line\": 1, \"filename\": \"" + name + ".0.wasm\"}";
        Files.writeString(folder.resolve(name + ".json"), "{\"source_filename\": \"" + name + ".wast\",\n \"commands\": [\n  "
                + module + (commands.length == 0 ? "" : ",\n  " + String.join(",\n  ", commands)) + "]}\n");
    }

    /** A suite with one script that has one failure and one skipped command, and one script that passes. */
    private Path suiteWithAFailure() throws IOException {
        Path root = dir.resolve("suite");
        writeScript(root, "arith",
                assertReturn(2, invoke("add", 1, 2), 3),
                assertReturn(3, invoke("add", -1, 1), 4),
                "{\"type\": \"assert_trap\", \"line\": 4, \"action\": " + invoke("div", 1, 0)
                        + ", \"text\": \"integer divide by zero\", \"expected\": [{\"type\": \"i32\"}]}",
                "{\"type\": \"assert_malformed\", \"line\": 5, \"filename\": \"arith.1.wat\", \"text\": \"unknown operator\","
                        + " \"module_type\": \"text\"}");
        writeScript(root, "good", assertReturn(2, invoke("div", 7, 2), 3));
        return root;
    }

    @Test
    void reportsFailingScriptsAndEndsWithTheTally() throws IOException {
        Cli.Result r = Cli.run("spec", suiteWithAFailure().toString());
        assertEquals(ExitStatus.FAILED, r.status(), r::toString);
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r::toString);
        assertEquals("arith: 3 passed, 1 failed, 1 skipped", lines[0]);
        // The failure's wording is the engine's; the line number and command type are ours.
        assertTrue(lines[1].startsWith("  line 3 assert_return: ") && lines[1].contains("4"), r::toString);
        assertEquals("spec: 5 passed, 1 failed, 1 skipped", r.lastLine());
        assertEquals("", r.err());
    }

    @Test
    void verboseListsEveryScript() throws IOException {
        Cli.Result r = Cli.run("spec", "--verbose", suiteWithAFailure().toString());
        assertEquals(ExitStatus.FAILED, r.status(), r::toString);
        assertTrue(r.out().startsWith("arith: 3 passed, 1 failed, 1 skipped\n"), r::toString);
        assertTrue(r.out().contains("\ngood: 2 passed, 0 failed, 0 skipped\n"), r::toString);
        assertEquals("spec: 5 passed, 1 failed, 1 skipped", r.lastLine());
    }

    @Test
    void exitsWith0WhenNothingFails() throws IOException {
        Path root = dir.resolve("passing");
        writeScript(root, "one", assertReturn(2, invoke("add", 2, 2), 4));
        writeScript(root, "two", assertReturn(2, invoke("add", Integer.MAX_VALUE, 1), Integer.MIN_VALUE));
        Cli.Result r = Cli.run("spec", root.toString());
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertEquals("spec: 4 passed, 0 failed, 0 skipped\n", r.out());
    }

    @Test
    void aScriptThatCannotBeReadCountsAsOneFailure() throws IOException {
        Path root = dir.resolve("broken");
        writeScript(root, "fine");
        Files.createDirectories(root.resolve("junk"));
        Files.writeString(root.resolve("junk/junk.json"), "{not json");
        Cli.Result r = Cli.run("spec", root.toString());
        assertEquals(ExitStatus.FAILED, r.status(), r::toString);
        assertTrue(r.out().startsWith("junk: cannot run the script: "), r::toString);
        assertEquals("spec: 1 passed, 1 failed, 0 skipped", r.lastLine());
    }

    @Test
    void missingDirectoryExitsWithStatus2() {
        Path missing = dir.resolve("no-such-suite");
        Cli.Result r = Cli.run("spec", missing.toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r::toString);
        assertEquals("", r.out());
        assertEquals("spec: testsuite directory not found: " + missing + "\n", r.err());
    }

    @Test
    void directoryWithoutScriptsExitsWithStatus2() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty/stray"));
        Cli.Result r = Cli.run("spec", empty.getParent().toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r::toString);
        assertTrue(r.err().startsWith("spec: no testsuite scripts (NAME/NAME.json) in "), r::toString);
    }

    @Test
    void usageErrors() {
        Cli.Result r = Cli.run("spec", "a", "b");
        assertEquals(ExitStatus.USAGE, r.status(), r::toString);
        assertTrue(r.err().startsWith("airlock spec: expected at most one DIR, got 'a' and 'b'\nusage: airlock spec"), r::toString);
        Cli.Result o = Cli.run("spec", "--fast");
        assertEquals(ExitStatus.USAGE, o.status(), o::toString);
        assertTrue(o.err().startsWith("airlock spec: unknown option '--fast'\n"), o::toString);
    }

    @Test
    void defaultDirectoryIsBesideTheRepositoryRootNamedByAirlockHome() throws IOException {
        Path home = Files.createDirectories(dir.resolve("work/main"));
        writeScript(dir.resolve("work/shared/wasm-testsuite"), "only", assertReturn(2, invoke("add", 1, 1), 2));
        String saved = System.getProperty(SpecCommand.HOME_PROPERTY);
        System.setProperty(SpecCommand.HOME_PROPERTY, home.toString());
        try {
            assertEquals(dir.resolve("work/shared/wasm-testsuite").toAbsolutePath().normalize(), SpecCommand.defaultSuite());
            Cli.Result r = Cli.run("spec");
            assertEquals(ExitStatus.OK, r.status(), r::toString);
            assertEquals("spec: 2 passed, 0 failed, 0 skipped\n", r.out());
        } finally {
            if (saved == null) {
                System.clearProperty(SpecCommand.HOME_PROPERTY);
            } else {
                System.setProperty(SpecCommand.HOME_PROPERTY, saved);
            }
        }
    }

    /** The real testsuite, if present: from {@code -Dairlock.testsuite} (set by the build) or beside the repository. */
    private static Path realTestsuite() {
        String configured = System.getProperty("airlock.testsuite");
        Path[] candidates = {
            configured == null ? null : Paths.get(configured),
            Paths.get("../../shared/wasm-testsuite"),
            Paths.get("../shared/wasm-testsuite"),
        };
        for (Path p : candidates) {
            if (p != null && Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void theRealTestsuitePassesWithNoFailures() {
        Path suite = realTestsuite();
        assumeTrue(suite != null, "the WebAssembly testsuite is not present (expected ../shared/wasm-testsuite beside"
                + " the repository, or -Dairlock.testsuite=DIR); skipping the end-to-end spec run");
        Cli.Result r = Cli.run("spec", suite.toString());
        Matcher m = Pattern.compile("spec: (\\d+) passed, 0 failed, (\\d+) skipped").matcher(r.lastLine());
        assertTrue(m.matches(), r::toString);
        assertTrue(Long.parseLong(m.group(1)) > 10_000, r::toString);
        assertEquals(ExitStatus.OK, r.status(), r::toString);
    }
}
