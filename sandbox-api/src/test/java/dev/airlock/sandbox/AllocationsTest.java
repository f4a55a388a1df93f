package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Ownership records behind {@link Sandbox#free}. */
class AllocationsTest {
    private final Allocations allocations = new Allocations();

    @Test
    void freesOnlyLiveHostAllocationsOnce() {
        allocations.allocated(0x100, 16);
        assertTrue(allocations.isLive(0x100));
        allocations.release("s", 0x100);
        assertFalse(allocations.isLive(0x100));
        SandboxAllocationException twice = assertThrows(SandboxAllocationException.class, () -> allocations.release("s", 0x100));
        assertTrue(twice.getMessage().startsWith("s: double free of 0x100"), twice.getMessage());
        SandboxAllocationException foreign = assertThrows(SandboxAllocationException.class, () -> allocations.release("s", 0x108));
        assertTrue(foreign.getMessage().contains("not allocated"), foreign.getMessage());
    }

    @Test
    void anAddressAllocatedAgainMayBeFreedAgain() {
        allocations.allocated(0x200, 8);
        allocations.release("s", 0x200);
        allocations.allocated(0x200, 8);
        allocations.release("s", 0x200);
        assertEquals(0, allocations.count());
    }

    @Test
    void rememberedFreesAreBounded() {
        for (long a = 1; a <= Allocations.FREED_MEMORY + 10; a++) {
            allocations.allocated(a * 16, 16);
            allocations.release("s", a * 16);
        }
        // The oldest frees are forgotten: freeing one again is still refused, as a foreign pointer.
        SandboxAllocationException oldest = assertThrows(SandboxAllocationException.class, () -> allocations.release("s", 16));
        assertTrue(oldest.getMessage().contains("not allocated"), oldest.getMessage());
        SandboxAllocationException recent = assertThrows(SandboxAllocationException.class,
                () -> allocations.release("s", (Allocations.FREED_MEMORY + 10) * 16L));
        assertTrue(recent.getMessage().contains("double free"), recent.getMessage());
        allocations.clear();
        assertEquals(0, allocations.count());
    }
}
