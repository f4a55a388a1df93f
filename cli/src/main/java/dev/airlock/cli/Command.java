package dev.airlock.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of {@code airlock} ({@code run}, {@code spec}, ...). To add a subcommand, write
 * a class implementing this interface and list an instance in {@link Main#COMMANDS}.
 *
 * <p>{@link Main} handles {@code -h}/{@code --help} for every command (it prints {@link #help()})
 * and turns a {@link UsageException} into the message, the {@link #synopsis()} and exit status
 * {@link ExitStatus#USAGE}. Commands never call {@code System.exit} and never let an expected
 * failure escape as an exception: they print a one-line reason and return an {@link ExitStatus}.
 */
public interface Command {
    /** The word that selects the command, e.g. {@code run}. */
    String name();

    /** A one-line description for the command list of {@code airlock --help}. */
    String summary();

    /** The usage line(s), each starting with {@code "usage: airlock NAME"}, ending in a newline. */
    String synopsis();

    /** The full help text of {@code airlock help NAME}: the synopsis and an explanation, ending in a newline. */
    String help();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @param out where results go (standard output)
     * @param err where diagnostics go (standard error)
     * @return an {@link ExitStatus} value
     * @throws UsageException if the command line is wrong
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws UsageException;
}
