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
 * disarming a deadline around a call cost a store and a swap rather than scheduling and cancelling
 * a timer task (which measured about 300 ns a call, six times the cost of the call itself).
 *
 * <p>How. Each sandbox with a deadline registers a {@link Watch} when it opens. The watchdog
 * thread runs while any is registered and visits every watch once a tick. A call marks its watch
 * {@link Watch#ARMED} and reads no clock. The first tick that finds a watch armed starts the
 * call's time: it reads {@code System.nanoTime()} after claiming the watch, so the clock it reads
 * is no earlier than the arm, and sets the deadline to that time plus the limit. A later tick past
 * the deadline interrupts the instance. A deadline therefore fires at its limit or later, never
 * earlier, whatever the clock the watchdog last read and however long the thread was idle or
 * descheduled; while the thread runs on time it is at most two ticks late (one to see the call,
 * one for the tick's granularity). The tick is a twentieth of the shortest registered limit,
 * between 1 and 50 ms: at most 10% (or 2 ms) late. This is the epoch scheme of wasmtime, with the
 * watchdog as the epoch's source.
 *
 * <p>Why not a clock read by the call: a clock the watchdog publishes is stale while the thread is
 * parked (no sandbox with a deadline was open) or descheduled, and a deadline computed from it
 * can lie in the past before the call starts; reading {@code System.nanoTime()} in every call
 * would cost more than the rest of the arming.
 *
 * <p>The race between a call that leaves and the watchdog that interrupts it is settled by the
 * watch's state: the watchdog moves it from a deadline to {@link Watch#EXPIRED} with a
 * compare-and-set and interrupts under the watch's lock; {@link Watch#disarm} swaps in
 * {@link Watch#DISARMED}, and if it finds {@code EXPIRED} (the call finished just as its time ran
 * out) it takes the lock, so that the interrupt has been requested, and withdraws it. A request
 * therefore never outlives the call it was meant for.
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
        /** {@link #expiresAt} from the arm of a call until the watchdog has started its time. */
        static final long ARMED = Long.MIN_VALUE + 2;
        /** {@link #expiresAt} while the watchdog, having claimed an armed watch, reads the clock. */
        static final long STARTING = Long.MIN_VALUE + 3;
        /** The smallest value of {@link #expiresAt} that is a time rather than a state. */
        private static final long FIRST_TIME = Long.MIN_VALUE + 4;
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
         * The {@code System.nanoTime()} after which the call in progress is interrupted, or one of
         * the states {@link #DISARMED}, {@link #ARMED}, {@link #STARTING}, {@link #EXPIRED}.
         */
        private volatile long expiresAt = DISARMED;

        Watch(Instance instance, long limitNanos) {
            this.instance = instance;
            this.limitNanos = limitNanos;
        }

        @Override
        public void arm() {
            expiresAt = ARMED;
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

        /**
         * The watchdog's visit at the tick of time {@code now}: starts the time of a call armed
         * since the last visit, or interrupts the call in progress if its deadline has passed.
         */
        void expireIfDue(long now) {
            long at = expiresAt;
            if (at == ARMED) {
                start();
                return;
            }
            if (at < FIRST_TIME || now - at < 0) {
                return;
            }
            synchronized (this) {
                if (EXPIRES_AT.compareAndSet(this, at, EXPIRED)) {
                    instance.interrupt();
                }
            }
        }

        /**
         * Sets the deadline of the armed call from a clock read after claiming it. Claiming first
         * matters: had the call left and the next one armed between our read of ARMED and the
         * claim, a clock read before the claim could predate that arm.
         */
        private void start() {
            if (!EXPIRES_AT.compareAndSet(this, ARMED, STARTING)) {
                return;                                  // disarmed meanwhile: nothing to time
            }
            // Times are compared as differences (now - at), which wrap correctly: limits are at
            // most Long.MAX_VALUE / 4. Only the state values must be stepped over.
            long at = System.nanoTime() + limitNanos;
            if (at < FIRST_TIME) {
                at = FIRST_TIME;
            }
            // Fails if the call left (and perhaps the next one armed) meanwhile: the next visit
            // starts that one.
            EXPIRES_AT.compareAndSet(this, STARTING, at);
        }
    }
}
