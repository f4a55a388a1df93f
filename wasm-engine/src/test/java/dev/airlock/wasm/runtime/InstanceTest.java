package dev.airlock.wasm.runtime;

import static dev.airlock.wasm.runtime.RobustnessSupport.BR;
import static dev.airlock.wasm.runtime.RobustnessSupport.CALL;
import static dev.airlock.wasm.runtime.RobustnessSupport.ELSE;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_ADD;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_EQZ;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_SUB;
import static dev.airlock.wasm.runtime.RobustnessSupport.IF;
import static dev.airlock.wasm.runtime.RobustnessSupport.LOCAL_GET;
import static dev.airlock.wasm.runtime.RobustnessSupport.LOOP;
import static dev.airlock.wasm.runtime.RobustnessSupport.NONE;
import static dev.airlock.wasm.runtime.RobustnessSupport.assertTrap;
import static dev.airlock.wasm.runtime.RobustnessSupport.call1;
import static dev.airlock.wasm.runtime.RobustnessSupport.onThread;
import static dev.airlock.wasm.runtime.RobustnessSupport.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.testing.WasmBuilder;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interruption of running code: {@link Instance#interrupt()}, {@link Instance#clearInterrupt()},
 * {@link Instance#interruptAfter(Duration)}. Generated code checks the flag on entry to every
 * function and at every loop header.
 */
class InstanceTest {
    /** How late after its deadline an interrupted call may end. */
    private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * Exports {@code spin()} = {@code (loop (br 0))}; {@code spinNested()} = {@code (loop (block
     * (block (br 2))))}; {@code tickLoop()} = a loop calling
     * {@code host.tick} each iteration; {@code startedSpin()} calls {@code host.started} once then
     * spins; {@code tree(n)} = binary recursion of depth n without loops; {@code deep(k)} recurses
     * k frames deep then runs {@code tree(40)}; {@code answer()} = 42.
     */
    private static WasmBuilder module() {
        WasmBuilder b = new WasmBuilder();
        int v = b.type(NONE, NONE);
        int ri = b.type(NONE, types(I32));
        int ii = b.type(types(I32), types(I32));
        int tick = b.importFunction("host", "tick", v);
        int started = b.importFunction("host", "started", v);
        WasmBuilder.Code spin = b.function(v);
        spin.block(LOOP, null).op(BR, 0).end().end();
        // The back-edge leaves two nested blocks (separate region methods when split).
        WasmBuilder.Code spinNested = b.function(v);
        spinNested.block(LOOP, null).block(0x02, null).block(0x02, null).op(BR, 2).end().end().end().end();
        WasmBuilder.Code tickLoop = b.function(v);
        tickLoop.block(LOOP, null).op(CALL, tick).op(BR, 0).end().end();
        WasmBuilder.Code startedSpin = b.function(v);
        startedSpin.op(CALL, started).block(LOOP, null).op(BR, 0).end().end();
        WasmBuilder.Code tree = b.function(ii);
        tree.op(LOCAL_GET, 0).op(I32_EQZ).block(IF, I32)
                .i32Const(1)
                .op(ELSE)
                .op(LOCAL_GET, 0).i32Const(1).op(I32_SUB).op(CALL, tree.functionIndex)
                .op(LOCAL_GET, 0).i32Const(1).op(I32_SUB).op(CALL, tree.functionIndex)
                .op(I32_ADD)
                .end().end();
        WasmBuilder.Code deep = b.function(ii);
        deep.op(LOCAL_GET, 0).op(I32_EQZ).block(IF, I32)
                .i32Const(40).op(CALL, tree.functionIndex)
                .op(ELSE)
                .op(LOCAL_GET, 0).i32Const(1).op(I32_SUB).op(CALL, deep.functionIndex)
                .end().end();
        WasmBuilder.Code answer = b.function(ri);
        answer.i32Const(42).end();
        b.exportFunction("spin", spin.functionIndex);
        b.exportFunction("spinNested", spinNested.functionIndex);
        b.exportFunction("tickLoop", tickLoop.functionIndex);
        b.exportFunction("startedSpin", startedSpin.functionIndex);
        b.exportFunction("tree", tree.functionIndex);
        b.exportFunction("deep", deep.functionIndex);
        b.exportFunction("answer", answer.functionIndex);
        return b;
    }

    private static final WasmModule MODULE = WasmModule.compile(module().build());
    private static final WasmModule SPLIT_MODULE = RobustnessSupport.compile(module(), true);

    private static Instance instance(HostFunction.Implementation tick, HostFunction.Implementation started) {
        return instance(MODULE, tick, started);
    }

    private static Instance instance(WasmModule module, HostFunction.Implementation tick, HostFunction.Implementation started) {
        FuncType v = FuncType.of(NONE, NONE);
        return module.instantiate(new Imports()
                .function("host", "tick", HostFunction.of(v, tick))
                .function("host", "started", HostFunction.of(v, started)));
    }

    private static Instance instance() {
        return instance((c, a) -> null, (c, a) -> null);
    }

    /**
     * Calls {@code f} with a deadline {@code delay} away and expects an INTERRUPTED trap no earlier
     * than the deadline and at most {@link #SLACK_NANOS} after it. Wall-clock latency on a shared
     * machine also measures the scheduler (a timer thread or the caller descheduled for tens of
     * milliseconds by unrelated load), so a late attempt is retried up to twice; an early trap, or
     * three late ones, fail. Every attempt must trap.
     */
    private static void assertInterruptedInTime(Instance instance, FunctionInstance f, Duration delay, Object... args) {
        StringBuilder lateness = new StringBuilder();
        for (int attempt = 0; attempt < 3; attempt++) {
            long start = System.nanoTime();
            ScheduledFuture<?> deadline = instance.interruptAfter(delay);
            try {
                assertTrap(TrapKind.INTERRUPTED, () -> f.call(args));
            } finally {
                deadline.cancel(false);
            }
            long elapsed = System.nanoTime() - start;
            assertTrue(elapsed >= delay.toNanos(), f.name() + " was interrupted before its deadline: " + elapsed / 1_000_000 + " ms");
            if (elapsed <= delay.toNanos() + SLACK_NANOS) {
                return;
            }
            lateness.append(lateness.length() == 0 ? "" : ", ").append((elapsed - delay.toNanos()) / 1_000_000).append(" ms");
        }
        fail(f.name() + " ended late after its deadline in every attempt: " + lateness);
    }

    @ParameterizedTest(name = "split into regions: {0}")
    @ValueSource(booleans = {false, true})
    void deadlineStopsAnEmptyLoopWithinAHundredMilliseconds(boolean split) {
        Instance instance = instance(split ? SPLIT_MODULE : MODULE, (c, a) -> null, (c, a) -> null);
        // Cold (interpreted, then OSR-compiled while it runs) and warm.
        for (int round = 0; round < 2; round++) {
            assertInterruptedInTime(instance, instance.function("spin"), Duration.ofMillis(200));
            assertEquals(42, call1(instance.function("answer")), "the flag is cleared by the trap");
        }
        assertInterruptedInTime(instance, instance.function("spinNested"), Duration.ofMillis(100));
        assertEquals(42, call1(instance.function("answer")));
    }

    @Test
    void deadlineStopsALoopThatCallsAHostFunctionEveryIteration() {
        AtomicInteger ticks = new AtomicInteger();
        Instance instance = instance((c, a) -> {
            ticks.incrementAndGet();
            return null;
        }, (c, a) -> null);
        for (int round = 0; round < 2; round++) {
            int before = ticks.get();
            assertInterruptedInTime(instance, instance.function("tickLoop"), Duration.ofMillis(100));
            assertTrue(ticks.get() - before > 100, "the loop ran: " + (ticks.get() - before) + " ticks");
        }
        assertEquals(42, call1(instance.function("answer")));
    }

    @Test
    void hostFunctionInterruptingItsCallerStopsTheLoopAtTheNextHeader() {
        AtomicInteger ticks = new AtomicInteger();
        Instance instance = instance((caller, a) -> {
            if (ticks.incrementAndGet() == 1000) {
                caller.interrupt();
            }
            return null;
        }, (c, a) -> null);
        assertTrap(TrapKind.INTERRUPTED, () -> instance.function("tickLoop").call());
        assertEquals(1000, ticks.get(), "exactly the iteration that asked stops the loop");
        assertEquals(42, call1(instance.function("answer")));
    }

    @ParameterizedTest(name = "split into regions: {0}")
    @ValueSource(booleans = {false, true})
    void deadlineStopsDeepRecursionWithoutLoops(boolean split) throws Throwable {
        Instance instance = instance(split ? SPLIT_MODULE : MODULE, (c, a) -> null, (c, a) -> null);
        // tree(40) makes 2^41 calls and no loop: only the function-entry check can stop it.
        assertInterruptedInTime(instance, instance.function("tree"), Duration.ofMillis(200), 40);
        // 5,000 frames deep before the tree starts: needs a big stack in the interpreter.
        onThread(64L * 1024 * 1024, () -> {
            for (int round = 0; round < 2; round++) {
                assertInterruptedInTime(instance, instance.function("deep"), Duration.ofMillis(200), 5000);
            }
        });
        assertEquals(8, call1(instance.function("tree"), 3));
    }

    @Test
    void interruptFromAnotherThreadStopsARunningLoop() throws Exception {
        AtomicReference<CountDownLatch> started = new AtomicReference<>();
        Instance instance = instance((c, a) -> null, (c, a) -> {
            started.get().countDown();
            return null;
        });
        // As in assertInterruptedInTime, a late stop may be the scheduler's: up to three attempts.
        StringBuilder lateness = new StringBuilder();
        for (int attempt = 0; attempt < 3; attempt++) {
            started.set(new CountDownLatch(1));
            long latency = interruptLatency(instance, started.get());
            assertEquals(42, call1(instance.function("answer")), "the flag is cleared by the trap");
            if (latency <= SLACK_NANOS) {
                return;
            }
            lateness.append(lateness.length() == 0 ? "" : ", ").append(latency / 1_000_000).append(" ms");
        }
        fail("interrupt() stopped the loop late in every attempt: " + lateness);
    }

    /**
     * Runs {@code startedSpin} on another thread, interrupts it once it has started, and returns
     * how long after {@link Instance#interrupt} it stopped; it must stop with an INTERRUPTED trap.
     */
    private static long interruptLatency(Instance instance, CountDownLatch started) throws InterruptedException {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                instance.function("startedSpin").call();
                outcome.set(new AssertionError("spin returned"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "spinner");
        worker.setDaemon(true);
        worker.start();
        assertTrue(started.await(10, TimeUnit.SECONDS), "the loop started");
        Thread.sleep(50);
        assertTrue(worker.isAlive(), "the loop is still running");
        long asked = System.nanoTime();
        instance.interrupt();
        worker.join(5_000);
        if (worker.isAlive()) {
            fail("interrupt() did not stop the loop within 5 s");
        }
        long latency = System.nanoTime() - asked;
        Throwable t = outcome.get();
        assertTrue(t instanceof Trap && ((Trap) t).kind() == TrapKind.INTERRUPTED, "outcome: " + t);
        return latency;
    }

    @Test
    void interruptWhileIdleTrapsTheNextCallOnlyAndThenClears() {
        Instance instance = instance();
        instance.interrupt();
        // answer has no loop and no call: the entry check catches it.
        assertTrap(TrapKind.INTERRUPTED, () -> instance.function("answer").call());
        assertEquals(42, call1(instance.function("answer")));
        assertEquals(42, call1(instance.function("answer")));
        // Another instance of the same module is not affected by this one's flag.
        Instance other = instance();
        instance.interrupt();
        assertEquals(42, call1(other.function("answer")));
        assertTrap(TrapKind.INTERRUPTED, () -> instance.function("tree").call(2));
        assertEquals(4, call1(instance.function("tree"), 2));
    }

    @Test
    void clearInterruptWithdrawsTheRequest() {
        Instance instance = instance();
        instance.interrupt();
        instance.clearInterrupt();
        assertEquals(42, call1(instance.function("answer")));
        instance.clearInterrupt();
        assertEquals(42, call1(instance.function("answer")));
    }

    @Test
    void cancelledDeadlineDoesNotInterruptLaterCalls() throws Exception {
        Instance instance = instance();
        ScheduledFuture<?> deadline = instance.interruptAfter(Duration.ofMillis(50));
        assertEquals(42, call1(instance.function("answer")));
        deadline.cancel(false);
        Thread.sleep(100);
        assertEquals(42, call1(instance.function("answer")));
        // An elapsed deadline that nobody cancelled hits the next call, once.
        instance.interruptAfter(Duration.ZERO).get(5, TimeUnit.SECONDS);
        assertTrap(TrapKind.INTERRUPTED, () -> instance.function("answer").call());
        assertEquals(42, call1(instance.function("answer")));
    }

    /**
     * The host sets a deadline on the instance it calls; that instance calls a function another
     * instance exports, which spins. Instances that call each other share one Interruption, so the
     * deadline stops the other instance's loop: from the host's point of view the call it made has
     * not returned.
     */
    @Test
    void deadlineOfTheCalledInstanceStopsCodeOfAnotherInstanceItCalls() throws Exception {
        Interruption shared = new Interruption();
        InstanceConfig config = InstanceConfig.DEFAULT.withInterruption(shared);
        FuncType none = FuncType.of(NONE, NONE);
        Instance callee = MODULE.instantiate(new Imports()
                .function("host", "tick", HostFunction.of(none, (c, a) -> null))
                .function("host", "started", HostFunction.of(none, (c, a) -> null)), config);
        WasmBuilder b = new WasmBuilder();
        int v = b.type(NONE, NONE);
        int spin = b.importFunction("callee", "spin", v);
        WasmBuilder.Code run = b.function(v);
        run.op(CALL, spin).end();
        b.exportFunction("run", run.functionIndex);
        Instance caller = WasmModule.compile(b.build()).instantiate(new Imports().instance("callee", callee), config);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                caller.function("run").call();
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "cross-instance spinner");
        worker.setDaemon(true);
        ScheduledFuture<?> deadline = caller.interruptAfter(Duration.ofMillis(100));
        worker.start();
        worker.join(2_000);
        deadline.cancel(false);
        boolean stuck = worker.isAlive();
        if (stuck) {
            // Do not leave a spinning thread behind.
            callee.interrupt();
            worker.join(5_000);
        }
        assertTrue(!stuck, "the deadline of the called instance did not stop the loop in the instance it called");
        Throwable t = outcome.get();
        assertTrue(t instanceof Trap && ((Trap) t).kind() == TrapKind.INTERRUPTED, "outcome: " + t);
        assertTrue(!shared.isRequested(), "the request is cleared once the trap has left the call from the host");
        assertEquals(42, call1(callee.function("answer")));
    }

    /** With separate interruptions (the default), interrupting one instance leaves another alone. */
    @Test
    void interruptingOneInstanceDoesNotStopAnother() {
        Instance a = instance();
        Instance b = instance();
        a.interrupt();
        assertEquals(42, call1(b.function("answer")));
        assertTrap(TrapKind.INTERRUPTED, () -> a.function("answer").call());
    }

    /** An Interruption set before instantiation bounds a start function that never ends. */
    @Test
    void anInterruptionGivenAtInstantiationStopsTheStartFunction() {
        WasmBuilder b = new WasmBuilder();
        int v = b.type(NONE, NONE);
        WasmBuilder.Code spin = b.function(v);
        spin.block(LOOP, null).op(BR, 0).end().end();
        b.start(spin.functionIndex);
        WasmModule module = WasmModule.compile(b.build());
        Interruption interruption = new Interruption();
        ScheduledFuture<?> deadline = interruption.interruptAfter(Duration.ofMillis(50));
        try {
            assertTrap(TrapKind.INTERRUPTED, () -> module.instantiate(new Imports(),
                    InstanceConfig.DEFAULT.withInterruption(interruption)));
        } finally {
            deadline.cancel(false);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Instantiation: segments that do not fit, traps in the start function, limits

    @Test
    void dataSegmentOutOfBoundsFailsInstantiationWithOutOfBoundsMemory() {
        int[][] cases = {{65535, 2}, {65536, 1}, {-1, 1}, {Integer.MIN_VALUE, 1}, {65537, 0}};
        for (int[] c : cases) {
            WasmBuilder b = new WasmBuilder();
            b.memory(1, -1);
            b.activeData(c[0], new byte[c[1]]);
            WasmModule module = WasmModule.compile(b.build());
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, module::instantiate);
        }
        // At the very end it fits.
        WasmBuilder b = new WasmBuilder();
        b.memory(1, -1);
        b.activeData(65535, new byte[] {7});
        b.export("mem", 2, 0);
        assertEquals(7, WasmModule.compile(b.build()).instantiate().memory().readByte(65535));
    }

    @Test
    void elementSegmentOutOfBoundsFailsInstantiationWithOutOfBoundsTable() {
        for (int offset : new int[] {2, 3, -1, Integer.MIN_VALUE}) {
            WasmBuilder b = new WasmBuilder();
            int v = b.type(NONE, NONE);
            b.table(ValType.FUNCREF, 2, -1);
            WasmBuilder.Code f = b.function(v);
            f.end();
            b.activeElements(offset, f.functionIndex);
            WasmModule module = WasmModule.compile(b.build());
            assertTrap(TrapKind.OUT_OF_BOUNDS_TABLE, module::instantiate);
        }
    }

    @Test
    void tableMinimumAboveTheCapFailsInstantiationWithResourceExhausted() {
        WasmBuilder b = new WasmBuilder();
        b.table(ValType.FUNCREF, 1000, -1);
        WasmModule module = WasmModule.compile(b.build());
        assertTrap(TrapKind.RESOURCE_EXHAUSTED,
                () -> module.instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxTableElements(999)));
        module.instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxTableElements(1000));
    }

    @Test
    void trapsInTheStartFunctionFailInstantiationWithTheirKind() {
        // start = unreachable; start = unbounded recursion; start = a failing host function.
        WasmBuilder b1 = new WasmBuilder();
        int v1 = b1.type(NONE, NONE);
        WasmBuilder.Code s1 = b1.function(v1);
        s1.op(0x00).end();
        b1.start(s1.functionIndex);
        assertTrap(TrapKind.UNREACHABLE, WasmModule.compile(b1.build())::instantiate);

        WasmBuilder b2 = new WasmBuilder();
        int v2 = b2.type(NONE, NONE);
        WasmBuilder.Code s2 = b2.function(v2);
        s2.op(CALL, s2.functionIndex).end();
        b2.start(s2.functionIndex);
        WasmModule m2 = WasmModule.compile(b2.build());
        assertTrap(TrapKind.CALL_STACK_EXHAUSTED, m2::instantiate);
        assertTrap(TrapKind.CALL_STACK_EXHAUSTED,
                () -> m2.instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxCallDepth(Integer.MAX_VALUE)));

        WasmBuilder b3 = new WasmBuilder();
        int v3 = b3.type(NONE, NONE);
        int host = b3.importFunction("host", "fail", v3);
        WasmBuilder.Code s3 = b3.function(v3);
        s3.op(CALL, host).end();
        b3.start(s3.functionIndex);
        IllegalStateException failure = new IllegalStateException("no");
        Trap trap = assertTrap(TrapKind.HOST_ERROR, () -> WasmModule.compile(b3.build()).instantiate(
                new Imports().function("host", "fail", HostFunction.of(FuncType.of(NONE, NONE), (c, a) -> {
                    throw failure;
                }))));
        assertEquals(failure, trap.getCause());
    }
}
