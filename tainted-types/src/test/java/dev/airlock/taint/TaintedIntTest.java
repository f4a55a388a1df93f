package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaintedIntTest {
    @Test
    void verifyReturnsTheValueWhenTheCheckPasses() {
        assertEquals(640, TaintedInt.of(640).verify(w -> w > 0 && w <= 16384, "width in (0, 16384]"));
    }

    @Test
    void verifyNamesTheCheckAndTheValueWhenItFails() {
        VerificationException e = assertThrows(VerificationException.class,
                () -> TaintedInt.of(-7).verify(w -> w > 0, "width > 0"));
        assertEquals("check failed: width > 0 (value: -7)", e.getMessage());
    }

    @Test
    void verifyWithAFunctionReturnsWhatTheVerifierReturns() {
        String safe = TaintedInt.of(2).verify(v -> v == 2 ? "two" : null);
        assertEquals("two", safe);
        assertThrows(IllegalStateException.class, () -> TaintedInt.of(3).verify(v -> {
            throw new IllegalStateException("rejected " + v);
        }));
    }

    @Test
    void verifyRangeIsInclusiveAndNamesTheRange() {
        assertEquals(0, TaintedInt.of(0).verifyRange(0, 10, "channels"));
        assertEquals(10, TaintedInt.of(10).verifyRange(0, 10, "channels"));
        VerificationException e = assertThrows(VerificationException.class,
                () -> TaintedInt.of(11).verifyRange(0, 10, "channels"));
        assertEquals("check failed: channels in [0, 10] (value: 11)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaintedInt.of(1).verifyRange(5, 4, "x"));
    }

    @Test
    void checksMustBeNamed() {
        assertThrows(IllegalArgumentException.class, () -> TaintedInt.of(1).verify(v -> true, " "));
        assertThrows(NullPointerException.class, () -> TaintedInt.of(1).verifyRange(0, 1, null));
    }

    @Test
    void unverifiedSafeBecauseNeedsAReason() {
        assertEquals(5, TaintedInt.of(5).unverifiedSafeBecause("only logged"));
        assertThrows(IllegalArgumentException.class, () -> TaintedInt.of(5).unverifiedSafeBecause(""));
        assertThrows(IllegalArgumentException.class, () -> TaintedInt.of(5).unverifiedSafeBecause(" \t\n"));
        assertThrows(NullPointerException.class, () -> TaintedInt.of(5).unverifiedSafeBecause(null));
    }

    @Test
    void arithmeticStaysTaintedAndWrapsLikeJava() {
        TaintedInt r = TaintedInt.of(7).plus(3).times(TaintedInt.of(2)).minus(1).dividedBy(2).remainder(5);
        assertEquals(4, r.unverifiedSafeBecause("test"));
        assertEquals(Integer.MIN_VALUE, TaintedInt.of(Integer.MAX_VALUE).plus(1).unverifiedSafeBecause("test"));
        assertEquals(-5, TaintedInt.of(5).negate().unverifiedSafeBecause("test"));
        assertEquals(0x0F, TaintedInt.of(0xFF).and(0x0F).unverifiedSafeBecause("test"));
        assertEquals(0xFF, TaintedInt.of(0xF0).or(0x0F).unverifiedSafeBecause("test"));
        assertEquals(0xF0, TaintedInt.of(0xFF).xor(0x0F).unverifiedSafeBecause("test"));
        assertEquals(-1 >>> 28, TaintedInt.of(-1).unsignedShiftRight(28).unverifiedSafeBecause("test"));
        assertEquals(-1, TaintedInt.of(-1).shiftRight(28).unverifiedSafeBecause("test"));
        assertEquals(16, TaintedInt.of(1).shiftLeft(4).unverifiedSafeBecause("test"));
        assertThrows(ArithmeticException.class, () -> TaintedInt.of(1).dividedBy(0));
    }

    @Test
    void exactArithmeticRefusesOverflow() {
        assertEquals(30, TaintedInt.of(5).timesExact(6).unverifiedSafeBecause("test"));
        VerificationException e = assertThrows(VerificationException.class,
                () -> TaintedInt.of(65536).timesExact(65536));
        assertEquals("check failed: product fits in int (value: 65536 * 65536)", e.getMessage());
        assertThrows(VerificationException.class, () -> TaintedInt.of(Integer.MAX_VALUE).plusExact(1));
    }

    @Test
    void comparisonsAreTainted() {
        TaintedInt v = TaintedInt.of(5);
        assertTrue(v.isEqualTo(5).unverifiedSafeBecause("test"));
        assertTrue(v.isEqualTo(TaintedInt.of(5)).unverifiedSafeBecause("test"));
        assertTrue(v.isLessThan(6).unverifiedSafeBecause("test"));
        assertTrue(v.isGreaterThan(TaintedInt.of(4)).unverifiedSafeBecause("test"));
        assertTrue(v.isLessThanOrEqualTo(5).unverifiedSafeBecause("test"));
        assertTrue(v.isGreaterThanOrEqualTo(5).unverifiedSafeBecause("test"));
        assertFalse(TaintedInt.of(-1).isUnsignedLessThan(5).unverifiedSafeBecause("test"));
    }

    @Test
    void conversionsWidenExactlyAndNarrowEitherTaintedOrChecked() {
        assertEquals(-1L, TaintedInt.of(-1).toLong().unverifiedSafeBecause("test"));
        assertEquals(0xFFFF_FFFFL, TaintedInt.of(-1).toUnsignedLong().unverifiedSafeBecause("test"));
        assertEquals((short) 0x2345, TaintedInt.of(0x12345).toShort().unverifiedSafeBecause("test"));
        VerificationException e = assertThrows(VerificationException.class, () -> TaintedInt.of(0x12345).toShortExact());
        assertEquals("check failed: value fits in short (value: 74565)", e.getMessage());
        assertEquals((byte) -128, TaintedInt.of(-128).toByteExact().unverifiedSafeBecause("test"));
        assertThrows(VerificationException.class, () -> TaintedInt.of(128).toByteExact());
        assertEquals('\uffff', TaintedInt.of(-1).toChar().unverifiedSafeBecause("test"));
        assertThrows(VerificationException.class, () -> TaintedInt.of(-1).toCharExact());
        assertEquals(3.0, TaintedInt.of(3).toDouble().unverifiedSafeBecause("test"));
        assertEquals(16777216f, TaintedInt.of(16777217).toFloat().unverifiedSafeBecause("test"));
    }

    @Test
    void unboxReadsATaintedInteger() {
        assertEquals(9, TaintedInt.unbox(Tainted.of(9)).plus(0).unverifiedSafeBecause("test"));
        assertThrows(NullPointerException.class, () -> TaintedInt.unbox(Tainted.of(null)));
    }

    @Test
    void neitherToStringNorEqualsRevealsTheValue() {
        assertEquals("TaintedInt[unverified]", TaintedInt.of(1234).toString());
        assertNotEquals(TaintedInt.of(1), TaintedInt.of(1));
    }
}
