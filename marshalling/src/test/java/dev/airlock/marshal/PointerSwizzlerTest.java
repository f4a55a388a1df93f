package dev.airlock.marshal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.taint.HeapSandboxMemory;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.SandboxMemoryException;
import dev.airlock.taint.TaintedPointer;
import org.junit.jupiter.api.Test;

class PointerSwizzlerTest {
    private static final long BASE = 0x7f00_0000_0000L;

    @Test
    void regionOffsetsConvertBothWaysAndNullStaysNull() {
        PointerSwizzler s = PointerSwizzler.region(Abi.WASM32, BASE, 65536);
        assertTrue(s.hasRegion());
        assertEquals(BASE + 16, s.toHost(16));
        assertEquals(16, s.toSandbox(BASE + 16));
        assertEquals(0, s.toHost(0));
        assertEquals(0, s.toSandbox(0));
        assertEquals(BASE + 65536, s.toHost(65536), "one past the end converts");
    }

    @Test
    void addressesOutsideTheRegionAreRefused() {
        PointerSwizzler s = PointerSwizzler.region(Abi.WASM32, BASE, 65536);
        SandboxMemoryException out = assertThrows(SandboxMemoryException.class, () -> s.toSandbox(BASE - 1));
        assertTrue(out.getMessage().startsWith("host address 0x7effffffffff lies outside the sandbox's region"), out.getMessage());
        assertThrows(SandboxMemoryException.class, () -> s.toSandbox(BASE + 65537));
        assertThrows(SandboxMemoryException.class, () -> s.toHost(65537));
        // A sign-extended 32-bit offset is read as unsigned, hence far outside a 64 KiB region.
        assertThrows(SandboxMemoryException.class, () -> s.toHost(-1));
    }

    @Test
    void identityIsTheNativeBackend() {
        PointerSwizzler s = PointerSwizzler.identity(Abi.LP64);
        assertFalse(s.hasRegion());
        assertEquals(BASE, s.toHost(BASE));
        assertEquals(BASE, s.toSandbox(BASE));
        assertEquals("PointerSwizzler[x86_64 (LP64), identity]", s.toString());
    }

    @Test
    void taintedPointersConvert() {
        HeapSandboxMemory memory = new HeapSandboxMemory(64);
        PointerSwizzler s = PointerSwizzler.region(Abi.WASM32, BASE, 64);
        TaintedPointer<Integer> p = s.toSandbox(memory, BASE + 8, Pointees.INT32);
        assertEquals(8, p.unverifiedAddressBecause(memory, "test: compared only"));
        assertEquals(BASE + 8, s.toHost(p));
        assertThrows(IllegalArgumentException.class, () -> s.toSandbox(new HeapSandboxMemory(8, 8), BASE, Pointees.INT32));
    }

    @Test
    void badRegionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PointerSwizzler.region(Abi.WASM32, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> PointerSwizzler.region(Abi.WASM32, BASE, 0));
        assertThrows(IllegalArgumentException.class, () -> PointerSwizzler.region(Abi.WASM32, BASE, (1L << 32) + 1));
        assertThrows(IllegalArgumentException.class, () -> PointerSwizzler.region(Abi.LP64, Long.MAX_VALUE, 16));
    }
}
