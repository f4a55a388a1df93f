package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.runtime.Traps;
import java.io.IOException;

/**
 * Preview1 {@code poll_oneoff(in, out, nsubscriptions, nevents_out)}: waits for the first of a set
 * of {@code subscription}s and stores an {@code event} for each that occurred.
 *
 * <ul>
 *   <li>{@code eventtype::clock}: a relative or absolute ({@code subscription_clock_abstime})
 *       timeout on the realtime or monotonic clock; the call sleeps until the earliest one
 *       expires, on the configured {@link WasiClock}, in slices of at most
 *       {@link #SLICE_NANOS}, and traps with {@code interrupted} when the instance is interrupted
 *       meanwhile (so a sleeping module can be stopped like a running one). Another
 *       {@link WasiClock} (such as {@link WasiClock#deterministic}) is asked once to sleep until
 *       the earliest deadline. A CPU-time clock is an event with error {@code notsup}; an unknown
 *       clock one with {@code inval}.</li>
 *   <li>{@code eventtype::fd_read} / {@code fd_write}: regular files and output streams are
 *       always ready ({@code nbytes}: the bytes left to read in a file); standard input is ready
 *       when the stream has bytes available — without a clock subscription on the system clock it
 *       is reported ready anyway (a read may then block, as the stream gives no other signal); with
 *       one, it is looked at every {@link #STDIN_POLL_NANOS}. A descriptor that is
 *       not open, lacks the rights, or is a directory gives an event with error {@code badf} /
 *       {@code notcapable} / {@code badf}.</li>
 * </ul>
 *
 * <p>Descriptor events are reported without waiting when any is ready. No subscription at all is
 * {@code inval}, as preview1 specifies; an unknown event type is {@code inval} too.
 */
final class Poll {
    /** The longest sleep between two checks for an interruption. */
    static final long SLICE_NANOS = 50_000_000L;
    /** How often standard input is looked at while a clock subscription runs. */
    static final long STDIN_POLL_NANOS = 10_000_000L;

    /** Shared state. */
    private final WasiContext context;

    Poll(WasiContext context) {
        this.context = context;
    }

    /** One subscription's outcome. */
    private static final class Event {
        /** The subscription's {@code userdata}. */
        long userdata;
        /** The event type. */
        int type;
        /** The {@code errno} of the event. */
        int error;
        /** {@code fd_readwrite.nbytes}. */
        long nbytes;
        /** For a clock: the deadline on {@link #clock}; for stdin: whether it waits for input. */
        long deadline;
        /** For a clock: its id. */
        WasiClock.Id clock;
        /** For standard input that had nothing available. */
        StreamDescriptor waitingInput;
        /** Whether the event occurred. */
        boolean ready;
    }

    /** {@code poll_oneoff(in, out, nsubscriptions, nevents_out) -> errno}. */
    int pollOneoff(Instance caller, int in, int out, int count, int neventsOut) throws IOException {
        GuestMemory memory = WasiContext.memory(caller);
        if (count == 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        memory.checkArray(in, count, WasiTypes.SUBSCRIPTION_SIZE);
        memory.checkArray(out, count, WasiTypes.EVENT_SIZE);
        memory.check(neventsOut, 4);
        WasiClock clock = context.config.clock();
        Event[] events = new Event[count];
        boolean anyClock = false;
        for (int i = 0; i < count; i++) {
            int s = in + i * WasiTypes.SUBSCRIPTION_SIZE;
            Event e = new Event();
            events[i] = e;
            e.userdata = memory.u64(s);
            e.type = memory.u8(s + 8);
            switch (e.type) {
                case WasiTypes.EVENTTYPE_CLOCK:
                    clockSubscription(memory, s, e, clock);
                    anyClock |= e.clock != null;
                    break;
                case WasiTypes.EVENTTYPE_FD_READ:
                case WasiTypes.EVENTTYPE_FD_WRITE:
                    fdSubscription(memory.u32(s + 16), e);
                    break;
                default:
                    throw new ErrnoException(Errno.INVAL);
            }
        }
        boolean anyFdReady = false;
        for (Event e : events) {
            anyFdReady |= e.type != WasiTypes.EVENTTYPE_CLOCK && e.ready;
        }
        if (!anyFdReady) {
            for (Event e : events) {
                if (e.waitingInput != null && (!anyClock || !(clock instanceof SystemClock))) {
                    e.ready = true;
                    anyFdReady = true;
                }
            }
        }
        boolean anyClockReady = false;
        for (Event e : events) {
            anyClockReady |= e.type == WasiTypes.EVENTTYPE_CLOCK && e.ready;
        }
        if (!anyFdReady && !anyClockReady && anyClock) {
            waitForFirst(caller, events, clock);
        }
        int n = 0;
        for (Event e : events) {
            if (e.ready) {
                int o = out + n * WasiTypes.EVENT_SIZE;
                memory.zero(o, WasiTypes.EVENT_SIZE);
                memory.putU64(o, e.userdata);
                memory.putU16(o + 8, e.error);
                memory.putU8(o + 10, e.type);
                memory.putU64(o + 16, e.nbytes);
                n++;
            }
        }
        memory.putU32(neventsOut, n);
        return Errno.SUCCESS;
    }

    private static void clockSubscription(GuestMemory memory, int s, Event e, WasiClock clock) {
        int id = memory.u32(s + 16);
        long timeout = memory.u64(s + 24);
        int flags = memory.u16(s + 40);
        if (id == WasiClock.Id.REALTIME.ordinal() || id == WasiClock.Id.MONOTONIC.ordinal()) {
            e.clock = WasiClock.Id.values()[id];
            long now = clock.time(e.clock);
            if ((flags & WasiTypes.SUBCLOCK_ABSTIME) != 0) {
                e.deadline = timeout;
            } else {
                long sum = now + timeout;
                e.deadline = Long.compareUnsigned(sum, now) < 0 ? -1L : sum;
            }
            e.ready = Long.compareUnsigned(now, e.deadline) >= 0;
            if (e.ready) {
                e.clock = null; // already expired: nothing to wait for
            }
        } else {
            e.error = id == WasiClock.Id.PROCESS_CPUTIME.ordinal() || id == WasiClock.Id.THREAD_CPUTIME.ordinal()
                    ? Errno.NOTSUP : Errno.INVAL;
            e.ready = true;
        }
    }

    private void fdSubscription(int fd, Event e) throws IOException {
        e.ready = true;
        if (!context.fds.isOpen(fd)) {
            e.error = Errno.BADF;
            return;
        }
        Descriptor d = context.fds.get(fd);
        long right = e.type == WasiTypes.EVENTTYPE_FD_READ ? Rights.FD_READ : Rights.FD_WRITE;
        if (d instanceof OpenDirectory) {
            e.error = Errno.BADF;
        } else if (!Rights.has(d.rightsBase, Rights.POLL_FD_READWRITE | right)) {
            e.error = Errno.NOTCAPABLE;
        } else if (d instanceof OpenFile) {
            OpenFile f = (OpenFile) d;
            e.nbytes = e.type == WasiTypes.EVENTTYPE_FD_READ ? Math.max(0, f.channel.size() - f.channel.position()) : 0;
        } else {
            StreamDescriptor s = (StreamDescriptor) d;
            if (s.in != null) {
                int available = s.in.available();
                if (available > 0) {
                    e.nbytes = available;
                } else {
                    e.ready = false;
                    e.waitingInput = s;
                }
            }
        }
    }

    /**
     * Sleeps until the earliest clock subscription expires or waiting input arrives; marks what
     * occurred. On the system clock it sleeps in slices, checking for an interruption and for
     * input between them; another clock is asked once to sleep the whole time (it is virtual, or
     * the embedder's), after which the earliest subscription has expired.
     */
    private static void waitForFirst(Instance caller, Event[] events, WasiClock clock) throws IOException {
        boolean realTime = clock instanceof SystemClock;
        boolean watchInput = false;
        for (Event e : events) {
            watchInput |= e.waitingInput != null;
        }
        while (true) {
            long shortest = Long.MAX_VALUE;
            Event earliest = null;
            boolean expired = false;
            for (Event e : events) {
                if (e.clock != null) {
                    long now = clock.time(e.clock);
                    if (Long.compareUnsigned(now, e.deadline) >= 0) {
                        e.ready = true;
                        expired = true;
                    } else {
                        long left = e.deadline - now;
                        left = left < 0 ? Long.MAX_VALUE : left;
                        if (left < shortest || earliest == null) {
                            shortest = left;
                            earliest = e;
                        }
                    }
                }
            }
            boolean inputArrived = false;
            for (Event e : events) {
                if (e.waitingInput != null && e.waitingInput.in.available() > 0) {
                    e.ready = true;
                    e.nbytes = e.waitingInput.in.available();
                    inputArrived = true;
                }
            }
            if (expired || inputArrived || earliest == null) {
                return;
            }
            if (caller != null && caller.interruption().isRequested()) {
                throw Traps.interrupted();
            }
            long slice = realTime ? Math.min(shortest, watchInput ? STDIN_POLL_NANOS : SLICE_NANOS) : shortest;
            try {
                clock.sleep(slice);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ErrnoException(Errno.INTR);
            }
            if (!realTime) {
                earliest.ready = true;
                for (Event e : events) {
                    if (e.clock != null && Long.compareUnsigned(clock.time(e.clock), e.deadline) >= 0) {
                        e.ready = true;
                    }
                }
                return;
            }
        }
    }
}
