package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaintedLongTest {
    @Test
    void verifyAndRange() {
        assertEquals(1L << 40, TaintedLong.of(1L << 40).verify(v -> v > 0, "size > 0"));
        VerificationException e = assertThrows(VerificationException.class,
                () -> TaintedLong.of(-1).verifyRange(0, 100, "size"));
        assertEquals("check failed: size in [0, 100] (value: -1)", e.getMessage());
        assertEquals("big", TaintedLong.of(1L << 40).verify(v -> v > Integer.MAX_VALUE ? "big" : "small"));
    }

    @Test
    void exactArithmeticRefusesOverflow() {
        assertThrows(VerificationException.class, () -> TaintedLong.of(Long.MAX_VALUE).plusExact(1));
        assertThrows(VerificationException.class, () -> TaintedLong.of(1L << 32).timesExact(1L << 32));
        assertEquals(6L, TaintedLong.of(2).timesExact(3).unverifiedSafeBecause("test"));
    }

    @Test
    void narrowingIsTaintedOrChecked() {
        assertEquals(0, TaintedLong.of(1L << 32).toInt().unverifiedSafeBecause("test"));
        assertThrows(VerificationException.class, () -> TaintedLong.of(1L << 32).toIntExact());
        assertEquals(-1, TaintedLong.of(0xFFFF_FFFFL).toUnsignedIntExact().unverifiedSafeBecause("test"));
        VerificationException e = assertThrows(VerificationException.class, () -> TaintedLong.of(-1).toUnsignedIntExact());
        assertEquals("check failed: value fits in uint32 (value: -1)", e.getMessage());
    }

    @Test
    void comparisonsAndUnsigned() {
        assertTrue(TaintedLong.of(-1).isGreaterThan(TaintedLong.of(-2)).unverifiedSafeBecause("test"));
        assertTrue(TaintedLong.of(1).isUnsignedLessThan(-1).unverifiedSafeBecause("test"));
        assertEquals("TaintedLong[unverified]", TaintedLong.of(3).toString());
    }
}
