package dev.airlock.marshal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.airlock.taint.HeapSandboxMemory;
import dev.airlock.taint.Pointee;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.SandboxAllocator;
import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.SandboxMemoryException;
import dev.airlock.taint.Tainted;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.VerificationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CStringsTest {
    private final HeapSandboxMemory memory = new HeapSandboxMemory(128);

    private TaintedPointer<Byte> at(long address) {
        return TaintedPointer.of(memory, address, Pointees.UINT8);
    }

    @Test
    void encodeAddsTheNulAndRefusesWhatCCannotHold() {
        assertArrayEquals(new byte[] {'h', (byte) 0xC3, (byte) 0xA9, 0}, CStrings.encode("hé"));
        assertThrows(IllegalArgumentException.class, () -> CStrings.encode("a\0b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CStrings.encode("a\uD800"));
        assertEquals("string is not encodable as UTF-8 (unpaired surrogate)", e.getMessage());
    }

    @Test
    void writeRefusesStringsThatDoNotFitTheirCapacity() {
        assertEquals(4, CStrings.write(memory, 10, "abc", 4));
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0}, bytes(10, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CStrings.write(at(10), "abcd", 4));
        assertEquals("string needs 5 bytes with its NUL, the destination holds 4", e.getMessage());
        assertThrows(SandboxMemoryException.class, () -> CStrings.write(memory, 126, "abc", 10));
        assertThrows(dev.airlock.taint.VerificationException.class, () -> CStrings.write(at(0), "x", 2));
    }

    @Test
    void readRoundTripsUtf8() {
        CStrings.write(memory, 20, "zoë ☃ 𝄞", 64);
        assertEquals("zoë ☃ 𝄞", CStrings.read(at(20), 64).verify(s -> s.length() < 20, "short"));
    }

    @Test
    void readEnforcesTheMaximum() {
        CStrings.write(memory, 20, "abcdef", 64);
        assertEquals("abcdef", CStrings.read(at(20), 6).unverifiedSafeBecause("test"));
        VerificationException e = assertThrows(VerificationException.class, () -> CStrings.read(at(20), 5));
        assertEquals("check failed: string NUL-terminated within 5 bytes", e.getMessage());
    }

    @Test
    void malformedUtf8IsRejectedOrReplaced() {
        // 0xC0 0x80 is an overlong NUL, 0xED 0xA0 0x80 an encoded surrogate, 0xFF never valid.
        memory.copyIn(40, new byte[] {'a', (byte) 0xC0, (byte) 0x80, 'b', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                (byte) 0xFF, 0}, 0, 9);
        VerificationException e = assertThrows(VerificationException.class, () -> CStrings.read(at(40), 32));
        assertEquals("check failed: string is valid UTF-8", e.getMessage());
        String replaced = CStrings.read(at(40), 32, CStrings.Malformed.REPLACE).unverifiedSafeBecause("display only");
        assertEquals('a', replaced.charAt(0));
        assertEquals(true, replaced.contains("b"));
        assertEquals(true, replaced.chars().allMatch(c -> c == 'a' || c == 'b' || c == 0xFFFD), replaced);
    }

    @Test
    void fixedCharArraysStopAtTheFirstNulOrTheEnd() {
        assertEquals("ab", CStrings.decodeFixed(Tainted.of(new byte[] {'a', 'b', 0, 'c'}), CStrings.Malformed.REJECT)
                .unverifiedSafeBecause("test"));
        assertEquals("abcd", CStrings.decodeFixed(Tainted.of("abcd".getBytes(StandardCharsets.US_ASCII)),
                CStrings.Malformed.REJECT).unverifiedSafeBecause("test"));
        assertThrows(VerificationException.class,
                () -> CStrings.decodeFixed(Tainted.of(new byte[] {(byte) 0x80}), CStrings.Malformed.REJECT));
    }

    @Test
    void copyInAllocatesInTheSandbox() {
        SandboxAllocator allocator = new SandboxAllocator() {
            @Override
            public SandboxMemory unverifiedMemoryBecause(String reason) {
                return memory;
            }

            @Override
            public <T> TaintedPointer<T> malloc(Pointee<T> type, long count) {
                assertEquals(6, count);
                return TaintedPointer.of(memory, 100, type);
            }

            @Override
            public void free(TaintedPointer<?> pointer) {
                throw new UnsupportedOperationException();
            }
        };
        TaintedPointer<Byte> p = CStrings.copyIn(allocator, "hello");
        assertEquals("hello", CStrings.read(p, 16).unverifiedSafeBecause("test"));
    }

    private byte[] bytes(int from, int length) {
        byte[] out = new byte[length];
        memory.copyOut(from, out, 0, length);
        return out;
    }
}
