package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.sandbox.Probes.Hazards;
import dev.airlock.sandbox.Probes.Probe;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watch's state machine is driven by hand ({@link DeadlineWatchdog.Watch#expireIfDue} with a
 * chosen clock), so the races it settles are tested deterministically; one test runs a real
 * deadline through a sandbox.
 */
class DeadlineWatchdogTest {
    /** An instance of the empty module: all a watch needs is something to interrupt. */
    private static Instance emptyInstance() {
        byte[] empty = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        return WasmModule.compile(empty).instantiate(new Imports());
    }

    private static final long FAR_FUTURE = TimeUnit.DAYS.toNanos(1);

    /**
     * Two watchdog ticks: one now, which sees an armed call and starts its time, and one a day
     * later, past any deadline of these tests.
     */
    private static void tickUntilLongAfter(DeadlineWatchdog.Watch watch) {
        watch.expireIfDue(System.nanoTime());
        watch.expireIfDue(System.nanoTime() + FAR_FUTURE);
    }

    @Test
    void aDueWatchInterruptsAndDisarmingWithdrawsTheRequest() {
        Instance instance = emptyInstance();
        DeadlineWatchdog.Watch watch = new DeadlineWatchdog.Watch(instance, TimeUnit.MILLISECONDS.toNanos(5));
        watch.arm();
        tickUntilLongAfter(watch);
        assertTrue(instance.interruption().isRequested(), "past its deadline, the call is interrupted");
        // The call finished before its code saw the request: leaving must not let it reach the next call.
        watch.disarm();
        assertFalse(instance.interruption().isRequested(), "a request never outlives its call");
    }

    @Test
    void theFirstTickToSeeACallNeverEndsIt() {
        // The watchdog's clock may be far ahead of the moment the call armed (the thread was idle,
        // or descheduled, or the call armed just after a tick): its time starts at that tick.
        Instance instance = emptyInstance();
        DeadlineWatchdog.Watch watch = new DeadlineWatchdog.Watch(instance, TimeUnit.MILLISECONDS.toNanos(100));
        watch.arm();
        watch.expireIfDue(System.nanoTime() + FAR_FUTURE);
        assertFalse(instance.interruption().isRequested(), "seen for the first time: not interrupted");
        watch.disarm();
    }

    @Test
    void theDeadlineCountsFromTheTickThatSawTheCall() {
        Instance instance = emptyInstance();
        long limit = TimeUnit.MILLISECONDS.toNanos(100);
        DeadlineWatchdog.Watch watch = new DeadlineWatchdog.Watch(instance, limit);
        watch.arm();
        long beforeStart = System.nanoTime();
        watch.expireIfDue(beforeStart);
        watch.expireIfDue(beforeStart + limit - 1);
        assertFalse(instance.interruption().isRequested(), "the limit has not passed since the call was seen");
        long afterStart = System.nanoTime();
        watch.expireIfDue(afterStart + limit);
        assertTrue(instance.interruption().isRequested(), "the limit has passed since the call was seen");
        watch.disarm();
    }

    @Test
    void aWatchInterruptsOncePerCall() {
        Instance instance = emptyInstance();
        DeadlineWatchdog.Watch watch = new DeadlineWatchdog.Watch(instance, 1);
        watch.arm();
        tickUntilLongAfter(watch);
        assertTrue(instance.interruption().isRequested(), "past its deadline, the call is interrupted");
        instance.clearInterrupt();                     // as the engine does when the trap leaves the call
        watch.expireIfDue(System.nanoTime() + FAR_FUTURE);
        assertFalse(instance.interruption().isRequested(), "an expired watch does not fire again");
        watch.disarm();
        watch.arm();
        tickUntilLongAfter(watch);
        assertTrue(instance.interruption().isRequested(), "the next call has a deadline of its own");
        watch.disarm();
    }

    @Test
    void aWatchBeforeItsDeadlineOrDisarmedDoesNothing() {
        Instance instance = emptyInstance();
        DeadlineWatchdog.Watch watch = new DeadlineWatchdog.Watch(instance, TimeUnit.SECONDS.toNanos(10));
        watch.expireIfDue(System.nanoTime() + FAR_FUTURE);
        assertFalse(instance.interruption().isRequested(), "no call, no interrupt");
        watch.arm();
        watch.expireIfDue(System.nanoTime());
        watch.expireIfDue(System.nanoTime());
        assertFalse(instance.interruption().isRequested(), "not yet due");
        watch.disarm();
        watch.expireIfDue(System.nanoTime() + FAR_FUTURE);
        assertFalse(instance.interruption().isRequested(), "disarmed");
    }

    @Test
    void aCallThatLeavesBeforeAnyTickIsNeverTimed() {
        Instance instance = emptyInstance();
        DeadlineWatchdog.Watch watch = new DeadlineWatchdog.Watch(instance, 1);
        watch.arm();
        watch.disarm();
        tickUntilLongAfter(watch);
        assertFalse(instance.interruption().isRequested());
    }

    @Test
    void aHugeLimitNeverWrapsIntoThePast() {
        Instance instance = emptyInstance();
        DeadlineWatchdog.Watch watch = new DeadlineWatchdog.Watch(instance, Long.MAX_VALUE / 4);
        watch.arm();
        tickUntilLongAfter(watch);
        assertFalse(instance.interruption().isRequested());
        watch.disarm();
    }

    @Test
    void theWatchdogEndsAnEndlessLoopAndLaterCallsAreUnaffected() {
        try (Sandbox sandbox = Sandbox.builder(Probes.wasm()).callDeadline(Duration.ofMillis(100)).build()) {
            long start = System.nanoTime();
            SandboxTrapException e = assertThrows(SandboxTrapException.class, () -> sandbox.bind(Hazards.class).probe_spin());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(TrapKind.INTERRUPTED, e.kind());
            assertTrue(millis >= 100, "a deadline never fires early: " + millis + " ms");
        }
        try (Sandbox sandbox = Sandbox.builder(Probes.wasm()).callDeadline(Duration.ofSeconds(5)).build()) {
            Probe probe = sandbox.bind(Probe.class);
            for (int i = 0; i < 100_000; i++) {
                assertEquals(i + 1, probe.probe_add(i, 1).unverifiedSafeBecause("test"), "call " + i);
            }
        }
    }
}
