package dev.airlock.cli;

/**
 * The exit statuses of the {@code airlock} command. Every subcommand uses these and only these,
 * so that scripts can tell a bad module from a trap from a mistyped command line.
 */
public final class ExitStatus {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command ran, and what it checked failed (for example a testsuite command failed). */
    public static final int FAILED = 1;
    /**
     * The input could not be used: a missing or unreadable file or directory, or a module that is
     * malformed, invalid, uncompilable or unlinkable.
     */
    public static final int BAD_INPUT = 2;
    /** WebAssembly code trapped (while instantiating or during the call). */
    public static final int TRAP = 3;
    /** The command line was wrong ({@code EX_USAGE} of sysexits.h). */
    public static final int USAGE = 64;
    /** A bug: an exception the command did not expect ({@code EX_SOFTWARE} of sysexits.h). */
    public static final int INTERNAL_ERROR = 70;

    private ExitStatus() {
    }
}
