package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OptionScanner}: options with values in every spelling, operands, '--', typed values. */
class OptionScannerTest {
    @Test
    void optionsValuesAndOperandsInAnyOrder() throws UsageException {
        OptionScanner s = new OptionScanner(List.of("in.jpg", "-o", "out.png", "--px=12", "-", "--", "--not-an-option"));
        assertEquals("-o", s.nextOption());
        assertEquals("out.png", s.value());
        assertEquals("--px", s.nextOption());
        assertEquals(12, s.integerValue(1, 100));
        assertNull(s.nextOption());
        assertEquals(List.of("in.jpg", "-", "--not-an-option"), s.operands());
    }

    @Test
    void missingOrBadValuesAreUsageErrors() throws UsageException {
        OptionScanner s = new OptionScanner(List.of("--px"));
        s.nextOption();
        assertEquals("--px needs a value", assertThrows(UsageException.class, s::value).getMessage());

        OptionScanner range = new OptionScanner(List.of("--px", "0"));
        range.nextOption();
        assertEquals("--px must be from 1 to 9, got 0",
                assertThrows(UsageException.class, () -> range.integerValue(1, 9)).getMessage());

        OptionScanner flag = new OptionScanner(List.of("--verbose=yes", "x"));
        flag.nextOption();
        assertEquals("--verbose takes no value", assertThrows(UsageException.class, flag::nextOption).getMessage());

        OptionScanner unknown = new OptionScanner(List.of("-5"));
        unknown.nextOption();
        assertTrue(unknown.unknownOption().getMessage().contains("put '--' before"));
    }

    @Test
    void seconds() throws UsageException {
        assertEquals(Duration.ofSeconds(10), seconds("10"));
        assertEquals(Duration.ofMillis(2500), seconds("2.5"));
        assertEquals(Duration.ofNanos(1), seconds("0.000000001"));
        assertEquals(Duration.ZERO, seconds("0"));
        assertThrows(UsageException.class, () -> seconds("0.0000000001"));
        assertThrows(UsageException.class, () -> seconds("-1"));
        assertThrows(UsageException.class, () -> seconds("101"));
        assertThrows(UsageException.class, () -> seconds("1e400"));
        assertThrows(UsageException.class, () -> seconds("ten"));
        assertEquals("10", OptionScanner.seconds(Duration.ofSeconds(10)));
        assertEquals("0.001", OptionScanner.seconds(Duration.ofMillis(1)));
        assertEquals("90.5", OptionScanner.seconds(Duration.ofMillis(90_500)));
    }

    /** {@code text} read as the value of {@code --timeout}, at most 100 seconds. */
    private static Duration seconds(String text) throws UsageException {
        OptionScanner s = new OptionScanner(List.of("--timeout", text));
        s.nextOption();
        return s.secondsValue(100);
    }

    @Test
    void paths() throws UsageException {
        assertEquals("a/b.png", OptionScanner.path("a/b.png", "OUT").toString());
        assertEquals("OUT is empty", assertThrows(UsageException.class, () -> OptionScanner.path("", "OUT")).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> OptionScanner.path("a\0b", "FILE")).getMessage()
                .startsWith("FILE is not a valid path"));
    }
}
