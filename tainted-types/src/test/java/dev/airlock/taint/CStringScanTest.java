package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CStringScanTest {
    @Test
    void nativeScansNeverCrossAPageBoundaryInOneRead() {
        HeapSandboxMemory heap = new HeapSandboxMemory(3 * 4096);
        TestMemories.Delegating nativeLike = new TestMemories.Delegating(heap, false);
        long start = 4096 - 10;
        heap.fill(start, 5000, (byte) 'a');
        heap.putByte(start + 5000, (byte) 0);
        byte[] s = CStringScan.scan(TaintedPointer.of(nativeLike, start, Pointees.UINT8), 6000);
        assertEquals(5000, s.length);
        // The delegating memory asserts on every copy that it stays within one page.
        assertEquals(4096, nativeLike.largestCopy);
    }

    @Test
    void isolatedScansCopyOnceUpToTheBound() {
        HeapSandboxMemory heap = new HeapSandboxMemory(1024);
        TestMemories.Delegating isolated = new TestMemories.Delegating(heap, true);
        heap.copyIn(100, new byte[] {'o', 'k', 0}, 0, 3);
        assertArrayEquals(new byte[] {'o', 'k'}, CStringScan.scan(TaintedPointer.of(isolated, 100, Pointees.UINT8), 500));
        assertEquals(501, isolated.largestCopy);
    }

    @Test
    void prefixReturnsAllBytesWhenThereIsNoNul() {
        HeapSandboxMemory heap = new HeapSandboxMemory(16);
        heap.fill(1, 15, (byte) 'q');
        assertEquals(4, CStringScan.prefix(TaintedPointer.of(heap, 1, Pointees.UINT8), 4).length);
        assertEquals(0, CStringScan.prefix(TaintedPointer.of(heap, 1, Pointees.UINT8), 0).length);
        assertThrows(VerificationException.class, () -> CStringScan.scan(TaintedPointer.of(heap, 1, Pointees.UINT8), 3));
        assertThrows(IllegalArgumentException.class, () -> CStringScan.scan(TaintedPointer.of(heap, 1, Pointees.UINT8), -1));
        assertThrows(SandboxMemoryException.class, () -> CStringScan.scan(TaintedPointer.of(heap, 16, Pointees.UINT8), 3));
    }
}
