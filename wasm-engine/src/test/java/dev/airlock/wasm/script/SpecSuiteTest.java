package dev.airlock.wasm.script;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airlock.wasm.compile.CompilerOptions;
import dev.airlock.wasm.script.SpecScript.CommandResult;
import dev.airlock.wasm.script.SpecScript.Outcome;
import dev.airlock.wasm.script.SpecSuite.ScriptResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The official WebAssembly 2.0 core testsuite: one dynamic test per script, which fails if any
 * command of the script fails. The suite lives beside the project ({@code ../shared/wasm-testsuite},
 * or the directory named by the system property {@code airlock.testsuite}); without it every
 * test is skipped with a message saying so.
 */
class SpecSuiteTest {
    static Path suiteRoot() {
        String configured = System.getProperty("airlock.testsuite");
        Path root = configured != null ? Paths.get(configured) : Paths.get("../shared/wasm-testsuite");
        return Files.isDirectory(root) ? root : null;
    }

    @TestFactory
    Stream<DynamicTest> testsuite() throws IOException {
        return scripts(CompilerOptions.defaults().withDumpDirectory(null));
    }

    /**
     * The whole suite again with a method budget of one byte, so that every function that has a
     * construct or more than one instruction is split into region methods: the splitting must not
     * change any result.
     */
    @TestFactory
    Stream<DynamicTest> testsuiteWithEveryFunctionSplit() throws IOException {
        return scripts(CompilerOptions.defaults().withDumpDirectory(null).withMethodBudget(1));
    }

    private static Stream<DynamicTest> scripts(CompilerOptions options) throws IOException {
        Path root = suiteRoot();
        if (root == null) {
            return Stream.of(DynamicTest.dynamicTest("testsuite", () -> assumeTrue(false,
                    "the Wasm testsuite is not present (expected ../shared/wasm-testsuite or -Dairlock.testsuite=DIR)")));
        }
        return SpecSuite.scripts(root).stream().map(script -> DynamicTest.dynamicTest(
                script.getFileName().toString(), () -> runScript(script, options)));
    }

    private static void runScript(Path script, CompilerOptions options) throws IOException {
        assumeTrue(!SpecSuite.isSimd(script), "SIMD scripts are skipped: SIMD is not supported yet");
        ScriptResult result = SpecSuite.run(script, options);
        List<CommandResult> failed = result.results().stream().filter(r -> r.outcome() == Outcome.FAILED)
                .collect(Collectors.toList());
        assertTrue(failed.isEmpty(), () -> failed.size() + " of " + result.results().size() + " commands failed:\n"
                + failed.stream().limit(40).map(CommandResult::toString).collect(Collectors.joining("\n")));
    }
}
