package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaintedShortTest {
    @Test
    void checksSeeTheSignExtendedValue() {
        assertEquals((short) -2, TaintedShort.of((short) -2).verify(v -> v == -2, "is -2"));
        VerificationException e = assertThrows(VerificationException.class,
                () -> TaintedShort.of((short) -2).verifyRange(0, 100, "depth"));
        assertEquals("check failed: depth in [0, 100] (value: -2)", e.getMessage());
    }

    @Test
    void widening() {
        assertEquals(-2, TaintedShort.of((short) -2).toInt().unverifiedSafeBecause("test"));
        assertEquals(0xFFFE, TaintedShort.of((short) -2).toUnsignedInt().unverifiedSafeBecause("test"));
        assertEquals(-2L, TaintedShort.of((short) -2).toLong().unverifiedSafeBecause("test"));
        assertTrue(TaintedShort.of((short) 3).isLessThan(4).unverifiedSafeBecause("test"));
        assertEquals("TaintedShort[unverified]", TaintedShort.of((short) 3).toString());
    }
}
