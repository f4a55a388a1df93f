package dev.airlock.marshal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.airlock.taint.HeapSandboxMemory;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.SandboxMemoryException;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.VerificationException;
import org.junit.jupiter.api.Test;

class PrimitiveArraysTest {
    private final HeapSandboxMemory memory = new HeapSandboxMemory(256);

    @Test
    void everyTypeRoundTripsLittleEndian() {
        PrimitiveArrays.write(memory, 8, new byte[] {1, -2});
        assertArrayEquals(new byte[] {1, -2}, PrimitiveArrays.readBytes(memory, 8, 2).unverifiedSafeBecause("test"));
        PrimitiveArrays.write(memory, 16, new short[] {-1, 0x1234});
        assertEquals(0x12, memory.getByte(19));
        assertArrayEquals(new short[] {-1, 0x1234}, PrimitiveArrays.readShorts(memory, 16, 2).unverifiedSafeBecause("test"));
        PrimitiveArrays.write(memory, 24, new int[] {0x01020304, -5});
        assertEquals(0x04, memory.getByte(24));
        assertArrayEquals(new int[] {0x01020304, -5}, PrimitiveArrays.readInts(memory, 24, 2).unverifiedSafeBecause("test"));
        PrimitiveArrays.write(memory, 32, new long[] {Long.MAX_VALUE});
        assertArrayEquals(new long[] {Long.MAX_VALUE}, PrimitiveArrays.readLongs(memory, 32, 1).unverifiedSafeBecause("test"));
        PrimitiveArrays.write(memory, 40, new float[] {1.5f, Float.NaN});
        assertArrayEquals(new float[] {1.5f, Float.NaN}, PrimitiveArrays.readFloats(memory, 40, 2).unverifiedSafeBecause("test"));
        PrimitiveArrays.write(memory, 48, new double[] {-0.0});
        assertEquals(Double.doubleToRawLongBits(-0.0), memory.getLong(48));
        assertArrayEquals(new double[] {-0.0}, PrimitiveArrays.readDoubles(memory, 48, 1).unverifiedSafeBecause("test"));
    }

    @Test
    void pointerFormsCheckNullAndRange() {
        TaintedPointer<Integer> p = TaintedPointer.of(memory, 64, Pointees.INT32);
        PrimitiveArrays.write(p, new int[] {7, 8, 9});
        assertArrayEquals(new int[] {7, 8, 9}, PrimitiveArrays.readInts(p, 3).verify(a -> a.length == 3, "length"));
        assertThrows(VerificationException.class, () -> PrimitiveArrays.readInts(TaintedPointer.nullPointer(memory, Pointees.INT32), 1));
        assertEquals(0, PrimitiveArrays.readInts(TaintedPointer.nullPointer(memory, Pointees.INT32), 0).unverifiedSafeBecause("test").length);
        assertThrows(SandboxMemoryException.class, () -> PrimitiveArrays.readDoubles(memory, 250, 1));
        assertThrows(SandboxMemoryException.class,
                () -> PrimitiveArrays.write(TaintedPointer.of(memory, 252, Pointees.INT64), new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> PrimitiveArrays.readLongs(memory, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> PrimitiveArrays.readLongs(memory, 0, Integer.MAX_VALUE));
    }
}
