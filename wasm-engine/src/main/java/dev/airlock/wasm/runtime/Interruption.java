package dev.airlock.wasm.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop running Wasm code, shared by the instances created with it. Generated code
 * checks it at every function entry and loop back-edge (at no cost while no request is pending
 * anywhere, see {@link InterruptSwitch}) and traps with kind {@code INTERRUPTED} when it is set; it stays set until the trap has left the outermost call from the host, so code
 * that a host function runs after catching the trap is stopped too.
 *
 * <p>Every instance has one: its own by default, or one given to several instances through
 * {@link InstanceConfig#withInterruption} — needed when instances call each other and a deadline
 * on one must stop code of the others (a flag is checked only by the code of the instances that
 * share it). It may also be set before instantiation, to bound a start function.
 *
 * <p>All methods may be called from any thread.
 */
public final class Interruption {
    private static final VarHandle REQUESTED;

    static {
        try {
            REQUESTED = MethodHandles.lookup().findVarHandle(Interruption.class, "requested", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether code should stop. Read by the checks of generated code (see {@link InterruptSwitch}). */
    volatile boolean requested;

    /** Asks running code to stop (or the next call to trap at its first check). */
    public void interrupt() {
        if (REQUESTED.compareAndSet(this, false, true)) {
            InterruptSwitch.requested();
        }
    }

    /** Withdraws a request no code has acted on yet. */
    public void clear() {
        if (REQUESTED.compareAndSet(this, true, false)) {
            InterruptSwitch.withdrawn();
        }
    }

    /** Whether a request is pending. */
    public boolean isRequested() {
        return requested;
    }

    /**
     * Interrupts after {@code delay}, from a shared daemon timer thread. Cancel the returned future
     * when the work finished in time, or a later call will be interrupted.
     */
    public ScheduledFuture<?> interruptAfter(Duration delay) {
        long nanos = Math.max(0, TimeUnit.NANOSECONDS.convert(delay));
        return Timer.INSTANCE.schedule(this::interrupt, nanos, TimeUnit.NANOSECONDS);
    }

    /** The shared timer thread. */
    static ScheduledExecutorService timer() {
        return Timer.INSTANCE;
    }

    /** The timer thread for {@link #interruptAfter}; a daemon, started on first use. */
    private static final class Timer {
        static final ScheduledExecutorService INSTANCE = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "airlock-deadlines");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}
