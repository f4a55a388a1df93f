package dev.airlock.wasm.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** {@link WasiClock#system()}: the host's clocks (preview1 {@code clockid}, all four). */
final class SystemClock implements WasiClock {
    /** The one instance. */
    static final SystemClock INSTANCE = new SystemClock();

    /** {@link System#nanoTime()} when this class was loaded: the origin of the monotonic clock. */
    private static final long ORIGIN = System.nanoTime();

    private SystemClock() {
    }

    @Override
    public long time(Id id) {
        switch (id) {
            case REALTIME: {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            case MONOTONIC:
                return System.nanoTime() - ORIGIN;
            case PROCESS_CPUTIME:
                return processCpuTime();
            case THREAD_CPUTIME:
                return threadCpuTime();
            default:
                throw new IllegalArgumentException(String.valueOf(id));
        }
    }

    @Override
    public long resolution(Id id) {
        return id == Id.MONOTONIC ? 1 : 1000;
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    /** The JVM process's CPU time, or the thread's if the platform does not tell. */
    private static long processCpuTime() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            long t = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return threadCpuTime();
    }

    /** The calling thread's CPU time, or the monotonic time if the JVM does not measure it. */
    private static long threadCpuTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads.isCurrentThreadCpuTimeSupported()) {
            long t = threads.getCurrentThreadCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return System.nanoTime() - ORIGIN;
    }
}
