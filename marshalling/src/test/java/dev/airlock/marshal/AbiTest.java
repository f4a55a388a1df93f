package dev.airlock.marshal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.airlock.taint.HeapSandboxMemory;
import org.junit.jupiter.api.Test;

class AbiTest {
    @Test
    void wasm32IsIlp32() {
        Abi a = Abi.WASM32;
        assertEquals(1, a.sizeOf(CScalar.CHAR));
        assertEquals(2, a.sizeOf(CScalar.SHORT));
        assertEquals(4, a.sizeOf(CScalar.INT));
        assertEquals(4, a.sizeOf(CScalar.LONG));
        assertEquals(8, a.sizeOf(CScalar.LONG_LONG));
        assertEquals(8, a.alignmentOf(CScalar.LONG_LONG));
        assertEquals(4, a.sizeOf(CScalar.FLOAT));
        assertEquals(8, a.alignmentOf(CScalar.DOUBLE));
        assertEquals(4, a.pointerSize());
        assertEquals(4, a.sizeOf(CScalar.SIZE_T));
        assertEquals(1, a.sizeOf(CScalar.BOOL));
    }

    @Test
    void lp64() {
        Abi a = Abi.LP64;
        assertEquals(8, a.sizeOf(CScalar.LONG));
        assertEquals(8, a.alignmentOf(CScalar.UNSIGNED_LONG));
        assertEquals(8, a.sizeOf(CScalar.SIZE_T));
        assertEquals(8, a.sizeOf(CScalar.PTRDIFF_T));
        assertEquals(8, a.pointerAlignment());
        assertEquals(4, a.sizeOf(CScalar.UINT32));
    }

    @Test
    void selectionAndPointerChecks() {
        assertSame(Abi.WASM32, Abi.forPointerSize(4));
        assertSame(Abi.LP64, Abi.of(new HeapSandboxMemory(1, 8)));
        assertThrows(IllegalArgumentException.class, () -> Abi.forPointerSize(2));
        assertEquals(0xFFFF_FFFFL, Abi.WASM32.checkPointer(0xFFFF_FFFFL));
        assertThrows(IllegalArgumentException.class, () -> Abi.WASM32.checkPointer(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> Abi.WASM32.checkPointer(-1));
        assertEquals(-1, Abi.LP64.checkPointer(-1));
        assertEquals("wasm32", Abi.WASM32.toString());
    }
}
