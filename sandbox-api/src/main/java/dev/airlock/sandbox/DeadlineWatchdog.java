package dev.airlock.sandbox;

import dev.airlock.wasm.runtime.Instance;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The per-call deadlines of Wasm sandboxes, watched by one daemon thread, so that arming and
 * disarming a deadline around a call cost a read and a store rather than scheduling and cancelling
 * a timer task (which measured about 300 ns a call, six times the cost of the call itself).
 *
 * <p>How. Each sandbox with a deadline registers a {@link Watch} when it opens. The watchdog
 * thread runs while any is registered: every tick it publishes a coarse clock ({@link #coarseNow},
 * {@code System.nanoTime()} at the tick) and interrupts each instance whose armed deadline has
 * passed. A call arms its watch with the coarse clock plus its limit plus one tick — a clock up
 * to one tick old can make the deadline late, never early — and disarms it when it leaves. The
 * tick is a twentieth of the shortest registered limit, between 1 and 50 ms, so a deadline fires
 * between its limit and the limit plus two ticks: at most 10% (or 2 ms) late. This is the epoch
 * scheme of wasmtime, with the watchdog as the epoch's source.
 *
 * <p>The race between a call that leaves and the watchdog that interrupts it is settled by the
 * watch's state: the watchdog moves it from armed to {@link Watch#EXPIRED} with a compare-and-set
 * and interrupts under the watch's lock; {@link Watch#disarm} swaps in {@link Watch#DISARMED}, and
 * if it finds {@code EXPIRED} (the call finished just as its time ran out) it takes the lock, so
 * that the interrupt has been requested, and withdraws it. A request therefore never outlives the
 * call it was meant for.
 */
final class DeadlineWatchdog {
    /** The shortest tick, in nanoseconds. */
    private static final long MIN_TICK = TimeUnit.MILLISECONDS.toNanos(1);
    /** The longest tick, in nanoseconds. */
    private static final long MAX_TICK = TimeUnit.MILLISECONDS.toNanos(50);
    /** Ticks per shortest limit. */
    private static final int TICKS_PER_LIMIT = 20;

    /** The registered watches; iterated by the watchdog on every tick. */
    private static final CopyOnWriteArrayList<Watch> WATCHES = new CopyOnWriteArrayList<>();
    /** {@code System.nanoTime()} at the watchdog's latest tick; read by {@link Watch#arm}. */
    private static volatile long coarseNow = System.nanoTime();
    /** The current tick, in nanoseconds: derived from the registered limits. */
    private static volatile long tick = MAX_TICK;
    /** The watchdog thread, or null before the first registration. */
    private static Thread thread;

    private DeadlineWatchdog() {
    }

    /** Registers a watch for {@code instance}, which interrupts calls after {@code limit}. */
    static Watch register(Instance instance, Duration limit) {
        long nanos = Math.max(1, saturatedNanos(limit));
        Watch w = new Watch(instance, nanos);
        synchronized (DeadlineWatchdog.class) {
            WATCHES.add(w);
            tick = tickFor(WATCHES);
            if (thread == null) {
                thread = new Thread(DeadlineWatchdog::run, "airlock-deadline-watchdog");
                thread.setDaemon(true);
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
        }
        return w;
    }

    /** Stops watching {@code w} (its sandbox closed). */
    static void unregister(Watch w) {
        w.disarm();
        synchronized (DeadlineWatchdog.class) {
            WATCHES.remove(w);
            tick = tickFor(WATCHES);
        }
    }

    private static long tickFor(Iterable<Watch> watches) {
        long shortest = Long.MAX_VALUE;
        for (Watch w : watches) {
            shortest = Math.min(shortest, w.limitNanos);
        }
        return Math.max(MIN_TICK, Math.min(MAX_TICK, shortest / TICKS_PER_LIMIT));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    /** The watchdog's loop: sleeps while nothing is registered, else ticks. */
    private static void run() {
        while (true) {
            if (WATCHES.isEmpty()) {
                LockSupport.park(DeadlineWatchdog.class);
                continue;
            }
            long now = System.nanoTime();
            coarseNow = now;
            for (Watch w : WATCHES) {
                w.expireIfDue(now);
            }
            LockSupport.parkNanos(DeadlineWatchdog.class, tick);
        }
    }

    /** The deadline of one sandbox: armed around each outermost call by its {@link CallGate}. */
    static final class Watch implements CallGate.Deadline {
        /** {@link #expiresAt} when no call is being timed. */
        static final long DISARMED = Long.MIN_VALUE;
        /** {@link #expiresAt} once the watchdog has interrupted the call. */
        static final long EXPIRED = Long.MIN_VALUE + 1;
        private static final VarHandle EXPIRES_AT;

        static {
            try {
                EXPIRES_AT = MethodHandles.lookup().findVarHandle(Watch.class, "expiresAt", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The instance whose calls are timed. */
        private final Instance instance;
        /** The limit of one call, in nanoseconds. */
        final long limitNanos;
        /**
         * The {@code System.nanoTime()} after which the call in progress is interrupted, or
         * {@link #DISARMED}, or {@link #EXPIRED}.
         */
        private volatile long expiresAt = DISARMED;

        Watch(Instance instance, long limitNanos) {
            this.instance = instance;
            this.limitNanos = limitNanos;
        }

        @Override
        public void arm() {
            // Times are compared as differences (now - at), which wrap correctly: limits are at
            // most Long.MAX_VALUE / 4. Only the two sentinel values must be stepped over.
            long at = coarseNow + limitNanos + tick;
            expiresAt = at == DISARMED || at == EXPIRED ? EXPIRED + 1 : at;
        }

        @Override
        public void disarm() {
            long was = (long) EXPIRES_AT.getAndSet(this, DISARMED);
            if (was == EXPIRED) {
                // The time ran out as the call finished: the request may have arrived after the
                // code's last check. Wait for the watchdog to have made it, then withdraw it.
                synchronized (this) {
                    instance.clearInterrupt();
                }
            }
        }

        /** Interrupts the call in progress if its deadline has passed (the watchdog's side). */
        void expireIfDue(long now) {
            long at = expiresAt;
            if (at == DISARMED || at == EXPIRED || now - at < 0) {
                return;
            }
            synchronized (this) {
                if (EXPIRES_AT.compareAndSet(this, at, EXPIRED)) {
                    instance.interrupt();
                }
            }
        }
    }
}
