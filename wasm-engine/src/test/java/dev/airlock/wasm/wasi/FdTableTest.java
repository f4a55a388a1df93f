package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link FdTable}: numbering, closing, renumbering and its limit. */
class FdTableTest {
    /** A descriptor that records whether it was closed. */
    private static final class Recorder extends Descriptor {
        boolean closed;

        Recorder() {
            super(0, 0, 0);
        }

        @Override
        int fileType() {
            return WasiTypes.FILETYPE_UNKNOWN;
        }

        @Override
        void close() {
            closed = true;
        }
    }

    private static int errno(Runnable r) {
        return assertThrows(ErrnoException.class, r::run).errno;
    }

    @Test
    void newDescriptorsGetTheLowestFreeNumber() throws IOException {
        FdTable t = new FdTable();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder c = new Recorder();
        assertEquals(0, t.add(a));
        assertEquals(1, t.add(b));
        assertEquals(2, t.add(c));
        t.close(1);
        assertTrue(b.closed);
        assertFalse(t.isOpen(1));
        Recorder d = new Recorder();
        assertEquals(1, t.add(d));
        assertSame(d, t.get(1));
    }

    @Test
    void unknownNumbersAreBadf() {
        FdTable t = new FdTable();
        t.add(new Recorder());
        assertEquals(Errno.BADF, errno(() -> t.get(1)));
        assertEquals(Errno.BADF, errno(() -> t.get(-1)));
        assertEquals(Errno.BADF, errno(() -> t.get(Integer.MAX_VALUE)));
        assertEquals(Errno.BADF, errno(() -> {
            try {
                t.close(5);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }));
    }

    @Test
    void renumberReplacesAndClosesTheTarget() throws IOException {
        FdTable t = new FdTable();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        t.add(a);
        t.add(b);
        t.renumber(0, 1);
        assertTrue(b.closed);
        assertFalse(a.closed);
        assertSame(a, t.get(1));
        assertFalse(t.isOpen(0));
        t.renumber(1, 1);
        assertSame(a, t.get(1));
        assertEquals(Errno.BADF, errno(() -> {
            try {
                t.renumber(1, 7);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }));
        assertSame(a, t.get(1));
        assertEquals(0, t.add(new Recorder()));
        assertEquals(2, t.all().size());
    }

    @Test
    void theTableIsBounded() {
        FdTable t = new FdTable();
        for (int i = 0; i < FdTable.MAX_OPEN; i++) {
            t.add(new Recorder());
        }
        assertEquals(Errno.MFILE, errno(() -> t.add(new Recorder())));
        assertEquals(Errno.MFILE, errno(t::requireRoom));
        Recorder any = (Recorder) t.get(17);
        t.closeAll();
        assertTrue(any.closed);
        assertEquals(0, t.add(new Recorder()));
    }
}
