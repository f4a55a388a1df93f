package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemoryFunctionsTest {
    private final HeapSandboxMemory memory = new HeapSandboxMemory(64);

    private byte[] bytes(int from, int length) {
        byte[] out = new byte[length];
        memory.copyOut(from, out, 0, length);
        return out;
    }

    @Test
    void memsetFillsAndChecksTheRange() {
        TaintedPointer<Integer> p = TaintedPointer.of(memory, 8, Pointees.INT32);
        MemoryFunctions.memset(p, 0x1AB, 4);
        assertArrayEquals(new byte[] {0, (byte) 0xAB, (byte) 0xAB, (byte) 0xAB, (byte) 0xAB, 0}, bytes(7, 6));
        assertThrows(SandboxMemoryException.class, () -> MemoryFunctions.memset(p, 0, 57));
        assertThrows(SandboxMemoryException.class, () -> MemoryFunctions.memset(TaintedPointer.nullPointer(memory, Pointees.VOID), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> MemoryFunctions.memset(p, 0, -1));
        MemoryFunctions.memset(TaintedPointer.nullPointer(memory, Pointees.VOID), 0, 0);
    }

    @Test
    void memcpyWithinASandboxHandlesOverlap() {
        memory.copyIn(1, new byte[] {1, 2, 3, 4, 5}, 0, 5);
        TaintedPointer<Byte> base = TaintedPointer.of(memory, 1, Pointees.UINT8);
        MemoryFunctions.memcpy(base.add(1), base, 4);
        assertArrayEquals(new byte[] {1, 1, 2, 3, 4}, bytes(1, 5));
        MemoryFunctions.memcpy(base, base.add(1), 4);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 4}, bytes(1, 5));
        assertThrows(SandboxMemoryException.class, () -> MemoryFunctions.memcpy(base.add(59), base, 5));
        assertThrows(ForeignPointerException.class,
                () -> MemoryFunctions.memcpy(base, TaintedPointer.of(new HeapSandboxMemory(64), 0, Pointees.UINT8), 1));
    }

    @Test
    void memcpyFromTheHost() {
        MemoryFunctions.memcpy(TaintedPointer.of(memory, 10, Pointees.VOID), new byte[] {9, 8, 7}, 1, 2);
        assertArrayEquals(new byte[] {8, 7}, bytes(10, 2));
        assertThrows(IndexOutOfBoundsException.class,
                () -> MemoryFunctions.memcpy(TaintedPointer.of(memory, 10, Pointees.VOID), new byte[2], 1, 2));
        assertThrows(SandboxMemoryException.class,
                () -> MemoryFunctions.memcpy(TaintedPointer.of(memory, 63, Pointees.VOID), new byte[2], 0, 2));
    }

    @Test
    void strncpyPadsWithNulsAndDoesNotTerminateAFullBuffer() {
        TaintedPointer<Byte> dst = TaintedPointer.of(memory, 20, Pointees.UINT8);
        memory.fill(20, 8, (byte) 'z');
        MemoryFunctions.strncpy(dst, "ab", 5);
        assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 'z'}, bytes(20, 6));
        MemoryFunctions.strncpy(dst, "abcdefg", 3);
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0}, bytes(20, 5));
        assertThrows(IllegalArgumentException.class, () -> MemoryFunctions.strncpy(dst, "a\0b", 3));

        byte[] src = "hi\0junk".getBytes(StandardCharsets.US_ASCII);
        memory.copyIn(40, src, 0, src.length);
        MemoryFunctions.strncpy(dst, TaintedPointer.of(memory, 40, Pointees.UINT8), 4);
        assertArrayEquals(new byte[] {'h', 'i', 0, 0, 0}, bytes(20, 5));
        MemoryFunctions.strncpy(dst, TaintedPointer.of(memory, 43, Pointees.UINT8), 2);
        assertArrayEquals(new byte[] {'j', 'u', 0}, bytes(20, 3));
        assertThrows(SandboxMemoryException.class, () -> MemoryFunctions.strncpy(dst, "x", 45));
    }
}
