package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TaintedCharTest {
    @Test
    void checksSeeTheUnsignedValueAndMessagesShowTheNumber() {
        assertEquals('\uffff', TaintedChar.of('\uffff').verify(v -> v == 65535, "max"));
        VerificationException e = assertThrows(VerificationException.class,
                () -> TaintedChar.of('A').verifyRange(0, 10, "code unit"));
        assertEquals("check failed: code unit in [0, 10] (value: 65)", e.getMessage());
        assertEquals(65535L, TaintedChar.of('\uffff').toLong().unverifiedSafeBecause("test"));
    }
}
