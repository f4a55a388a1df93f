package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxAllocatorTest {
    /** A bump allocator over a heap memory, tracking live blocks to catch double frees. */
    static final class Bump implements SandboxAllocator {
        final HeapSandboxMemory memory = new HeapSandboxMemory(256);
        final Set<Long> live = new HashSet<>();
        long next = 16;

        @Override
        public SandboxMemory unverifiedMemoryBecause(String reason) {
            return memory;
        }

        @Override
        public <T> TaintedPointer<T> malloc(Pointee<T> type, long count) {
            long size = Math.multiplyExact(type.size(4), count);
            long at = next;
            next += (size + 7) & -8;
            live.add(at);
            return TaintedPointer.of(memory, at, type);
        }

        @Override
        public void free(TaintedPointer<?> pointer) {
            if (!live.remove(pointer.addressIn(memory))) {
                throw new IllegalStateException("double free");
            }
        }
    }

    @Test
    void grantCopiesInAndDenyCopiesOutAndFrees() {
        Bump allocator = new Bump();
        TaintedPointer<Byte> granted = allocator.grantAccess(new byte[] {1, 2, 3});
        assertEquals(2, allocator.memory.getByte(granted.addressIn(allocator.memory) + 1));
        // The sandbox modifies the buffer; the host takes it back.
        allocator.memory.putByte(granted.addressIn(allocator.memory), (byte) 42);
        byte[] back = allocator.denyAccess(granted, 3).verify(b -> b.length == 3, "length");
        assertArrayEquals(new byte[] {42, 2, 3}, back);
        assertEquals(0, allocator.live.size());
        assertThrows(IllegalStateException.class, () -> allocator.free(granted));
    }

    @Test
    void denyRefusesForeignPointersAndOutOfRangeLengths() {
        Bump allocator = new Bump();
        TaintedPointer<Byte> foreign = TaintedPointer.of(new HeapSandboxMemory(64), 16, Pointees.UINT8);
        assertThrows(ForeignPointerException.class, () -> allocator.denyAccess(foreign, 1));
        TaintedPointer<Byte> granted = allocator.grantAccess(new byte[4]);
        assertThrows(SandboxMemoryException.class, () -> allocator.denyAccess(granted, 1000));
        assertEquals(Integer.valueOf(0), allocator.grantAccess(new byte[0]).copyAndVerifyRange(0, 0, l -> l.size()));
    }
}
