package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TaintedBooleanHintTest {
    @Test
    void theOnlyWayOutIsTheNamedEscape() {
        // A hint must not be verifiable: nothing about the next read follows from it.
        assertTrue(Arrays.stream(TaintedBooleanHint.class.getMethods()).map(Method::getName).filter(n -> !n.equals("getClass"))
                .noneMatch(n -> n.startsWith("verify") || n.startsWith("get") || n.equals("booleanValue")));
        assertTrue(TaintedBooleanHint.of(true).unverifiedSafeBecause("progress display only"));
        assertThrows(IllegalArgumentException.class, () -> TaintedBooleanHint.of(true).unverifiedSafeBecause(" "));
    }

    @Test
    void logic() {
        TaintedBooleanHint t = TaintedBooleanHint.of(true);
        assertFalse(t.and(t.not()).unverifiedSafeBecause("test"));
        assertTrue(t.or(t.not()).unverifiedSafeBecause("test"));
        assertEquals("TaintedBooleanHint[unverified]", t.toString());
    }
}
