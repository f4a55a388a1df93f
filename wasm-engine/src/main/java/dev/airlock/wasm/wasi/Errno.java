package dev.airlock.wasm.wasi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/**
 * The {@code errno} values of WASI preview1 ({@code typenames.witx}, type {@code $errno}: an
 * enum of tag {@code u16}, numbered in declaration order), and the mapping of host failures to
 * them. Only the values this implementation returns are named.
 */
final class Errno {
    /** {@code success}: no error. */
    static final int SUCCESS = 0;
    /** {@code 2big}: argument list too long. */
    static final int TOOBIG = 1;
    /** {@code acces}: permission denied. */
    static final int ACCES = 2;
    /** {@code again}: resource unavailable, or operation would block. */
    static final int AGAIN = 6;
    /** {@code badf}: bad file descriptor. */
    static final int BADF = 8;
    /** {@code busy}: device or resource busy. */
    static final int BUSY = 10;
    /** {@code exist}: file exists. */
    static final int EXIST = 20;
    /** {@code fault}: bad address (a pointer or length outside the caller's memory). */
    static final int FAULT = 21;
    /** {@code fbig}: file too large. */
    static final int FBIG = 22;
    /** {@code ilseq}: illegal byte sequence (a path that is not UTF-8). */
    static final int ILSEQ = 25;
    /** {@code intr}: interrupted function. */
    static final int INTR = 27;
    /** {@code inval}: invalid argument. */
    static final int INVAL = 28;
    /** {@code io}: I/O error. */
    static final int IO = 29;
    /** {@code isdir}: is a directory. */
    static final int ISDIR = 31;
    /** {@code loop}: too many levels of symbolic links. */
    static final int LOOP = 32;
    /** {@code mfile}: file descriptor value too large (the descriptor table is full). */
    static final int MFILE = 33;
    /** {@code mlink}: too many links. */
    static final int MLINK = 34;
    /** {@code nametoolong}: filename too long. */
    static final int NAMETOOLONG = 37;
    /** {@code nfile}: too many files open in system. */
    static final int NFILE = 41;
    /** {@code nodev}: no such device. */
    static final int NODEV = 43;
    /** {@code noent}: no such file or directory. */
    static final int NOENT = 44;
    /** {@code nomem}: not enough space. */
    static final int NOMEM = 48;
    /** {@code nospc}: no space left on device. */
    static final int NOSPC = 51;
    /** {@code nosys}: function not supported. */
    static final int NOSYS = 52;
    /** {@code notdir}: not a directory or a symbolic link to a directory. */
    static final int NOTDIR = 54;
    /** {@code notempty}: directory not empty. */
    static final int NOTEMPTY = 55;
    /** {@code notsup}: not supported. */
    static final int NOTSUP = 58;
    /** {@code overflow}: value too large to be stored in data type. */
    static final int OVERFLOW = 61;
    /** {@code perm}: operation not permitted. */
    static final int PERM = 63;
    /** {@code pipe}: broken pipe. */
    static final int PIPE = 64;
    /** {@code rofs}: read-only file system. */
    static final int ROFS = 69;
    /** {@code spipe}: invalid seek. */
    static final int SPIPE = 70;
    /** {@code txtbsy}: text file busy. */
    static final int TXTBSY = 74;
    /** {@code xdev}: cross-device link. */
    static final int XDEV = 75;
    /** {@code notcapable}: capabilities insufficient (a right is missing, or a path leaves its sandbox). */
    static final int NOTCAPABLE = 76;

    /**
     * The host's {@code strerror} texts (glibc), as the JDK puts them in
     * {@link FileSystemException#getReason()} for failures it has no dedicated exception for.
     */
    private static final Map<String, Integer> REASONS = Map.ofEntries(
            Map.entry("Directory not empty", NOTEMPTY),
            Map.entry("Not a directory", NOTDIR),
            Map.entry("Is a directory", ISDIR),
            Map.entry("Invalid argument", INVAL),
            Map.entry("Read-only file system", ROFS),
            Map.entry("Operation not permitted", PERM),
            Map.entry("Permission denied", ACCES),
            Map.entry("No space left on device", NOSPC),
            Map.entry("Too many links", MLINK),
            Map.entry("Invalid cross-device link", XDEV),
            Map.entry("File name too long", NAMETOOLONG),
            Map.entry("File too large", FBIG),
            Map.entry("File exists", EXIST),
            Map.entry("No such file or directory", NOENT),
            Map.entry("Too many levels of symbolic links", LOOP),
            Map.entry("Device or resource busy", BUSY),
            Map.entry("Text file busy", TXTBSY),
            Map.entry("Too many open files", MFILE),
            Map.entry("Too many open files in system", NFILE),
            Map.entry("No such device", NODEV),
            Map.entry("Broken pipe", PIPE));

    private Errno() {
    }

    /** The errno for a failed host I/O operation. */
    static int of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return NOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return NOTEMPTY;
        }
        if (e instanceof AccessDeniedException) {
            return ACCES;
        }
        if (e instanceof NotDirectoryException) {
            return NOTDIR;
        }
        if (e instanceof NotLinkException) {
            return INVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return LOOP;
        }
        if (e instanceof ClosedChannelException) {
            return BADF;
        }
        if (e instanceof FileSystemException) {
            String reason = ((FileSystemException) e).getReason();
            if (reason != null) {
                for (Map.Entry<String, Integer> r : REASONS.entrySet()) {
                    if (reason.startsWith(r.getKey())) {
                        return r.getValue();
                    }
                }
            }
        }
        String message = e.getMessage();
        if (message != null) {
            if (message.contains("Broken pipe")) {
                return PIPE;
            }
            if (message.contains("No space left on device")) {
                return NOSPC;
            }
        }
        return IO;
    }

    /**
     * The errno a WASI function returns for {@code t}, thrown by its implementation; rethrows what
     * must reach the caller as a trap. Called by the guard around every function (see
     * {@link Preview1Functions}).
     *
     * @throws Throwable {@code t} itself when it is a trap (such as {@link WasiExit}), an
     *     {@link Error} other than {@link OutOfMemoryError}, or an unexpected runtime exception (a
     *     bug, which the engine turns into a {@code host_error} trap)
     */
    static int fromThrowable(Throwable t) throws Throwable {
        if (t instanceof ErrnoException) {
            return ((ErrnoException) t).errno;
        }
        if (t instanceof IOException) {
            return of((IOException) t);
        }
        if (t instanceof UncheckedIOException) {
            return of(((UncheckedIOException) t).getCause());
        }
        if (t instanceof IndexOutOfBoundsException) {
            return FAULT;
        }
        if (t instanceof InvalidPathException) {
            return INVAL;
        }
        if (t instanceof NonReadableChannelException || t instanceof NonWritableChannelException) {
            return BADF;
        }
        if (t instanceof SecurityException) {
            return ACCES;
        }
        if (t instanceof OutOfMemoryError) {
            return NOMEM;
        }
        throw t;
    }
}
