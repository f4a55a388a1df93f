package dev.airlock.cli;

import dev.airlock.libs.SandboxException;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Duration;

/** Helpers that turn exceptions into the one-line messages the commands print. */
final class Diagnostics {
    /** Text that came out of a sandboxed library is cut to this many characters in a message. */
    static final int MAX_LIBRARY_TEXT = 300;

    private Diagnostics() {
    }

    /**
     * {@code text} on one line: line breaks and tabs become spaces, and surrounding blanks are
     * removed. A null or blank text becomes {@code "(no details)"}.
     */
    static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no details)";
        }
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /** The message of {@code t} on one line (see {@link #oneLine(String)}). */
    static String oneLine(Throwable t) {
        return oneLine(t.getMessage());
    }

    /** Why an I/O operation failed, in a few words ("no such file", "permission denied", ...). */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            // The system's reason ("Is a directory", "No space left on device") without the file
            // names the message repeats.
            String reason = oneLine(((FileSystemException) e).getReason());
            return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    /**
     * Text that came out of a sandboxed library (a failure reason, a trap message with what the
     * library wrote to stderr), made safe to print: on one line, every control character (which
     * could drive the terminal) replaced by '?', cut to {@link #MAX_LIBRARY_TEXT} characters.
     * The sandbox keeps a hostile input inside the library's memory, but that memory, and so the
     * text, is the input's to shape.
     */
    static String libraryText(String text) {
        String line = oneLine(text);
        StringBuilder sb = new StringBuilder(Math.min(line.length(), MAX_LIBRARY_TEXT + 3));
        for (int i = 0; i < line.length() && sb.length() < MAX_LIBRARY_TEXT; i++) {
            char c = line.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (line.length() > MAX_LIBRARY_TEXT) {
            sb.append("...");
        }
        return sb.toString();
    }

    /**
     * Why a call into a sandboxed library failed, in a few words: {@code timed out after 10 s}
     * when the call timeout interrupted it, {@code the decoder trapped: out of bounds memory
     * access} when its code trapped, {@code the decoder returned an invalid result: ...} when the
     * host refused a value it returned.
     *
     * @param e the failure
     * @param library what to call the library, e.g. {@code the decoder}
     * @param timeout the call timeout in force, or null if there was none
     */
    static String sandboxFailure(SandboxException e, String library, Duration timeout) {
        Trap trap = e.trap();
        if (trap == null) {
            return library + " returned an invalid result: " + libraryText(e.getMessage());
        }
        if (trap.kind() == TrapKind.INTERRUPTED && timeout != null) {
            return trapFailure(trap, library, timeout);
        }
        // The binding's message is "LIBRARY.wasm: FUNCTION trapped: TRAP; stderr: ...": keep what
        // follows "trapped: ", which includes what the library printed before it trapped.
        String message = e.getMessage() == null ? "" : e.getMessage();
        String marker = " trapped: ";
        int at = message.indexOf(marker);
        return at >= 0 ? library + " trapped: " + libraryText(message.substring(at + marker.length()))
                : trapFailure(trap, library, timeout);
    }

    /**
     * Why a call into a sandboxed library failed with a bare {@link Trap} (one the binding did not
     * wrap): {@code timed out after 10 s} or {@code the decoder trapped: unreachable}.
     *
     * @param trap the trap
     * @param library what to call the library, e.g. {@code the decoder}
     * @param timeout the call timeout in force, or null if there was none
     */
    static String trapFailure(Trap trap, String library, Duration timeout) {
        if (trap.kind() == TrapKind.INTERRUPTED && timeout != null) {
            return "timed out after " + OptionScanner.seconds(timeout) + " s";
        }
        return library + " trapped: " + libraryText(trap.getMessage());
    }

    /**
     * Prints the stack trace of {@code t} on {@code err} if {@code -Dairlock.debug=true} (see
     * {@link Main#DEBUG_PROPERTY}), for a failure reported in one line that may hide a bug.
     */
    static void debugTrace(Throwable t, PrintStream err) {
        if (Boolean.getBoolean(Main.DEBUG_PROPERTY)) {
            t.printStackTrace(err);
        }
    }
}
