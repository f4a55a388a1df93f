package dev.airlock.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Test helper: runs {@code airlock} through {@link Main#run} with captured output streams. */
final class Cli {
    private Cli() {
    }

    /**
     * What one run of {@code airlock} did.
     *
     * @param status the exit status
     * @param out everything written to stdout
     * @param err everything written to stderr
     */
    record Result(int status, String out, String err) {
        /** The last line of stdout (without its line break), or "" if there is none. */
        String lastLine() {
            String[] lines = out.split("\n");
            return lines.length == 0 ? "" : lines[lines.length - 1];
        }

        /** For assertion messages. */
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    /** Runs {@code airlock ARGS}. */
    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, o, e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"),
                err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    /**
     * Runs one command object directly (for a command made with a working directory of the
     * test's own), with captured output streams, as {@link Main#run} would.
     *
     * @throws AssertionError if the command reports a usage error
     */
    static Result run(Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = command.run(java.util.List.of(args), o, e);
        } catch (UsageException e) {
            throw new AssertionError("usage error: " + e.getMessage(), e);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"),
                err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
