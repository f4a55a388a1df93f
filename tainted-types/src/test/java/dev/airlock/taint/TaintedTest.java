package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaintedTest {
    record Header(int width, String name) {}

    @Test
    void verifyWithAPredicateNamesTheCheckButNotAStructsContents() {
        Tainted<Header> h = Tainted.of(new Header(-1, "secret"));
        VerificationException e = assertThrows(VerificationException.class, () -> h.verify(x -> x.width() > 0, "width > 0"));
        assertEquals("check failed: width > 0", e.getMessage());
        VerificationException n = assertThrows(VerificationException.class,
                () -> Tainted.of(42L).verify(x -> x < 10, "small"));
        assertEquals("check failed: small (value: 42)", n.getMessage());
    }

    @Test
    void verifyReturnsTheSameCopy() {
        List<Integer> copy = List.of(1, 2);
        assertSame(copy, Tainted.of(copy).verify(l -> l.size() == 2, "two elements"));
        assertEquals(Integer.valueOf(3), Tainted.of(copy).verify(l -> l.get(0) + l.get(1)));
    }

    @Test
    void projectionsStayTainted() {
        Tainted<Header> h = Tainted.of(new Header(640, "x"));
        assertEquals(640, h.mapToInt(Header::width).verifyRange(1, 1000, "width"));
        assertEquals("x", h.map(Header::name).verify(s -> !s.isEmpty(), "name"));
        assertEquals(640L, h.mapToLong(Header::width).unverifiedSafeBecause("test"));
        assertEquals(640.0, h.mapToDouble(Header::width).unverifiedSafeBecause("test"));
        assertEquals("Tainted[unverified]", h.toString());
    }

    @Test
    void unverifiedNeedsAReason() {
        assertThrows(IllegalArgumentException.class, () -> Tainted.of("x").unverifiedSafeBecause(""));
        assertEquals("x", Tainted.of("x").unverifiedSafeBecause("shown to the user as is"));
    }
}
