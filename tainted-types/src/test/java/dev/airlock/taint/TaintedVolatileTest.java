package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The double-fetch tests: a sandbox may rewrite its memory between two host reads (here the
 * memory changes after every read). Whatever the host verifies must be what it then uses.
 */
class TaintedVolatileTest {
    private static final long ADDRESS = 64;

    private static TestMemories.Racing racing(int first, int later) {
        return new TestMemories.Racing(new HeapSandboxMemory(256), ADDRESS, first, later);
    }

    @Test
    void theVerifiedValueIsTheValueThatWasChecked() {
        // The library writes a small length, then swaps in a huge one right after the check.
        TestMemories.Racing memory = racing(16, 1_000_000);
        TaintedVolatile<Integer> length = TaintedPointer.of(memory, ADDRESS, Pointees.INT32).deref();
        int verified = length.copyAndVerify(n -> n <= 64, "length <= 64");
        assertEquals(16, verified);
        assertEquals(1, memory.reads, "one fetch for check and use");
        // The memory has changed since; the verified value has not.
        assertEquals(1_000_000, memory.getInt(ADDRESS));
        assertEquals(16, verified);
    }

    @Test
    void aVerifierFunctionSeesOneCopy() {
        TestMemories.Racing memory = racing(3, 300);
        TaintedVolatile<Integer> v = TaintedPointer.of(memory, ADDRESS, Pointees.INT32).deref();
        int[] seen = new int[2];
        int result = v.copyAndVerify(x -> {
            seen[0] = x;
            seen[1] = x; // a verifier cannot fetch again: it only has the copy
            if (x > 10) {
                throw new VerificationException("too big");
            }
            return x;
        });
        assertEquals(3, result);
        assertEquals(seen[0], seen[1]);
    }

    @Test
    void eachCopyIsAFreshReadAndCannotChangeAfterwards() {
        TestMemories.Racing memory = racing(1, 2);
        TaintedVolatile<Integer> v = TaintedPointer.of(memory, ADDRESS, Pointees.INT32).deref();
        Tainted<Integer> first = v.copy();
        Tainted<Integer> second = v.copy();
        assertEquals(1, first.verify(x -> x == 1, "first read"));
        assertEquals(1, first.verify(x -> x == 1, "first read, verified again"));
        assertEquals(2, second.unverifiedSafeBecause("test"));
    }

    @Test
    void aCheckedArrayCopyStaysTheCheckedCopy() {
        // A checked copy of an array stays the checked copy even though the memory keeps changing.
        TestMemories.Racing memory = racing(5, 500);
        TaintedPointer<Integer> p = TaintedPointer.of(memory, ADDRESS, Pointees.INT32);
        int[] copy = CopyAndVerify.ints(p, 1, 1, a -> {
            if (a[0] > 10) {
                throw new VerificationException("too big");
            }
            return a;
        });
        assertEquals(5, copy[0]);
        assertEquals(500, memory.getInt(ADDRESS));
    }

    @Test
    void questionsAboutVolatileMemoryOnlyGiveHints() {
        TestMemories.Racing memory = racing(7, 8);
        TaintedVolatile<Integer> v = TaintedPointer.of(memory, ADDRESS, Pointees.INT32).deref();
        TaintedBooleanHint wasSeven = v.hintEquals(7);
        assertTrue(wasSeven.unverifiedSafeBecause("test: the hint was true at the moment of the read"));
        assertTrue(v.hintEquals(7).not().unverifiedSafeBecause("test: and false at the next"));
        assertTrue(v.hint(x -> x == 8).unverifiedSafeBecause("test"));
    }

    @Test
    void writesAndAddress() {
        HeapSandboxMemory memory = new HeapSandboxMemory(64);
        TaintedPointer<Double> p = TaintedPointer.of(memory, 8, Pointees.FLOAT64);
        TaintedVolatile<Double> v = p.elementAt(1);
        v.write(2.5);
        assertEquals(2.5, memory.getDouble(16));
        assertEquals(1, p.distanceTo(v.pointer()).unverifiedSafeBecause("test"));
        assertNotEquals(v.pointer(), v.pointer());
        assertEquals("TaintedVolatile<double>", v.toString());
        assertThrows(VerificationException.class, () -> v.copyAndVerify(d -> d < 0, "negative"));
    }
}
