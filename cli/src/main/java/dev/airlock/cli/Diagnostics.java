package dev.airlock.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Helpers that turn exceptions into the one-line messages the commands print. */
final class Diagnostics {
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
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }
}
