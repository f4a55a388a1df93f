package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.airlock.taint.SandboxMemoryException;
import org.junit.jupiter.api.Test;

/** The native memory view over real native memory: what it can check, and what it cannot. */
class NativeMemoryTest {
    private final NativeMemory memory = new NativeMemory(new Object(), "native");
    private final Memory block = new Memory(64);
    private final long base = Pointer.nativeValue(block);

    @Test
    void describesAnUnisolatedLp64Memory() {
        assertEquals(8, memory.pointerSize());
        assertFalse(memory.isIsolated());
        assertEquals(Long.MAX_VALUE, memory.size());
    }

    @Test
    void readsAndWritesTheProcessMemory() {
        memory.putInt(base, 0x11223344);
        assertEquals(0x11223344, block.getInt(0));
        assertEquals(0x44, memory.getByte(base), "little-endian like the host");
        memory.putPointer(base + 8, 0x7FFF_0000_1234L);
        assertEquals(0x7FFF_0000_1234L, memory.getPointer(base + 8), "pointers are 8 bytes");
        memory.putDouble(base + 16, 3.5);
        assertEquals(3.5, block.getDouble(16));
        memory.putShort(base + 24, (short) -2);
        assertEquals(-2, memory.getShort(base + 24));
        memory.putFloat(base + 28, 0.5f);
        assertEquals(0.5f, memory.getFloat(base + 28));
        memory.putLong(base + 32, -7L);
        assertEquals(-7L, memory.getLong(base + 32));
        memory.putByte(base + 40, (byte) 5);
        memory.copyIn(base + 41, new byte[] {6, 7}, 0, 2);
        memory.copyWithin(base + 42, base + 40, 3);
        byte[] out = new byte[5];
        memory.copyOut(base + 40, out, 0, 5);
        assertArrayEquals(new byte[] {5, 6, 5, 6, 7}, out);
        memory.fill(base + 40, 5, (byte) 1);
        memory.copyOut(base + 40, out, 0, 5);
        assertArrayEquals(new byte[] {1, 1, 1, 1, 1}, out);
    }

    @Test
    void theNullPageAndImpossibleRangesAreRefused() {
        SandboxMemoryException e = assertThrows(SandboxMemoryException.class, () -> memory.getInt(0));
        assertTrue(e.getMessage().contains("null page"), e.getMessage());
        assertThrows(SandboxMemoryException.class, () -> memory.getByte(4095));
        assertThrows(SandboxMemoryException.class, () -> memory.getByte(-8));
        assertThrows(SandboxMemoryException.class, () -> memory.checkRange(Long.MAX_VALUE - 4, 8));
        assertThrows(SandboxMemoryException.class, () -> memory.fill(base, -1, (byte) 0));
    }

    @Test
    void closedMemoryRefusesEveryAccess() {
        memory.release();
        assertThrows(SandboxClosedException.class, () -> memory.getByte(base));
        assertThrows(SandboxClosedException.class, () -> memory.putLong(base, 1));
    }
}
