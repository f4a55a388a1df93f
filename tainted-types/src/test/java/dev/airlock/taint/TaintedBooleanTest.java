package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaintedBooleanTest {
    @Test
    void verifyExpectsAValue() {
        assertTrue(TaintedBoolean.of(true).verify(true, "decoder succeeded"));
        VerificationException e = assertThrows(VerificationException.class,
                () -> TaintedBoolean.of(false).verify(true, "decoder succeeded"));
        assertEquals("check failed: decoder succeeded (value: false)", e.getMessage());
        assertEquals("yes", TaintedBoolean.of(true).verify(b -> b ? "yes" : "no"));
    }

    @Test
    void logicStaysTainted() {
        TaintedBoolean t = TaintedBoolean.of(true);
        TaintedBoolean f = TaintedBoolean.of(false);
        assertFalse(t.and(f).unverifiedSafeBecause("test"));
        assertTrue(t.or(f).unverifiedSafeBecause("test"));
        assertTrue(f.not().unverifiedSafeBecause("test"));
        assertThrows(IllegalArgumentException.class, () -> t.unverifiedSafeBecause(""));
        assertEquals("TaintedBoolean[unverified]", t.toString());
    }
}
