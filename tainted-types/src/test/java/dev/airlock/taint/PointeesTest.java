package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PointeesTest {
    @Test
    void scalarSizesAreFixedAndNatural() {
        assertEquals(1, Pointees.INT8.size(4));
        assertEquals(1, Pointees.UINT8.alignment(8));
        assertEquals(2, Pointees.INT16.size(8));
        assertEquals(2, Pointees.UINT16.size(4));
        assertEquals(4, Pointees.INT32.size(8));
        assertEquals(8, Pointees.INT64.alignment(4));
        assertEquals(4, Pointees.FLOAT32.size(4));
        assertEquals(8, Pointees.FLOAT64.size(4));
        assertEquals(1, Pointees.BOOL.size(8));
        assertEquals(0, Pointees.VOID.size(8));
    }

    @Test
    void pointersTakeTheAbiPointerSize() {
        assertEquals(4, Pointees.POINTER.size(4));
        assertEquals(8, Pointees.POINTER.size(8));
        assertEquals(8, Pointees.pointerTo(Pointees.INT8).alignment(8));
        assertEquals("int32_t**", Pointees.pointerTo(Pointees.pointerTo(Pointees.INT32)).toString());
    }

    @Test
    void roundTrips() {
        HeapSandboxMemory m = new HeapSandboxMemory(64, 8);
        Pointees.BOOL.write(m, 0, true);
        m.putByte(1, (byte) 2);
        assertTrue(Pointees.BOOL.read(m, 0));
        assertTrue(Pointees.BOOL.read(m, 1), "any non-zero byte is true");
        Pointees.UINT16.write(m, 2, '\uffee');
        assertEquals('\uffee', Pointees.UINT16.read(m, 2));
        Pointees.FLOAT32.write(m, 4, 1.25f);
        assertEquals(1.25f, Pointees.FLOAT32.read(m, 4));
        Pointees.POINTER.write(m, 8, TaintedPointer.of(m, 0x1234, Pointees.VOID));
        assertEquals(0x1234, m.getLong(8));
        assertFalse(Pointees.POINTER.read(m, 8).isNullPointer());
        assertThrows(NullPointerException.class, () -> Pointees.INT32.write(m, 0, null));
        assertThrows(IllegalStateException.class, () -> Pointees.VOID.read(m, 0));
    }
}
