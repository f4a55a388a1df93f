package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CopyAndVerifyTest {
    private final HeapSandboxMemory memory = new HeapSandboxMemory(128);

    @Test
    void copiesEveryPrimitiveType() {
        memory.copyIn(4, new byte[] {1, 2, 3}, 0, 3);
        assertArrayEquals(new byte[] {1, 2, 3},
                CopyAndVerify.bytes(TaintedPointer.of(memory, 4, Pointees.UINT8), 3, 16, b -> b));
        memory.putShort(8, (short) -2);
        memory.putShort(10, (short) 7);
        assertArrayEquals(new short[] {-2, 7},
                CopyAndVerify.shorts(TaintedPointer.of(memory, 8, Pointees.INT16), 2, 2, s -> s));
        memory.putInt(16, 100);
        memory.putInt(20, -100);
        assertEquals(Integer.valueOf(0), CopyAndVerify.ints(TaintedPointer.of(memory, 16, Pointees.INT32), 2, 4, a -> a[0] + a[1]));
        memory.putLong(24, Long.MIN_VALUE);
        assertArrayEquals(new long[] {Long.MIN_VALUE},
                CopyAndVerify.longs(TaintedPointer.of(memory, 24, Pointees.INT64), 1, 1, l -> l));
        memory.putFloat(32, 0.5f);
        assertArrayEquals(new float[] {0.5f},
                CopyAndVerify.floats(TaintedPointer.of(memory, 32, Pointees.FLOAT32), 1, 1, f -> f));
        memory.putDouble(40, 1e100);
        assertArrayEquals(new double[] {1e100},
                CopyAndVerify.doubles(TaintedPointer.of(memory, 40, Pointees.FLOAT64), 1, 1, d -> d));
    }

    @Test
    void aCountAboveTheMaximumIsRefusedBeforeAnyCopy() {
        TaintedPointer<Integer> p = TaintedPointer.of(memory, 0, Pointees.INT32);
        VerificationException e = assertThrows(VerificationException.class,
                () -> CopyAndVerify.ints(p, 1L << 40, 1024, a -> a));
        assertEquals("check failed: element count within [0, 1024] (value: 1099511627776)", e.getMessage());
        assertThrows(VerificationException.class, () -> CopyAndVerify.ints(p, -1, 1024, a -> a));
        assertThrows(IllegalArgumentException.class, () -> CopyAndVerify.longs(
                TaintedPointer.of(memory, 0, Pointees.INT64), 0, Integer.MAX_VALUE, a -> a));
    }

    @Test
    void rangesOutsideMemoryAndNullAreRefused() {
        assertThrows(SandboxMemoryException.class,
                () -> CopyAndVerify.ints(TaintedPointer.of(memory, 120, Pointees.INT32), 4, 4, a -> a));
        assertThrows(SandboxMemoryException.class,
                () -> CopyAndVerify.bytes(TaintedPointer.nullPointer(memory, Pointees.UINT8), 1, 4, a -> a));
        assertEquals(0, CopyAndVerify.bytes(TaintedPointer.nullPointer(memory, Pointees.UINT8), 0, 4, a -> a).length);
    }

    @Test
    void theVerifierDecides() {
        memory.putInt(4, 3);
        TaintedPointer<Integer> p = TaintedPointer.of(memory, 4, Pointees.INT32);
        assertThrows(VerificationException.class, () -> CopyAndVerify.ints(p, 1, 1, a -> {
            if (a[0] != 4) {
                throw new VerificationException("check failed: first element is 4");
            }
            return a;
        }));
    }
}
