package dev.airlock.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code airlock} command: dispatches to a subcommand ({@link #COMMANDS}) and maps its outcome
 * to an {@link ExitStatus}.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} does all the work and never exits the JVM,
 * so tests can call it with captured streams; {@link #main(String[])} only calls it and exits with
 * its result. The launcher script {@code airlock} at the repository root builds the project when
 * needed and runs this class with the system property {@code airlock.home} set to the repository
 * root.
 */
public final class Main {
    /**
     * Every subcommand, in the order {@code airlock --help} lists them. A new subcommand is one
     * more entry here (names must be unique).
     */
    static final List<Command> COMMANDS = List.of(
            new RunCommand(),
            new DecodeCommand(),
            new RenderTextCommand(),
            new SpecCommand(),
            new HelpCommand());

    /** System property that makes internal errors print their Java stack trace ({@code -Dairlock.debug=true}). */
    static final String DEBUG_PROPERTY = "airlock.debug";

    private Main() {
    }

    /** Runs {@code airlock} with the process's arguments and exits with the command's status. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Runs {@code airlock ARGS}, writing results to {@code out} and diagnostics to {@code err}.
     *
     * @return the exit status (see {@link ExitStatus})
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return ExitStatus.USAGE;
        }
        String first = args[0];
        if (isHelpOption(first)) {
            out.print(usage());
            return ExitStatus.OK;
        }
        Command command = command(first);
        if (command == null) {
            err.println("airlock: " + (first.startsWith("-") ? "unknown option" : "unknown command") + " '" + first + "'");
            err.print(usage());
            return ExitStatus.USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (asksForHelp(rest)) {
            out.print(command.help());
            return ExitStatus.OK;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("airlock " + command.name() + ": " + Diagnostics.oneLine(e));
            err.print(command.synopsis());
            err.println("Run 'airlock help " + command.name() + "' for details.");
            return ExitStatus.USAGE;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            err.println("airlock " + command.name() + ": internal error: " + e.getClass().getName() + ": "
                    + Diagnostics.oneLine(e));
            if (Boolean.getBoolean(DEBUG_PROPERTY)) {
                e.printStackTrace(err);
            } else {
                err.println("(run with -D" + DEBUG_PROPERTY + "=true, e.g. AIRLOCK_JAVA_OPTS=-D" + DEBUG_PROPERTY
                        + "=true, for the stack trace)");
            }
            return ExitStatus.INTERNAL_ERROR;
        }
    }

    /** The subcommand called {@code name}, or null. */
    static Command command(String name) {
        for (Command c : COMMANDS) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The top-level usage text of {@code airlock --help}. */
    static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: airlock COMMAND [ARG...]\n");
        sb.append("       airlock help [COMMAND]\n");
        sb.append("\n");
        sb.append("Airlock runs C libraries compiled to WebAssembly in a sandbox on the JVM.\n");
        sb.append("\n");
        sb.append("Commands:\n");
        int width = 0;
        for (Command c : COMMANDS) {
            width = Math.max(width, c.name().length());
        }
        for (Command c : COMMANDS) {
            sb.append("  ").append(c.name()).append(" ".repeat(width - c.name().length() + 3)).append(c.summary()).append('\n');
        }
        sb.append("\n");
        sb.append("Run 'airlock help COMMAND' (or 'airlock COMMAND --help') for a command's options.\n");
        sb.append("\n");
        sb.append(EXIT_STATUS_HELP);
        return sb.toString();
    }

    /** The exit-status paragraph shared by the help texts. */
    static final String EXIT_STATUS_HELP = ""
            + "Exit status:\n"
            + "  0   success\n"
            + "  1   the testsuite ran and some command failed (spec); the sandboxed library refused\n"
            + "      the input, trapped or timed out, or the result would exceed a limit (decode,\n"
            + "      render-text)\n"
            + "  2   unusable file: missing or unreadable file or directory, output that cannot be\n"
            + "      written; malformed, invalid, uncompilable or unlinkable module\n"
            + "  3   the WebAssembly code trapped (run; stderr: \"trap: KIND: message\")\n"
            + "  64  bad command-line usage\n"
            + "  70  internal error (a bug in airlock, or a library's Wasm module not built)\n";

    /** Whether {@code arg} is {@code -h} or {@code --help}. */
    static boolean isHelpOption(String arg) {
        return arg.equals("-h") || arg.equals("--help");
    }

    /** Whether {@code args} contains a help option before any {@code --} (which ends the options). */
    private static boolean asksForHelp(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (isHelpOption(a)) {
                return true;
            }
        }
        return false;
    }
}
