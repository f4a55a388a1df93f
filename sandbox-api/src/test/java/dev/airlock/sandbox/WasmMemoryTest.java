package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.taint.SandboxMemoryException;
import dev.airlock.wasm.runtime.Memory;
import org.junit.jupiter.api.Test;

/** The Wasm memory view: little-endian accesses, bounds against the current size, and closing. */
class WasmMemoryTest {
    private final Object owner = new Object();
    private final Memory linear = new Memory(1, 3);
    private final WasmMemory memory = new WasmMemory(owner, "test", linear);

    @Test
    void describesAnIsolatedWasm32Memory() {
        assertSame(owner, memory.owner());
        assertEquals(4, memory.pointerSize());
        assertTrue(memory.isIsolated());
        assertEquals(65536, memory.size());
    }

    @Test
    void accessesAreLittleEndian() {
        memory.putInt(8, 0x11223344);
        assertEquals(0x44, memory.getByte(8));
        assertEquals(0x3344, memory.getShort(8));
        memory.putShort(12, (short) 0xBEEF);
        assertEquals((byte) 0xEF, memory.getByte(12));
        assertEquals((short) 0xBEEF, memory.getShort(12));
        memory.putLong(16, 0x0102030405060708L);
        assertEquals(0x05060708, memory.getInt(16));
        memory.putDouble(24, -2.5);
        assertEquals(-2.5, memory.getDouble(24));
        memory.putFloat(32, 1.25f);
        assertEquals(1.25f, memory.getFloat(32));
        memory.putPointer(36, 0xFFFF_FFF0L);
        assertEquals(0xFFFF_FFF0L, memory.getPointer(36), "pointers are zero-extended");
        assertThrows(SandboxMemoryException.class, () -> memory.putPointer(40, 1L << 32));
    }

    @Test
    void everyAccessIsCheckedAgainstTheCurrentSize() {
        long size = memory.size();
        memory.getInt(size - 4);
        SandboxMemoryException e = assertThrows(SandboxMemoryException.class, () -> memory.getInt(size - 3));
        assertTrue(e.getMessage().contains("length 4") && e.getMessage().contains("65536"), e.getMessage());
        assertThrows(SandboxMemoryException.class, () -> memory.getByte(-1));
        assertThrows(SandboxMemoryException.class, () -> memory.getLong(Long.MAX_VALUE - 2));
        assertThrows(SandboxMemoryException.class, () -> memory.checkRange(0, size + 1));
        assertThrows(SandboxMemoryException.class, () -> memory.fill(10, -1, (byte) 0));
        assertThrows(SandboxMemoryException.class, () -> memory.copyIn(size - 1, new byte[2], 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.copyOut(0, new byte[2], 1, 2));
        linear.grow(1);
        assertEquals(2 * 65536, memory.size());
        memory.getInt(size);
    }

    @Test
    void bulkOperations() {
        memory.copyIn(100, new byte[] {1, 2, 3, 4, 5}, 1, 3);
        byte[] out = new byte[5];
        memory.copyOut(99, out, 0, 5);
        assertArrayEquals(new byte[] {0, 2, 3, 4, 0}, out);
        memory.copyWithin(101, 100, 4);
        memory.copyOut(99, out, 0, 5);
        assertArrayEquals(new byte[] {0, 2, 2, 3, 4}, out, "overlapping copy behaves like memmove");
        memory.fill(100, 3, (byte) 9);
        memory.copyOut(99, out, 0, 5);
        assertArrayEquals(new byte[] {0, 9, 9, 9, 4}, out);
    }

    @Test
    void closedMemoryRefusesEveryAccess() {
        memory.release();
        assertThrows(SandboxClosedException.class, memory::size);
        assertThrows(SandboxClosedException.class, () -> memory.getByte(0));
        assertThrows(SandboxClosedException.class, () -> memory.putInt(0, 1));
        assertThrows(SandboxClosedException.class, () -> memory.copyIn(0, new byte[1], 0, 1));
    }
}
