package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.sandbox.Probes.Hazards;
import dev.airlock.sandbox.Probes.Probe;
import dev.airlock.marshal.StructLayout;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.wasm.TrapKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lifecycle of a {@link Sandbox}: create, bind, call, allocate, fail, close — on both backends where it applies. */
class SandboxTest {
    private static int verified(dev.airlock.taint.TaintedInt v) {
        return v.unverifiedSafeBecause("test: the value is compared with the expected one");
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void createBindCallClose(boolean isolated) {
        Sandbox sandbox = Sandbox.create(Probes.library(isolated));
        assertEquals(SandboxState.OPEN, sandbox.state());
        assertEquals(isolated, sandbox.isIsolated());
        assertEquals(isolated, sandbox.unverifiedMemoryBecause("test: the memory view itself is examined").isIsolated());
        assertEquals(isolated ? 4 : 8, sandbox.pointerSize());
        assertSame(sandbox, sandbox.unverifiedMemoryBecause("test: the memory view itself is examined").owner());
        Probe probe = sandbox.bind(Probe.class);
        assertSame(probe, sandbox.bind(Probe.class), "bindings are cached");
        assertEquals(5, verified(probe.probe_add(2, 3)));
        assertEquals(Integer.MIN_VALUE, verified(probe.probe_add(Integer.MAX_VALUE, 1)));
        probe.probe_nothing();
        sandbox.close();
        assertEquals(SandboxState.CLOSED, sandbox.state());
        sandbox.close(); // idempotent
        SandboxClosedException e = assertThrows(SandboxClosedException.class, () -> probe.probe_add(1, 2));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(SandboxState.CLOSED, e.state());
        assertThrows(SandboxClosedException.class, () -> sandbox.bind(Probe.class));
        assertThrows(SandboxClosedException.class, () -> sandbox.malloc(8));
        assertThrows(SandboxClosedException.class, () -> sandbox.unverifiedMemoryBecause("test: the memory view itself is examined").getByte(4096));
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void mallocCopyInCopyOutFree(boolean isolated) {
        try (Sandbox sandbox = Sandbox.create(Probes.library(isolated))) {
            Probe probe = sandbox.bind(Probe.class);
            TaintedPointer<Byte> buffer = sandbox.malloc(300);
            probe.probe_fill(buffer, 300, 7);
            byte[] out = sandbox.copyOut(buffer, 300).unverifiedSafeBecause("test");
            for (int i = 0; i < 300; i++) {
                assertEquals((byte) (7 + i), out[i], "byte " + i);
            }
            TaintedPointer<Integer> values = sandbox.malloc(Pointees.INT32, 4);
            for (int i = 0; i < 4; i++) {
                values.elementAt(i).write(10 * (i + 1));
            }
            assertEquals(100L, probe.probe_sum(values, 4).unverifiedSafeBecause("test"));
            assertEquals(-1L, probe.probe_sum(null, 4).unverifiedSafeBecause("test"), "a Java null is C's NULL");
            byte[] name = "sandbox\0".getBytes(StandardCharsets.UTF_8);
            TaintedPointer<Byte> s = sandbox.malloc(name.length);
            sandbox.copyIn(s, name);
            assertEquals(7, verified(probe.probe_strlen(s)));
            TaintedPointer<Byte> greeting = probe.probe_greet(s);
            assertEquals("hello, sandbox!", greeting.copyAndVerifyString(64, g -> g));
            probe.libraryFree(greeting);
            assertEquals(3, sandbox.liveAllocations());
            sandbox.free(buffer);
            sandbox.free(values);
            sandbox.free(s);
            sandbox.free(null);
            assertEquals(0, sandbox.liveAllocations());
        }
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void structsGoInAndOutWithTheBackendsLayout(boolean isolated) {
        try (Sandbox sandbox = Sandbox.create(Probes.library(isolated))) {
            Probe probe = sandbox.bind(Probe.class);
            StructLayout<Probes.Point> layout = StructLayout.of(Probes.Point.class);
            long size = layout.size(sandbox.pointerSize());
            assertEquals(verified(probe.probe_point_size()), size, "the Java layout is the C one");
            assertEquals(isolated ? 24 : 24, size, "int, int, double, pointer: 24 bytes in both ABIs (padding in wasm32)");
            TaintedPointer<Byte> label = sandbox.malloc(4);
            sandbox.copyIn(label, new byte[] {'a', 'b', 'c', 0});
            TaintedPointer<Probes.Point> point = sandbox.malloc(layout);
            point.write(new Probes.Point(2, 3, 1.5, label));
            assertEquals(2 * 3 * 1.5 + 3, probe.probe_point_score(point).unverifiedSafeBecause("test"));
            probe.probe_point_scale(point, 10);
            Probes.Point scaled = point.read().unverifiedSafeBecause("test");
            assertEquals(20, scaled.x());
            assertEquals(30, scaled.y());
            assertEquals(15.0, scaled.weight());
            assertEquals("abc", scaled.label().copyAndVerifyString(16, s -> s));
            TaintedPointer<Probes.Point> made = probe.probe_point_new(4, 5);
            Probes.Point copy = made.copyAndVerify(p -> p.x() == 4 && p.y() == 5, "the point made");
            assertEquals(0.5, copy.weight());
            assertEquals("probe 1.0", copy.label().copyAndVerifyString(16, s -> s));
            probe.libraryFree(made);
            sandbox.free(point);
            sandbox.free(label);
        }
    }

    @Test
    void trapPoisonsTheSandboxAndAFreshOneWorks() {
        Sandbox sandbox = Sandbox.create(Probes.wasm());
        Hazards hazards = sandbox.bind(Hazards.class);
        Probe probe = sandbox.bind(Probe.class);
        assertEquals(-3, verified(hazards.probe_trap(-3)));
        SandboxTrapException trap = assertThrows(SandboxTrapException.class, () -> hazards.probe_trap(1));
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals("probe_trap", trap.function());
        assertEquals(sandbox.name(), trap.sandboxName());
        assertEquals(SandboxState.POISONED, sandbox.state());
        assertSame(trap, sandbox.poisonCause());
        SandboxPoisonedException refused = assertThrows(SandboxPoisonedException.class, () -> probe.probe_add(1, 2));
        assertSame(trap, refused.poison());
        assertTrue(refused.getMessage().contains("probe_trap") && refused.getMessage().contains("unreachable"),
                refused.getMessage());
        assertThrows(SandboxPoisonedException.class, () -> sandbox.malloc(8));
        assertThrows(SandboxPoisonedException.class, () -> sandbox.bind(Hazards.class));
        sandbox.close();
        assertEquals(SandboxState.CLOSED, sandbox.state());
        try (Sandbox fresh = Sandbox.create(Probes.wasm())) {
            assertEquals(3, verified(fresh.bind(Probe.class).probe_add(1, 2)));
        }
    }

    @Test
    void outOfBoundsAccessInsideTheSandboxTraps() {
        try (Sandbox sandbox = Sandbox.create(Probes.wasm())) {
            Hazards hazards = sandbox.bind(Hazards.class);
            long size = sandbox.memorySize();
            SandboxTrapException e = assertThrows(SandboxTrapException.class, () -> hazards.probe_poke(size + 10, 1));
            assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, e.kind());
        }
    }

    @Test
    void deadlineInterruptsAnEndlessLoop() {
        try (Sandbox sandbox = Sandbox.builder(Probes.wasm()).callDeadline(Duration.ofMillis(200)).build()) {
            Probe probe = sandbox.bind(Probe.class);
            for (int i = 0; i < 1000; i++) {
                assertEquals(i + 1, verified(probe.probe_add(i, 1)), "calls within the deadline are unaffected");
            }
            long start = System.nanoTime();
            SandboxTrapException e = assertThrows(SandboxTrapException.class, () -> sandbox.bind(Hazards.class).probe_spin());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(TrapKind.INTERRUPTED, e.kind());
            assertTrue(millis >= 150 && millis < 30_000, "interrupted after " + millis + " ms");
            assertEquals(SandboxState.POISONED, sandbox.state());
        }
    }

    @Test
    void interruptFromAnotherThreadStopsTheCall() throws Exception {
        try (Sandbox sandbox = Sandbox.create(Probes.wasm())) {
            Hazards hazards = sandbox.bind(Hazards.class);
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<?> spinning = other.submit(hazards::probe_spin);
                while (sandbox.state() != SandboxState.IN_CALL) {
                    Thread.onSpinWait();
                }
                assertTrue(sandbox.interrupt());
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> spinning.get(30, TimeUnit.SECONDS));
                assertEquals(TrapKind.INTERRUPTED, ((SandboxTrapException) e.getCause()).kind());
            } finally {
                other.shutdownNow();
            }
        }
    }

    @Test
    void callDepthLimitEndsDeepRecursion() {
        try (Sandbox sandbox = Sandbox.builder(Probes.wasm()).maxCallDepth(200).build()) {
            Hazards hazards = sandbox.bind(Hazards.class);
            assertEquals(100, verified(hazards.probe_recurse(100)));
            SandboxTrapException e = assertThrows(SandboxTrapException.class, () -> hazards.probe_recurse(1000));
            assertEquals(TrapKind.CALL_STACK_EXHAUSTED, e.kind());
        }
    }

    @Test
    void memoryCapMakesMallocReturnNull() {
        try (Sandbox sandbox = Sandbox.builder(Probes.wasm()).maxMemoryPages(8).build()) {
            assertTrue(sandbox.memorySize() <= 8 * 65536L, "starts within the cap: " + sandbox.memorySize());
            TaintedPointer<Byte> big = sandbox.bind(Hazards.class).probe_alloc(1 << 20);
            assertTrue(big.isNull().unverifiedSafeBecause("test"), "1 MiB does not fit in 512 KiB");
            SandboxAllocationException e = assertThrows(SandboxAllocationException.class, () -> sandbox.malloc(1 << 20));
            assertTrue(e.getMessage().contains("returned null") && e.getMessage().contains("8 pages"), e.getMessage());
            assertEquals(SandboxState.OPEN, sandbox.state(), "a null from malloc is not a trap");
            assertEquals(8 * 65536L, Math.max(sandbox.memorySize(), 8 * 65536L));
            sandbox.free(sandbox.malloc(1000));
        }
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void mallocChecksSizesAndOwnership(boolean isolated) {
        try (Sandbox sandbox = Sandbox.create(Probes.library(isolated)); Sandbox other = Sandbox.create(Probes.library(isolated))) {
            IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
                    () -> sandbox.malloc(Pointees.INT64, Long.MAX_VALUE / 4));
            assertTrue(overflow.getMessage().contains("overflows"), overflow.getMessage());
            assertThrows(IllegalArgumentException.class, () -> sandbox.malloc(0));
            assertThrows(IllegalArgumentException.class, () -> sandbox.malloc(Pointees.INT32, -1));
            assertThrows(SandboxAllocationException.class, () -> sandbox.malloc(Pointees.INT32, 1L << 40));
            TaintedPointer<Byte> p = sandbox.malloc(16);
            sandbox.free(p);
            SandboxAllocationException twice = assertThrows(SandboxAllocationException.class, () -> sandbox.free(p));
            assertTrue(twice.getMessage().contains("double free"), twice.getMessage());
            TaintedPointer<Byte> version = sandbox.bind(Probe.class).probe_version();
            SandboxAllocationException foreign = assertThrows(SandboxAllocationException.class, () -> sandbox.free(version));
            assertTrue(foreign.getMessage().contains("not allocated"), foreign.getMessage());
            TaintedPointer<Byte> q = sandbox.malloc(16);
            assertThrows(dev.airlock.taint.ForeignPointerException.class, () -> other.free(q));
            assertThrows(dev.airlock.taint.ForeignPointerException.class, () -> other.bind(Probe.class).probe_strlen(q));
            sandbox.free(q);
            assertEquals(SandboxState.OPEN, sandbox.state());
            assertEquals(SandboxState.OPEN, other.state());
        }
    }

    @Test
    void secondThreadIsRefusedWhileOneIsInside() throws Exception {
        try (Sandbox sandbox = Sandbox.create(Probes.wasm())) {
            Probe probe = sandbox.bind(Probe.class);
            TaintedPointer<Byte> buffer = sandbox.malloc(8);
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<Throwable> seen = new ArrayList<>();
            Callback<Probes.Binary> blocking = sandbox.registerCallback(Probes.Binary.class, (a, b) -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 1;
            });
            Thread t = new Thread(() -> probe.probe_apply(blocking, 1, 2));
            t.start();
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            assertEquals(SandboxState.IN_CALL, sandbox.state());
            SandboxBusyException busy = assertThrows(SandboxBusyException.class, () -> probe.probe_add(1, 2));
            assertTrue(busy.getMessage().contains("one thread at a time"), busy.getMessage());
            assertThrows(SandboxBusyException.class, sandbox::close);
            assertThrows(SandboxBusyException.class, () -> sandbox.malloc(4));
            assertThrows(SandboxBusyException.class, () -> sandbox.copyIn(buffer, new byte[4]));
            assertThrows(SandboxBusyException.class, () -> sandbox.copyOut(buffer, 4));
            release.countDown();
            t.join(30_000);
            assertFalse(t.isAlive());
            assertEquals(SandboxState.OPEN, sandbox.state());
            assertEquals(3, verified(probe.probe_add(1, 2)));
            assertTrue(seen.isEmpty());
        }
    }

    @Test
    void manySandboxesRunInParallel() throws Exception {
        int threads = 4;
        SandboxLibrary library = Probes.wasm(); // on the test thread: it may skip the test
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    try (Sandbox sandbox = Sandbox.create(library)) {
                        Probe probe = sandbox.bind(Probe.class);
                        long sum = 0;
                        for (int i = 0; i < 20_000; i++) {
                            sum += verified(probe.probe_add(i, seed));
                        }
                        return sum;
                    }
                }));
            }
            for (int t = 0; t < threads; t++) {
                long n = 20_000;
                assertEquals(n * (n - 1) / 2 + n * t, results.get(t).get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nativeBackendHasNoPoisonCauseAndNoInterrupt() {
        try (Sandbox sandbox = Sandbox.builder(Probes.nativeLibrary()).maxMemoryPages(4).build()) {
            assertNull(sandbox.poisonCause());
            assertFalse(sandbox.interrupt());
            assertEquals(Long.MAX_VALUE, sandbox.memorySize());
        }
    }
}
