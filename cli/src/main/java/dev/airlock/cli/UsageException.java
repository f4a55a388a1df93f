package dev.airlock.cli;

/**
 * The command line given to a subcommand is wrong: an unknown option, a missing operand, an
 * argument that does not parse or does not fit. {@link Main} prints the message and the
 * command's synopsis on stderr and exits with {@link ExitStatus#USAGE}.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A usage error with a one-line explanation (no trailing period, no newline). */
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
