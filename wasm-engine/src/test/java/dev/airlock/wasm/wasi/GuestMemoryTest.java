package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.airlock.wasm.runtime.Memory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link GuestMemory}: unsigned pointers, ranges at the edges, and path decoding. */
class GuestMemoryTest {
    private static final int SIZE = 65536;

    private static int errno(Runnable r) {
        return assertThrows(ErrnoException.class, r::run).errno;
    }

    @Test
    void rangesMustLieInsideTheMemory() {
        GuestMemory m = new GuestMemory(new Memory(1, 1));
        assertEquals(SIZE - 4, m.check(SIZE - 4, 4));
        assertEquals(SIZE, m.check(SIZE, 0));
        assertEquals(Errno.FAULT, errno(() -> m.check(SIZE - 3, 4)));
        assertEquals(Errno.FAULT, errno(() -> m.check(SIZE + 1, 0)));
        assertEquals(Errno.FAULT, errno(() -> m.check(-4, 4)));
        assertEquals(Errno.FAULT, errno(() -> m.check(0, 0x1_0000_0000L)));
        assertEquals(Errno.FAULT, errno(() -> m.checkArray(0, -1, 8)));
        assertEquals(Errno.FAULT, errno(() -> m.u64(SIZE - 7)));
        assertEquals(Errno.FAULT, errno(() -> m.putU16(SIZE - 1, 0)));
        m.putU16(SIZE - 2, 0xBEEF);
        assertEquals(0xBEEF, m.u16(SIZE - 2));
        m.putU64(8, -2);
        assertEquals(-2, m.u64(8));
    }

    @Test
    void withoutMemoryEveryAccessFaults() {
        GuestMemory m = new GuestMemory(null);
        assertEquals(Errno.FAULT, errno(() -> m.check(0, 0)));
        assertEquals(0, m.size());
    }

    @Test
    void pathsAreStrictUtf8WithoutNul() {
        Memory memory = new Memory(1, 1);
        GuestMemory m = new GuestMemory(memory);
        memory.write(100, "dir/é".getBytes(StandardCharsets.UTF_8));
        assertEquals("dir/é", m.path(100, 6));
        memory.write(200, new byte[] {'a', 0, 'b'});
        assertEquals(Errno.INVAL, errno(() -> m.path(200, 3)));
        memory.write(300, new byte[] {(byte) 0xFF, 'a'});
        assertEquals(Errno.ILSEQ, errno(() -> m.path(300, 2)));
        assertEquals(Errno.NAMETOOLONG, errno(() -> m.path(0, WasiTypes.PATH_MAX + 1)));
        assertEquals(Errno.FAULT, errno(() -> m.path(SIZE - 2, 3)));
        assertEquals("", m.path(SIZE, 0));
    }
}
