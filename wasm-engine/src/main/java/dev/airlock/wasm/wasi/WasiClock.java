package dev.airlock.wasm.wasi;

/**
 * The time source of a {@link Wasi}: what {@code clock_time_get}, {@code clock_res_get} and the
 * clock subscriptions of {@code poll_oneoff} read, and how {@code poll_oneoff} sleeps (preview1
 * type {@code $clockid}). Injectable through {@link WasiConfig.Builder#clock}, so that a run can
 * be deterministic.
 *
 * <p>Implementations need not be thread-safe: a {@code Wasi} serves one instance, which runs one
 * call at a time.
 */
public interface WasiClock {
    /** The WASI clocks ({@code clockid}), in the order of their numbers (0 to 3). */
    enum Id {
        /** {@code realtime}: nanoseconds since 1970-01-01T00:00:00Z. */
        REALTIME,
        /** {@code monotonic}: nanoseconds since an arbitrary origin; never decreases. */
        MONOTONIC,
        /** {@code process_cputime_id}: CPU time of the process. */
        PROCESS_CPUTIME,
        /** {@code thread_cputime_id}: CPU time of the calling thread. */
        THREAD_CPUTIME
    }

    /** The time of clock {@code id} in nanoseconds (an unsigned 64-bit value). */
    long time(Id id);

    /** The resolution of clock {@code id} in nanoseconds; not zero. */
    long resolution(Id id);

    /**
     * Waits {@code nanos} nanoseconds (of the realtime and monotonic clocks) — blocks, or, for a
     * virtual clock, advances it. {@code poll_oneoff} calls this once with the time left until its
     * earliest deadline, after which that deadline counts as reached (on {@link #system()} it
     * sleeps in slices of at most 50 ms instead, checking between them whether the instance was
     * interrupted).
     */
    void sleep(long nanos) throws InterruptedException;

    /**
     * The host's clocks: {@link java.time.Instant#now()} for realtime, {@link System#nanoTime()}
     * for monotonic, the JVM's process CPU time and the calling thread's CPU time; sleeping blocks
     * the calling thread. This is the default.
     */
    static WasiClock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * A deterministic clock that runs only when read or slept on: realtime starts at
     * {@code realtimeStartNanos}, the other clocks at 0; every reading advances all clocks by one
     * microsecond (so a program that busy-waits on a clock terminates) and a sleep advances them
     * by its duration without waiting. The same program with the same inputs sees the same times.
     */
    static WasiClock deterministic(long realtimeStartNanos) {
        return new DeterministicClock(realtimeStartNanos);
    }
}
