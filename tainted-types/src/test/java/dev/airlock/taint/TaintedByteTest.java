package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaintedByteTest {
    @Test
    void verifyAndWiden() {
        assertEquals((byte) 0x7f, TaintedByte.of((byte) 0x7f).verifyRange(0, 127, "b"));
        assertThrows(VerificationException.class, () -> TaintedByte.of((byte) 0x80).verifyRange(0, 127, "b"));
        assertEquals(0x80, TaintedByte.of((byte) 0x80).toUnsignedInt().unverifiedSafeBecause("test"));
        assertEquals(-128, TaintedByte.of((byte) 0x80).toInt().unverifiedSafeBecause("test"));
        assertTrue(TaintedByte.of((byte) 1).isEqualTo(1).unverifiedSafeBecause("test"));
    }
}
