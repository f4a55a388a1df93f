package dev.airlock.cli;

import dev.airlock.wasm.script.SpecScript.CommandResult;
import dev.airlock.wasm.script.SpecScript.Outcome;
import dev.airlock.wasm.script.SpecSuite;
import dev.airlock.wasm.script.SpecSuite.ScriptResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code airlock spec [--verbose] [DIR]}: runs every script of the official WebAssembly
 * testsuite (in its wast2json form, {@code NAME/NAME.json} plus binary modules) and reports
 * failures, ending with the tally line {@code spec: N passed, N failed, N skipped} (counts of
 * commands).
 */
final class SpecCommand implements Command {
    /** System property with the repository root; the launcher sets it. */
    static final String HOME_PROPERTY = "airlock.home";
    /** Where the testsuite lives, relative to the repository root. */
    static final String DEFAULT_SUITE = "../shared/wasm-testsuite";
    /** How many failed commands of a script are listed under it. */
    static final int FAILURES_SHOWN = 5;
    /** Failure messages longer than this are cut, so that each stays a readable line. */
    private static final int MAX_MESSAGE = 300;

    @Override
    public String name() {
        return "spec";
    }

    @Override
    public String summary() {
        return "Run the official WebAssembly testsuite against the engine";
    }

    @Override
    public String synopsis() {
        return "usage: airlock spec [--verbose] [DIR]\n";
    }

    @Override
    public String help() {
        return synopsis()
                + "\n"
                + "Runs every script of the WebAssembly core testsuite in DIR, laid out as wast2json\n"
                + "writes it: one folder per script, NAME/NAME.json next to its .wasm files. For each\n"
                + "script with failed commands it prints a line, and under it the first " + FAILURES_SHOWN
                + " failures;\n"
                + "the last line is always the tally of commands:\n"
                + "  spec: N passed, N failed, N skipped\n"
                + "Text-format modules (.wat) and SIMD scripts (simd_*) are skipped. A script that cannot\n"
                + "be read counts as one failed command.\n"
                + "\n"
                + "DIR defaults to " + DEFAULT_SUITE + " relative to the repository root (the launcher\n"
                + "passes it as -D" + HOME_PROPERTY + "; without it, the current directory is taken as the root).\n"
                + "\n"
                + "Options:\n"
                + "  -v, --verbose  print a line for every script, not only those with failures\n"
                + "  -h, --help     show this help\n"
                + "\n"
                + "Exit status: 0 if no command failed, 1 if some failed, 2 if DIR does not exist or\n"
                + "holds no scripts, 64 on bad usage.\n";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        boolean verbose = false;
        String dirArgument = null;
        boolean optionsEnded = false;
        for (String a : args) {
            if (!optionsEnded && a.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && (a.equals("-v") || a.equals("--verbose"))) {
                verbose = true;
            } else if (!optionsEnded && a.startsWith("-")) {
                throw new UsageException("unknown option '" + a + "'");
            } else if (dirArgument == null) {
                dirArgument = a;
            } else {
                throw new UsageException("expected at most one DIR, got '" + dirArgument + "' and '" + a + "'");
            }
        }
        Path dir = dirArgument != null ? Paths.get(dirArgument) : defaultSuite();
        if (!Files.isDirectory(dir)) {
            err.println("spec: " + (Files.exists(dir) ? "not a directory: " : "testsuite directory not found: ") + dir);
            return ExitStatus.BAD_INPUT;
        }
        List<Path> scripts;
        try {
            scripts = SpecSuite.scripts(dir);
        } catch (IOException e) {
            err.println("spec: cannot list " + dir + ": " + Diagnostics.reason(e));
            return ExitStatus.BAD_INPUT;
        }
        if (scripts.isEmpty()) {
            err.println("spec: no testsuite scripts (NAME/NAME.json) in " + dir);
            return ExitStatus.BAD_INPUT;
        }

        long passed = 0;
        long failed = 0;
        long skipped = 0;
        for (Path script : scripts) {
            String name = script.getParent().getFileName().toString();
            ScriptResult result;
            try {
                result = SpecSuite.run(script);
            } catch (IOException | RuntimeException e) {
                failed++;
                out.println(name + ": cannot run the script: " + clip(e instanceof IOException
                        ? Diagnostics.reason((IOException) e) : e.getClass().getSimpleName() + ": " + Diagnostics.oneLine(e)));
                continue;
            }
            long p = result.count(Outcome.PASSED);
            long f = result.count(Outcome.FAILED);
            long s = result.count(Outcome.SKIPPED);
            passed += p;
            failed += f;
            skipped += s;
            if (f > 0 || verbose) {
                out.println(name + ": " + p + " passed, " + f + " failed, " + s + " skipped");
            }
            if (f > 0) {
                result.results().stream().filter(r -> r.outcome() == Outcome.FAILED).limit(FAILURES_SHOWN)
                        .forEach(r -> out.println("  " + describe(r)));
                if (f > FAILURES_SHOWN) {
                    out.println("  ... and " + (f - FAILURES_SHOWN) + " more");
                }
            }
        }
        out.println("spec: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return failed == 0 ? ExitStatus.OK : ExitStatus.FAILED;
    }

    /**
     * The default testsuite directory: {@value #DEFAULT_SUITE} relative to the repository root
     * named by {@value #HOME_PROPERTY}, or to the current directory if that is not set.
     */
    static Path defaultSuite() {
        String home = System.getProperty(HOME_PROPERTY);
        Path root = home == null || home.isEmpty() ? Paths.get("") : Paths.get(home);
        return root.toAbsolutePath().resolve(DEFAULT_SUITE).normalize();
    }

    /** A failed command as one line: {@code line N TYPE: message}. */
    private static String describe(CommandResult r) {
        return "line " + r.line() + " " + r.type() + ": " + clip(Diagnostics.oneLine(r.message()));
    }

    /** {@code text} cut to {@link #MAX_MESSAGE} characters. */
    private static String clip(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}
