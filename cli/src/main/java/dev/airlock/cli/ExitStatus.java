package dev.airlock.cli;

/**
 * The exit statuses of the {@code airlock} command. Every subcommand uses these and only these,
 * so that scripts can tell a bad module from a trap from a mistyped command line.
 */
public final class ExitStatus {
    /** The command did what was asked. */
    public static final int OK = 0;
    /**
     * The command ran, and what it checked failed (for example a testsuite command failed), or a
     * sandboxed library could not process its input: it refused the file, trapped or timed out, or
     * the result would exceed a limit ({@code decode}, {@code render-text}).
     */
    public static final int FAILED = 1;
    /**
     * A file could not be used: a missing or unreadable file or directory, an output that cannot
     * be written, or a module that is malformed, invalid, uncompilable or unlinkable.
     */
    public static final int BAD_INPUT = 2;
    /**
     * WebAssembly code trapped (while instantiating or during the call) in {@code airlock run};
     * {@code decode} and {@code render-text} report a trap of their library as {@link #FAILED},
     * like any other input it could not process.
     */
    public static final int TRAP = 3;
    /** The command line was wrong ({@code EX_USAGE} of sysexits.h). */
    public static final int USAGE = 64;
    /**
     * A bug: an exception the command did not expect, or a part of airlock missing from the build
     * (a library's Wasm module) ({@code EX_SOFTWARE} of sysexits.h).
     */
    public static final int INTERNAL_ERROR = 70;

    private ExitStatus() {
    }
}
