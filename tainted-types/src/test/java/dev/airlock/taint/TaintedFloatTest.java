package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaintedFloatTest {
    @Test
    void nanIsNeverInRangeAndNotFinite() {
        assertThrows(VerificationException.class, () -> TaintedFloat.of(Float.NaN).verifyRange(0, 1, "alpha"));
        VerificationException e = assertThrows(VerificationException.class,
                () -> TaintedFloat.of(Float.POSITIVE_INFINITY).verifyFinite("scale"));
        assertEquals("check failed: scale is finite (value: Infinity)", e.getMessage());
        assertEquals(0.5f, TaintedFloat.of(0.5f).verifyRange(0, 1, "alpha"));
        assertTrue(TaintedFloat.of(Float.NaN).isNaN().unverifiedSafeBecause("test"));
    }

    @Test
    void conversions() {
        assertEquals(3, TaintedFloat.of(3f).toIntExact().unverifiedSafeBecause("test"));
        assertThrows(VerificationException.class, () -> TaintedFloat.of(3.5f).toIntExact());
        assertThrows(VerificationException.class, () -> TaintedFloat.of(3e9f).toIntExact());
        assertEquals(Integer.MAX_VALUE, TaintedFloat.of(3e9f).toInt().unverifiedSafeBecause("test"));
        assertEquals(1.5, TaintedFloat.of(1.5f).toDouble().unverifiedSafeBecause("test"));
        assertEquals(4f, TaintedFloat.of(1.5f).plus(2.5f).unverifiedSafeBecause("test"));
    }
}
