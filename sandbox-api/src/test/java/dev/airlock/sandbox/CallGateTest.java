package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The state machine on its own: every transition of {@link SandboxState} and every refusal. */
class CallGateTest {
    private final CallGate gate = new CallGate("gate", null);

    /** Runs {@code body} on another thread and returns what it threw (or null). */
    private static Throwable onOtherThread(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join(30_000);
        assertFalse(t.isAlive());
        return thrown.get();
    }

    private Throwable cleanupOnOtherThread() {
        try {
            return onOtherThread(() -> {
                gate.enterHost("cleanup", true);
                gate.exitHost();
            });
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void callMovesOpenToInCallAndBack() {
        assertEquals(SandboxState.OPEN, gate.state());
        gate.enter("f");
        assertEquals(SandboxState.IN_CALL, gate.state());
        gate.exit(null, "f");
        assertEquals(SandboxState.OPEN, gate.state());
    }

    @Test
    void ownerMayReenterAndLeavesOnlyAtTheOutermostExit() {
        gate.enter("outer");
        gate.enter("callback's call");
        gate.enterHost("bookkeeping", false);
        gate.exitHost();
        gate.exit(null, "callback's call");
        assertEquals(SandboxState.IN_CALL, gate.state(), "the outer call is still running");
        gate.exit(null, "outer");
        assertEquals(SandboxState.OPEN, gate.state());
    }

    @Test
    void secondThreadIsRefusedAtOnce() throws InterruptedException {
        gate.enter("f");
        Throwable busy = onOtherThread(() -> gate.enter("g"));
        assertInstanceOf(SandboxBusyException.class, busy);
        assertEquals(SandboxState.IN_CALL, ((SandboxBusyException) busy).state());
        assertTrue(busy.getMessage().contains("g") && busy.getMessage().contains(Thread.currentThread().getName()),
                busy.getMessage());
        assertInstanceOf(SandboxBusyException.class, onOtherThread(() -> gate.close(() -> { })));
        assertInstanceOf(SandboxBusyException.class, onOtherThread(() -> gate.enterHost("h", true)));
        gate.exit(null, "f");
        assertNull(onOtherThread(() -> {
            gate.enter("g");
            gate.exit(null, "g");
        }), "free again once the first thread left");
    }

    @Test
    void trapPoisonsAndLaterCallsNameIt() {
        gate.enter("f");
        SandboxException e = gate.failed(new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO), null, "f");
        SandboxTrapException trap = assertInstanceOf(SandboxTrapException.class, e);
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
        assertEquals(SandboxState.POISONED, gate.state());
        assertSame(trap, gate.poison());
        SandboxPoisonedException refused = assertThrows(SandboxPoisonedException.class, () -> gate.enter("g"));
        assertSame(trap, refused.getCause());
        assertTrue(refused.getMessage().contains("f failed") && refused.getMessage().contains("integer divide by zero"),
                refused.getMessage());
        assertThrows(SandboxPoisonedException.class, () -> gate.checkUsable("bind"));
        assertThrows(SandboxPoisonedException.class, () -> gate.enterHost("register", false));
        gate.enterHost("unregister", true);
        gate.exitHost();
        assertEquals(SandboxState.POISONED, gate.state(), "the gate was left");
        assertTrue(gate.close(() -> { }));
        assertEquals(SandboxState.CLOSED, gate.state());
    }

    @Test
    void anyThrowableFromACallPoisons() {
        gate.enter("f");
        SandboxException e = gate.failed(new IllegalArgumentException("from JNA"), null, "f");
        assertEquals(TrapKind.HOST_ERROR, ((SandboxTrapException) e).kind());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals(SandboxState.POISONED, gate.state());
    }

    @Test
    void nestedTrapSwallowedByACallbackStillFailsTheOuterCall() {
        gate.enter("outer");
        gate.enter("inner");
        gate.failed(new Trap(TrapKind.UNREACHABLE), null, "inner");
        assertEquals(SandboxState.POISONED, gate.state());
        SandboxPoisonedException e = assertThrows(SandboxPoisonedException.class, () -> gate.exit(null, "outer"));
        assertTrue(e.getMessage().contains("return from outer"), e.getMessage());
        Throwable other = cleanupOnOtherThread();
        assertNull(other, "the outer exit released the gate");
    }

    @Test
    void failureOfANativeCallbackIsReportedWhenTheCallReturns() {
        gate.enter("f");
        IllegalStateException failure = new IllegalStateException("callback");
        gate.callbackFailed(failure);
        gate.callbackFailed(new IllegalStateException("second"));
        SandboxTrapException e = assertThrows(SandboxTrapException.class, () -> gate.exitNative(null, "f"));
        assertSame(failure, e.getCause(), "the first failure wins");
        assertEquals(SandboxState.POISONED, gate.state());
        assertThrows(SandboxPoisonedException.class, () -> gate.enter("g"));
    }

    @Test
    void closeIsIdempotentAndRefusesEverythingAfter() {
        List<String> released = new ArrayList<>();
        assertTrue(gate.close(() -> released.add("once")));
        assertFalse(gate.close(() -> released.add("twice")));
        assertEquals(List.of("once"), released);
        assertTrue(gate.isClosed());
        SandboxClosedException e = assertThrows(SandboxClosedException.class, () -> gate.enter("f"));
        assertEquals(SandboxState.CLOSED, e.state());
        assertThrows(SandboxClosedException.class, () -> gate.enterHost("unregister", true));
        assertThrows(SandboxClosedException.class, () -> gate.checkUsable("bind"));
        assertEquals(SandboxState.CLOSED, gate.state());
    }

    @Test
    void closeFromInsideACallIsRefused() {
        gate.enter("f");
        SandboxStateException e = assertThrows(SandboxStateException.class, () -> gate.close(() -> { }));
        assertEquals(SandboxState.IN_CALL, e.state());
        assertTrue(e.getMessage().contains("callback"), e.getMessage());
        gate.exit(null, "f");
        assertTrue(gate.close(() -> { }));
    }

    @Test
    void deadlineIsArmedOnlyAroundTheOutermostCall() {
        List<String> events = new ArrayList<>();
        CallGate timed = new CallGate("timed", new CallGate.Deadline() {
            @Override
            public void arm() {
                events.add("arm");
            }

            @Override
            public void disarm() {
                events.add("disarm");
            }
        });
        timed.enter("outer");
        timed.enter("inner");
        timed.exit(null, "inner");
        timed.exit(null, "outer");
        timed.enter("f");
        timed.failed(new Trap(TrapKind.INTERRUPTED), null, "f");
        assertEquals(List.of("arm", "disarm", "arm", "disarm"), events);
        assertThrows(SandboxPoisonedException.class, () -> timed.enter("g"));
        assertEquals(List.of("arm", "disarm", "arm", "disarm"), events, "a refused call arms nothing");
    }
}
