package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class AppPointersTest {
    private final AppPointers<InputStream> streams = new AppPointers<>("stream");

    @Test
    void registeredObjectsAreFoundByTheirHandle() {
        InputStream in = new ByteArrayInputStream(new byte[0]);
        int handle = streams.register(in);
        assertTrue(handle > 0);
        assertSame(in, streams.lookup(TaintedInt.of(handle)));
        assertSame(in, streams.lookup(TaintedLong.of(handle)));
        assertSame(in, streams.lookup(TaintedPointer.of(new HeapSandboxMemory(8), handle, Pointees.VOID)));
        assertEquals(1, streams.size());
    }

    @Test
    void unknownHandlesFailVerification() {
        VerificationException e = assertThrows(VerificationException.class, () -> streams.lookup(TaintedInt.of(99)));
        assertEquals("check failed: stream handle is registered (value: 99)", e.getMessage());
        assertThrows(VerificationException.class, () -> streams.lookup(TaintedLong.of(1L << 40)));
        assertThrows(VerificationException.class, () -> streams.lookup(TaintedInt.of(0)));
        assertThrows(VerificationException.class,
                () -> streams.lookup(TaintedPointer.nullPointer(new HeapSandboxMemory(8), Pointees.VOID)));
    }

    @Test
    void removedHandlesAreNeverReused() {
        InputStream a = new ByteArrayInputStream(new byte[1]);
        int first = streams.register(a);
        assertSame(a, streams.remove(first));
        assertThrows(VerificationException.class, () -> streams.lookup(TaintedInt.of(first)));
        int second = streams.register(new ByteArrayInputStream(new byte[2]));
        assertNotEquals(first, second);
        assertThrows(IllegalArgumentException.class, () -> streams.remove(first));
        assertThrows(NullPointerException.class, () -> streams.register(null));
    }
}
