package dev.airlock.wasm.wasi;

/**
 * {@link WasiClock#deterministic(long)}: virtual values for the four preview1 {@code clockid}s
 * that advance on reads and sleeps only.
 */
final class DeterministicClock implements WasiClock {
    /** How far one reading advances the clocks, in nanoseconds. */
    static final long TICK = 1000;

    /** The realtime clock's value at the start. */
    private final long realtimeStart;
    /** Nanoseconds elapsed so far (the value of the other clocks). */
    private long elapsed;

    DeterministicClock(long realtimeStart) {
        this.realtimeStart = realtimeStart;
    }

    @Override
    public synchronized long time(Id id) {
        long t = id == Id.REALTIME ? realtimeStart + elapsed : elapsed;
        elapsed += TICK;
        return t;
    }

    @Override
    public long resolution(Id id) {
        return TICK;
    }

    @Override
    public synchronized void sleep(long nanos) {
        if (nanos > 0) {
            elapsed = elapsed + nanos < elapsed ? Long.MAX_VALUE : elapsed + nanos;
        }
    }
}
