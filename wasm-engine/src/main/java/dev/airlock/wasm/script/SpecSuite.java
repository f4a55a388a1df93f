package dev.airlock.wasm.script;

import dev.airlock.wasm.compile.CompilerOptions;
import dev.airlock.wasm.script.SpecScript.CommandResult;
import dev.airlock.wasm.script.SpecScript.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole testsuite: every script folder under a directory laid out like
 * {@code wasm-testsuite/} ({@code NAME/NAME.json}). SIMD scripts ({@code simd_*}) are reported as
 * skipped until the engine supports SIMD.
 */
public final class SpecSuite {
    private SpecSuite() {
    }

    /**
     * One script's results.
     *
     * @param name the script name, e.g. {@code i32}
     * @param results one per command
     */
    public record ScriptResult(String name, List<CommandResult> results) {
        /** Commands with the given outcome. */
        public long count(Outcome outcome) {
            return results.stream().filter(r -> r.outcome() == outcome).count();
        }
    }

    /** The JSON script files under {@code root}, sorted by name. */
    public static List<Path> scripts(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                Path json = dir.resolve(dir.getFileName() + ".json");
                if (Files.isDirectory(dir) && Files.isRegularFile(json)) {
                    out.add(json);
                }
            }
        }
        return out;
    }

    /** Whether the script needs SIMD (skipped for now). */
    public static boolean isSimd(Path script) {
        return script.getFileName().toString().startsWith("simd_");
    }

    /** Runs one script with default compiler options. */
    public static ScriptResult run(Path script) throws IOException {
        return run(script, CompilerOptions.defaults());
    }

    /** Runs one script, compiling its modules with {@code options}. */
    public static ScriptResult run(Path script, CompilerOptions options) throws IOException {
        String name = script.getFileName().toString().replaceFirst("\\.json$", "");
        return new ScriptResult(name, SpecScript.run(script, isSimd(script), options));
    }
}
