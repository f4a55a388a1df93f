package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapSandboxMemoryTest {
    @Test
    void littleEndianAccessors() {
        HeapSandboxMemory m = new HeapSandboxMemory(32);
        m.putInt(0, 0x04030201);
        assertEquals(1, m.getByte(0));
        assertEquals(0x0201, m.getShort(0));
        m.putLong(8, 0x0807060504030201L);
        assertEquals(0x04030201, m.getInt(8));
        m.putFloat(16, 1.5f);
        assertEquals(1.5f, m.getFloat(16));
        m.putDouble(24, -2.25);
        assertEquals(-2.25, m.getDouble(24));
    }

    @Test
    void everyAccessIsBoundsChecked() {
        HeapSandboxMemory m = new HeapSandboxMemory(16);
        SandboxMemoryException e = assertThrows(SandboxMemoryException.class, () -> m.getInt(13));
        assertEquals("sandbox range out of bounds: address 0xd, length 4, memory size 16", e.getMessage());
        assertThrows(SandboxMemoryException.class, () -> m.getByte(-1));
        assertThrows(SandboxMemoryException.class, () -> m.putLong(9, 0));
        assertThrows(SandboxMemoryException.class, () -> m.checkRange(0, -1));
        assertThrows(SandboxMemoryException.class, () -> m.checkRange(Long.MAX_VALUE, 1));
        assertThrows(SandboxMemoryException.class, () -> m.fill(10, 7, (byte) 0));
        assertThrows(SandboxMemoryException.class, () -> m.copyWithin(0, 10, 7));
        assertThrows(SandboxMemoryException.class, () -> m.copyOut(15, new byte[2], 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.copyIn(0, new byte[2], 1, 2));
        m.checkRange(16, 0);
    }

    @Test
    void pointersFollowThePointerSize() {
        HeapSandboxMemory wasm = new HeapSandboxMemory(16);
        wasm.putPointer(0, 0xFFFF_FFF0L);
        assertEquals(0xFFFF_FFF0L, wasm.getPointer(0));
        assertThrows(SandboxMemoryException.class, () -> wasm.putPointer(0, 1L << 32));
        HeapSandboxMemory lp64 = new HeapSandboxMemory(16, 8);
        lp64.putPointer(0, 1L << 40);
        assertEquals(1L << 40, lp64.getPointer(0));
        assertEquals(8, lp64.pointerSize());
        assertThrows(IllegalArgumentException.class, () -> new HeapSandboxMemory(16, 2));
    }

    @Test
    void bulkOperationsAndGrowth() {
        HeapSandboxMemory m = new HeapSandboxMemory(8);
        m.copyIn(0, new byte[] {1, 2, 3, 4}, 0, 4);
        m.copyWithin(2, 0, 4);
        byte[] out = new byte[6];
        m.copyOut(0, out, 0, 6);
        assertArrayEquals(new byte[] {1, 2, 1, 2, 3, 4}, out);
        m.fill(0, 2, (byte) 9);
        assertEquals(9, m.getByte(1));
        m.grow(8);
        assertEquals(16, m.size());
        assertEquals(4, m.getByte(5));
        assertThrows(IllegalArgumentException.class, () -> m.grow(-1));
    }

    @Test
    void eachMemoryIsItsOwnIsolatedOwner() {
        HeapSandboxMemory a = new HeapSandboxMemory(1);
        HeapSandboxMemory b = new HeapSandboxMemory(1);
        assertSame(a, a.owner());
        assertNotSame(a.owner(), b.owner());
        assertTrue(a.isIsolated());
        assertTrue(a.toString().startsWith("heap-"));
    }
}
