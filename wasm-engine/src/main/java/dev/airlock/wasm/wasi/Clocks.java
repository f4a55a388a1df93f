package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Instance;

/**
 * Preview1 {@code clock_res_get} and {@code clock_time_get}: the four {@code clockid}s (realtime,
 * monotonic, process and thread CPU time) read from the configured {@link WasiClock}; another id
 * is {@code inval}. The {@code precision} argument of {@code clock_time_get} is ignored (the value
 * returned is as precise as the clock).
 */
final class Clocks {
    /** The clocks. */
    private final WasiClock clock;

    Clocks(WasiClock clock) {
        this.clock = clock;
    }

    /** The clock numbered {@code id}, or {@code inval}. */
    static WasiClock.Id id(int id) {
        WasiClock.Id[] ids = WasiClock.Id.values();
        if (id < 0 || id >= ids.length) {
            throw new ErrnoException(Errno.INVAL);
        }
        return ids[id];
    }

    /** {@code clock_res_get(id, resolution_out) -> errno}. */
    int clockResGet(Instance caller, int id, int out) {
        GuestMemory memory = WasiContext.memory(caller);
        WasiClock.Id clockId = id(id);
        memory.check(out, 8);
        memory.putU64(out, Math.max(1, clock.resolution(clockId)));
        return Errno.SUCCESS;
    }

    /** {@code clock_time_get(id, precision, time_out) -> errno}. */
    int clockTimeGet(Instance caller, int id, long precision, int out) {
        GuestMemory memory = WasiContext.memory(caller);
        WasiClock.Id clockId = id(id);
        memory.check(out, 8);
        memory.putU64(out, clock.time(clockId));
        return Errno.SUCCESS;
    }
}
