package dev.airlock.wasm.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The descriptor table: preview1 {@code $fd} handles to {@link Descriptor}s. A new descriptor gets
 * the lowest free number (preview1 allows any number below 2^31); at most {@link #MAX_OPEN}
 * descriptors are open at once, so a module cannot exhaust the host's file handles.
 */
final class FdTable {
    /** The most descriptors open at once; opening more fails with {@code mfile}. */
    static final int MAX_OPEN = 1024;

    /** The descriptors by number; null for a free number. */
    private final List<Descriptor> slots = new ArrayList<>();
    /** How many slots are in use. */
    private int open;

    /**
     * Adds {@code d} under the lowest free number and returns it.
     *
     * @throws ErrnoException {@code mfile} if {@link #MAX_OPEN} descriptors are open
     */
    int add(Descriptor d) {
        if (open >= MAX_OPEN) {
            throw new ErrnoException(Errno.MFILE);
        }
        open++;
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) == null) {
                slots.set(i, d);
                return i;
            }
        }
        slots.add(d);
        return slots.size() - 1;
    }

    /**
     * The descriptor numbered {@code fd}.
     *
     * @throws ErrnoException {@code badf} if none is open under that number
     */
    Descriptor get(int fd) {
        Descriptor d = fd >= 0 && fd < slots.size() ? slots.get(fd) : null;
        if (d == null) {
            throw new ErrnoException(Errno.BADF);
        }
        return d;
    }

    /**
     * Fails with {@code mfile} if no descriptor can be added, so that an operation can check
     * before it creates anything on the host.
     */
    void requireRoom() {
        if (open >= MAX_OPEN) {
            throw new ErrnoException(Errno.MFILE);
        }
    }

    /** Whether {@code fd} is open. */
    boolean isOpen(int fd) {
        return fd >= 0 && fd < slots.size() && slots.get(fd) != null;
    }

    /**
     * Removes and closes {@code fd}.
     *
     * @throws ErrnoException {@code badf} if it is not open
     */
    void close(int fd) throws IOException {
        Descriptor d = get(fd);
        slots.set(fd, null);
        open--;
        d.close();
    }

    /**
     * Moves {@code from} to number {@code to}, closing what {@code to} held ({@code fd_renumber}).
     *
     * @throws ErrnoException {@code badf} if either is not open
     */
    void renumber(int from, int to) throws IOException {
        Descriptor d = get(from);
        Descriptor old = get(to);
        if (from == to) {
            return;
        }
        slots.set(to, d);
        slots.set(from, null);
        open--;
        old.close();
    }

    /** Every open descriptor (a snapshot). */
    List<Descriptor> all() {
        List<Descriptor> result = new ArrayList<>();
        for (Descriptor d : slots) {
            if (d != null) {
                result.add(d);
            }
        }
        return result;
    }

    /** Closes every descriptor; the table is empty afterwards. Failures to close are ignored. */
    void closeAll() {
        for (int i = 0; i < slots.size(); i++) {
            Descriptor d = slots.get(i);
            if (d != null) {
                slots.set(i, null);
                try {
                    d.close();
                } catch (IOException | RuntimeException e) {
                    // Nothing to report to: the program is gone.
                }
            }
        }
        open = 0;
    }
}
