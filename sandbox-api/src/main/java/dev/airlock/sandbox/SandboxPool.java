package dev.airlock.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A bounded pool of sandboxes of one library, for servers that sandbox every request: creating a
 * Wasm sandbox instantiates the module (cheap, but not free), so idle sandboxes are kept and lent
 * out again. Thread-safe.
 *
 * <pre>{@code
 * try (SandboxPool pool = SandboxPool.builder(Sandbox.builder(library).callDeadline(Duration.ofSeconds(2)))
 *         .maxSize(Runtime.getRuntime().availableProcessors()).build()) {
 *     int width = pool.apply(sandbox -> decode(sandbox.bind(Decoder.class), input));
 * }
 * }</pre>
 *
 * <p>A borrowed sandbox belongs to the borrowing thread until it is given back with
 * {@link #giveBack}. Given back poisoned (a call trapped) or closed, it is closed and dropped; the
 * pool creates a fresh one when it is next needed, so one hostile input costs one sandbox, never
 * the pool. At most {@code maxSize} sandboxes exist at once; {@link #borrow()} waits for one to be
 * given back when all are lent out.
 *
 * <p>A sandbox keeps its library's state between borrowers (its heap, its globals). Free what you
 * allocate; and when borrowers must not see each other's data, set {@link Builder#maxUses} to 1
 * so that every borrower gets a fresh sandbox.
 */
public final class SandboxPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.airlock.sandbox");

    private final Sandbox.Builder factory;
    private final int maxSize;
    private final int maxUses;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    /** Idle sandboxes, most recently used first (its memory is warmest). */
    private final ArrayDeque<Sandbox> idle = new ArrayDeque<>();
    /** Every live sandbox of the pool, idle or lent, with its number of uses. */
    private final Map<Sandbox, Integer> uses = new IdentityHashMap<>();
    /** Sandboxes being created (counted against maxSize while the lock is not held). */
    private int creating;
    private boolean closed;

    private SandboxPool(Builder b) {
        this.factory = b.factory;
        this.maxSize = b.maxSize;
        this.maxUses = b.maxUses;
    }

    /** A builder of a pool whose sandboxes {@code factory} creates. */
    public static Builder builder(Sandbox.Builder factory) {
        return new Builder(factory);
    }

    /** Borrows a sandbox, waiting as long as it takes for one to be free. */
    public Sandbox borrow() {
        try {
            return borrow(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for a sandbox of the pool", e);
        }
    }

    /**
     * Borrows a sandbox, waiting at most {@code timeout} for one to be free.
     *
     * @throws SandboxException if none became free in time
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    public Sandbox borrow(Duration timeout) throws InterruptedException {
        return borrow(TimeUnit.NANOSECONDS.convert(timeout));
    }

    private Sandbox borrow(long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        lock.lock();
        try {
            while (true) {
                checkOpen();
                Sandbox s = idle.pollFirst();
                if (s != null) {
                    uses.merge(s, 1, Integer::sum);
                    return s;
                }
                if (uses.size() + creating < maxSize) {
                    creating++;
                    break;
                }
                if (timeoutNanos < 0) {
                    available.await();
                } else {
                    if (remaining <= 0) {
                        throw new SandboxException("no sandbox of the pool became free within "
                                + Duration.ofNanos(timeoutNanos) + " (all " + maxSize + " are lent out)");
                    }
                    remaining = available.awaitNanos(remaining);
                }
            }
        } finally {
            lock.unlock();
        }
        // Created outside the lock: instantiation may take a while and must not block give-backs.
        Sandbox created = null;
        try {
            created = factory.build();
        } finally {
            lock.lock();
            try {
                creating--;
                if (created != null) {
                    uses.put(created, 1);
                }
                available.signal();
            } finally {
                lock.unlock();
            }
        }
        return created;
    }

    /**
     * Gives a borrowed sandbox back. A poisoned or closed one is closed and dropped (and replaced
     * when next needed), as is one that reached its {@link Builder#maxUses}; an open one becomes
     * idle for the next borrower.
     *
     * @throws IllegalArgumentException if {@code sandbox} was not borrowed from this pool
     */
    public void giveBack(Sandbox sandbox) {
        Objects.requireNonNull(sandbox, "sandbox");
        boolean retire;
        lock.lock();
        try {
            Integer used = uses.get(sandbox);
            if (used == null || idle.contains(sandbox)) {
                throw new IllegalArgumentException(sandbox + " is not lent out by this pool");
            }
            retire = closed || sandbox.state() != SandboxState.OPEN || used >= maxUses;
            if (retire) {
                uses.remove(sandbox);
            } else {
                idle.addFirst(sandbox);
            }
            available.signal();
        } finally {
            lock.unlock();
        }
        if (retire) {
            if (sandbox.state() == SandboxState.POISONED) {
                LOG.log(System.Logger.Level.DEBUG, "pool: dropping poisoned {0}", sandbox);
            }
            sandbox.close();
        }
    }

    /** Borrows a sandbox, runs {@code work} with it, and gives it back (also if {@code work} throws). */
    public <R> R apply(Function<? super Sandbox, ? extends R> work) {
        Sandbox s = borrow();
        try {
            return work.apply(s);
        } finally {
            giveBack(s);
        }
    }

    /** How many sandboxes exist now (idle and lent out). */
    public int size() {
        lock.lock();
        try {
            return uses.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many sandboxes are idle. */
    public int idleCount() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the pool: idle sandboxes are closed now, lent ones when they are given back; later
     * borrows fail. Idempotent.
     */
    @Override
    public void close() {
        ArrayDeque<Sandbox> toClose;
        lock.lock();
        try {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            for (Sandbox s : idle) {
                uses.remove(s);
            }
            idle.clear();
            available.signalAll();
        } finally {
            lock.unlock();
        }
        for (Sandbox s : toClose) {
            s.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the sandbox pool is closed");
        }
    }

    /** Configures a {@link SandboxPool}. */
    public static final class Builder {
        private final Sandbox.Builder factory;
        private int maxSize = Runtime.getRuntime().availableProcessors();
        private int maxUses = Integer.MAX_VALUE;

        private Builder(Sandbox.Builder factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** The most sandboxes that exist at once; default: the number of processors. */
        public Builder maxSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("maxSize must be positive: " + size);
            }
            this.maxSize = size;
            return this;
        }

        /** How many times a sandbox is lent out before it is replaced; default: unlimited. */
        public Builder maxUses(int uses) {
            if (uses < 1) {
                throw new IllegalArgumentException("maxUses must be positive: " + uses);
            }
            this.maxUses = uses;
            return this;
        }

        /** Creates the pool; sandboxes are created when first borrowed. */
        public SandboxPool build() {
            return new SandboxPool(this);
        }
    }
}
