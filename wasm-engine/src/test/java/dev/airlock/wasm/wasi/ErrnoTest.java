package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** {@link Errno}: host failures become errno values; traps and bugs pass. */
class ErrnoTest {
    @Test
    void hostFailuresMapToErrno() throws Throwable {
        assertEquals(Errno.NOENT, Errno.fromThrowable(new NoSuchFileException("x")));
        assertEquals(Errno.EXIST, Errno.fromThrowable(new FileAlreadyExistsException("x")));
        assertEquals(Errno.NOTEMPTY, Errno.fromThrowable(new DirectoryNotEmptyException("x")));
        assertEquals(Errno.ACCES, Errno.fromThrowable(new AccessDeniedException("x")));
        assertEquals(Errno.BADF, Errno.fromThrowable(new ClosedChannelException()));
        assertEquals(Errno.NOTEMPTY, Errno.fromThrowable(new FileSystemException("a", "b", "Directory not empty")));
        assertEquals(Errno.XDEV, Errno.fromThrowable(new FileSystemException("a", "b", "Invalid cross-device link")));
        assertEquals(Errno.ISDIR, Errno.fromThrowable(new FileSystemException("a", null, "Is a directory")));
        assertEquals(Errno.IO, Errno.fromThrowable(new IOException("disk on fire")));
        assertEquals(Errno.PIPE, Errno.fromThrowable(new UncheckedIOException(new IOException("Broken pipe"))));
        assertEquals(Errno.FAULT, Errno.fromThrowable(new IndexOutOfBoundsException()));
        assertEquals(Errno.INVAL, Errno.fromThrowable(new InvalidPathException("a", "b")));
        assertEquals(Errno.NOSPC, Errno.fromThrowable(new ErrnoException(Errno.NOSPC)));
    }

    @Test
    void trapsAndBugsAreRethrown() {
        Trap trap = new Trap(TrapKind.INTERRUPTED);
        assertSame(trap, assertThrows(Trap.class, () -> Errno.fromThrowable(trap)));
        WasiExit exit = new WasiExit(3);
        assertSame(exit, assertThrows(WasiExit.class, () -> Errno.fromThrowable(exit)));
        IllegalStateException bug = new IllegalStateException();
        assertSame(bug, assertThrows(IllegalStateException.class, () -> Errno.fromThrowable(bug)));
    }
}
