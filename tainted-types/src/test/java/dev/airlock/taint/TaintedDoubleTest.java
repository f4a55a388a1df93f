package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaintedDoubleTest {
    @Test
    void verifyAndArithmetic() {
        assertEquals(2.5, TaintedDouble.of(1.0).plus(TaintedDouble.of(1.5)).verify(v -> v > 0, "positive"));
        assertEquals(0.25, TaintedDouble.of(1.0).dividedBy(4).unverifiedSafeBecause("test"));
        assertTrue(TaintedDouble.of(1.0).dividedBy(0).isGreaterThan(1e308).unverifiedSafeBecause("test"));
        assertThrows(VerificationException.class, () -> TaintedDouble.of(Double.NaN).verifyFinite("gamma"));
    }

    @Test
    void conversions() {
        assertThrows(VerificationException.class, () -> TaintedDouble.of(Double.NaN).toIntExact());
        assertThrows(VerificationException.class, () -> TaintedDouble.of(2147483648.0).toIntExact());
        assertEquals(-7, TaintedDouble.of(-7.0).toIntExact().unverifiedSafeBecause("test"));
        assertEquals(0, TaintedDouble.of(Double.NaN).toInt().unverifiedSafeBecause("test"));
        assertEquals(Long.MAX_VALUE, TaintedDouble.of(1e300).toLong().unverifiedSafeBecause("test"));
        assertEquals(Float.POSITIVE_INFINITY, TaintedDouble.of(1e300).toFloat().unverifiedSafeBecause("test"));
    }
}
