package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaintedPointerTest {
    private final HeapSandboxMemory memory = new HeapSandboxMemory(256);

    @Test
    void arithmeticMovesByWholeElements() {
        memory.putInt(16 + 3 * 4, 77);
        TaintedPointer<Integer> p = TaintedPointer.of(memory, 16, Pointees.INT32);
        assertEquals(77, p.add(3).read().verify(v -> v == 77, "is 77"));
        assertEquals(77, p.elementAt(3).copy().unverifiedSafeBecause("test"));
        assertEquals(77, p.add(5).subtract(2).read().unverifiedSafeBecause("test"));
        assertEquals(77, p.add(TaintedInt.of(3)).read().unverifiedSafeBecause("test"));
        assertEquals(3, p.distanceTo(p.add(3)).unverifiedSafeBecause("test"));
        assertEquals(-3, p.add(3).distanceTo(p).unverifiedSafeBecause("test"));
        assertEquals(77, p.addBytes(12).read().unverifiedSafeBecause("test"));
    }

    @Test
    void arithmeticIsBoundedByTheSandboxMemory() {
        TaintedPointer<Long> p = TaintedPointer.of(memory, 0, Pointees.INT64);
        assertEquals(256L / 8, p.distanceTo(p.add(32)).unverifiedSafeBecause("one past the end is allowed"));
        SandboxMemoryException beyond = assertThrows(SandboxMemoryException.class, () -> p.add(33));
        assertEquals("pointer arithmetic leaves the sandbox: 0x0 + 33 elements of 8 bytes = 0x108, memory size 256",
                beyond.getMessage());
        assertThrows(SandboxMemoryException.class, () -> p.add(-1));
        assertThrows(SandboxMemoryException.class, () -> p.add(TaintedInt.of(-1)));
    }

    @Test
    void arithmeticOverflowIsCaught() {
        HeapSandboxMemory lp64 = new HeapSandboxMemory(64, 8);
        TaintedPointer<Long> p = TaintedPointer.of(lp64, 8, Pointees.INT64);
        SandboxMemoryException e = assertThrows(SandboxMemoryException.class, () -> p.add(Long.MAX_VALUE / 4));
        assertTrue(e.getMessage().startsWith("pointer arithmetic overflows"), e.getMessage());
        assertThrows(SandboxMemoryException.class, () -> p.subtract(Long.MIN_VALUE));
        assertThrows(SandboxMemoryException.class, () -> TaintedPointer.of(lp64, Long.MAX_VALUE, Pointees.INT8).addBytes(1));
    }

    @Test
    void wasmAddressesAreUnsigned32Bit() {
        TaintedPointer<Byte> p = TaintedPointer.of(memory, -1, Pointees.UINT8);
        assertFalse(p.isNullPointer());
        // 0xFFFFFFFF is beyond this 256-byte memory, so even a read of one byte is refused.
        SandboxMemoryException e = assertThrows(SandboxMemoryException.class, () -> p.read());
        assertTrue(e.getMessage().contains("0xffffffff"), e.getMessage());
        assertThrows(SandboxMemoryException.class, () -> p.elementAt(0));
    }

    @Test
    void voidPointersCannotBeMovedOrDereferenced() {
        TaintedPointer<Void> v = TaintedPointer.of(memory, 8, Pointees.VOID);
        assertThrows(IllegalStateException.class, () -> v.add(1));
        assertThrows(IllegalStateException.class, v::read);
        assertEquals(0, v.cast(Pointees.INT32).read().unverifiedSafeBecause("test"));
        assertEquals(16, v.addBytes(0).cast(Pointees.UINT8).distanceTo(v.addBytes(16).cast(Pointees.UINT8))
                .unverifiedSafeBecause("test"));
    }

    @Test
    void nullIsRefusedOnDereference() {
        TaintedPointer<Integer> p = TaintedPointer.nullPointer(memory, Pointees.INT32);
        assertTrue(p.isNullPointer());
        assertTrue(p.isNull().unverifiedSafeBecause("test"));
        SandboxMemoryException e = assertThrows(SandboxMemoryException.class, p::read);
        assertEquals("null pointer dereference (int32_t*)", e.getMessage());
        assertThrows(SandboxMemoryException.class, () -> p.write(1));
        VerificationException v = assertThrows(VerificationException.class, () -> p.requireNonNull("image data"));
        assertEquals("check failed: image data is not null", v.getMessage());
    }

    @Test
    void rawMemoryAndAddressAreEscapesThatTakeAReason() {
        TaintedPointer<Integer> p = TaintedPointer.of(memory, 8, Pointees.INT32);
        assertThrows(IllegalArgumentException.class, () -> p.unverifiedMemoryBecause(" "));
        assertThrows(NullPointerException.class, () -> p.unverifiedMemoryBecause(null));
        assertThrows(IllegalArgumentException.class, () -> p.unverifiedAddressBecause(memory, ""));
        assertSame(memory, p.unverifiedMemoryBecause("test: the memory itself is compared"));
        assertEquals(8, p.unverifiedAddressBecause(memory, "test: the address is compared"));
        assertEquals(4, p.pointerSize());
    }

    @Test
    void foreignPointersAreRefused() {
        HeapSandboxMemory other = new HeapSandboxMemory(256);
        TaintedPointer<Integer> mine = TaintedPointer.of(memory, 4, Pointees.INT32);
        ForeignPointerException e = assertThrows(ForeignPointerException.class, () -> mine.checkOwner(other));
        assertTrue(e.getMessage().contains(memory.toString()) && e.getMessage().contains(other.toString()), e.getMessage());
        assertThrows(ForeignPointerException.class, () -> mine.addressIn(other));
        assertThrows(ForeignPointerException.class, () -> mine.isEqualTo(TaintedPointer.of(other, 4, Pointees.INT32)));
        // Storing a pointer of one sandbox into another's memory is refused too.
        TaintedPointer<TaintedPointer<Integer>> slot = TaintedPointer.of(other, 32, Pointees.pointerTo(Pointees.INT32));
        assertThrows(ForeignPointerException.class, () -> slot.write(mine));
        assertEquals(4, mine.addressIn(memory));
        assertEquals(4, mine.unverifiedAddressBecause(memory, "test: the address is compared only"));
        assertThrows(ForeignPointerException.class, () -> mine.unverifiedAddressBecause(other, "test"));
        assertTrue(mine.isEqualTo(TaintedPointer.of(memory, 4, Pointees.INT32)).unverifiedSafeBecause("test"));
    }

    @Test
    void pointersStoredInMemoryStayTaintedAndOwned() {
        TaintedPointer<TaintedPointer<Integer>> slot = TaintedPointer.of(memory, 32, Pointees.pointerTo(Pointees.INT32));
        slot.write(TaintedPointer.of(memory, 64, Pointees.INT32));
        memory.putInt(64, 1234);
        TaintedPointer<Integer> loaded = TaintedPointer.readPointer(slot);
        assertEquals(1234, loaded.read().unverifiedSafeBecause("test"));
        assertEquals(64, memory.getInt(32));
    }

    @Test
    void castReinterpretsTheSameAddress() {
        memory.putInt(40, 0x04030201);
        TaintedPointer<Integer> p = TaintedPointer.of(memory, 40, Pointees.INT32);
        assertEquals((byte) 2, p.cast(Pointees.INT8).add(1).read().unverifiedSafeBecause("test"));
        assertEquals("TaintedPointer<int32_t>[unverified]", p.toString());
    }

    @Test
    void copyAndVerifyChecksTheCopy() {
        memory.putInt(8, 5);
        TaintedPointer<Integer> p = TaintedPointer.of(memory, 8, Pointees.INT32);
        assertEquals(5, p.copyAndVerify(v -> v < 10, "small"));
        assertEquals("5", p.copyAndVerify(String::valueOf));
        assertThrows(VerificationException.class, () -> p.copyAndVerify(v -> v > 10, "big"));
    }

    @Test
    void copyAndVerifyRangeHonoursTheMaximum() {
        for (int i = 0; i < 4; i++) {
            memory.putShort(100 + 2 * i, (short) (i * 10));
        }
        TaintedPointer<Short> p = TaintedPointer.of(memory, 100, Pointees.INT16);
        List<Short> copy = p.copyAndVerifyRange(4, 8, l -> l);
        assertEquals(List.of((short) 0, (short) 10, (short) 20, (short) 30), copy);
        VerificationException e = assertThrows(VerificationException.class, () -> p.copyAndVerifyRange(9, 8, l -> l));
        assertEquals("check failed: element count within [0, 8] (value: 9)", e.getMessage());
        assertThrows(VerificationException.class, () -> p.copyAndVerifyRange(-1, 8, l -> l));
        assertThrows(SandboxMemoryException.class, () -> p.copyAndVerifyRange(100, 200, l -> l));
        assertEquals(List.of(), TaintedPointer.nullPointer(memory, Pointees.INT16).copyAndVerifyRange(0, 8, l -> l));
    }

    @Test
    void copyAndVerifyStringDecodesStrictUtf8WithinTheMaximum() {
        byte[] hello = "héllo\0".getBytes(StandardCharsets.UTF_8);
        memory.copyIn(10, hello, 0, hello.length);
        TaintedPointer<Byte> s = TaintedPointer.of(memory, 10, Pointees.UINT8);
        assertEquals("héllo", s.copyAndVerifyString(6, str -> str));
        assertEquals("héllo", s.copyAndVerifyString(6, str -> str.startsWith("h"), "starts with h"));
        VerificationException tooLong = assertThrows(VerificationException.class, () -> s.copyAndVerifyString(5, str -> str));
        assertEquals("check failed: string NUL-terminated within 5 bytes", tooLong.getMessage());
        VerificationException check = assertThrows(VerificationException.class,
                () -> s.copyAndVerifyString(6, str -> str.isEmpty(), "empty"));
        assertEquals("check failed: empty", check.getMessage());

        memory.copyIn(30, new byte[] {'a', (byte) 0xC3, 'b', 0}, 0, 4);
        VerificationException bad = assertThrows(VerificationException.class,
                () -> TaintedPointer.of(memory, 30, Pointees.INT8).copyAndVerifyString(10, str -> str));
        assertEquals("check failed: string is valid UTF-8", bad.getMessage());
        assertThrows(IllegalStateException.class, () -> TaintedPointer.of(memory, 30, Pointees.INT32).copyAndVerifyString(10, x -> x));
    }

    @Test
    void aStringRunningOffTheEndOfMemoryIsRefused() {
        memory.fill(250, 6, (byte) 'x');
        SandboxMemoryException e = assertThrows(SandboxMemoryException.class,
                () -> TaintedPointer.of(memory, 250, Pointees.UINT8).copyAndVerifyString(100, s -> s));
        assertTrue(e.getMessage().contains("runs off the end"), e.getMessage());
        memory.putByte(255, (byte) 0);
        byte[] bytes = TaintedPointer.of(memory, 250, Pointees.UINT8).copyStringBytes(5).verify(b -> b.length == 5, "5 bytes");
        assertEquals("xxxxx", new String(bytes, StandardCharsets.US_ASCII));
    }
}
