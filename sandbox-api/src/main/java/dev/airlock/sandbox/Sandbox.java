package dev.airlock.sandbox;

import dev.airlock.taint.Pointee;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.SandboxAllocator;
import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.Tainted;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.wasm.wasi.WasiConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sandboxed instance of a C library (RLBox's {@code rlbox_sandbox}): created from a
 * {@link SandboxLibrary}, used through interfaces bound to it, closed.
 *
 * <pre>{@code
 * public interface Probe {
 *     TaintedInt probe_add(int a, int b);
 *     void probe_fill(TaintedPointer<Byte> buffer, int length, int start);
 * }
 *
 * try (Sandbox sandbox = Sandbox.builder(library).callDeadline(Duration.ofSeconds(1)).build()) {
 *     Probe probe = sandbox.bind(Probe.class);
 *     int sum = probe.probe_add(2, 3).verifyRange(0, 10, "sum");
 *     TaintedPointer<Byte> buffer = sandbox.malloc(16);
 *     probe.probe_fill(buffer, 16, 7);
 *     byte[] copy = sandbox.copyOut(buffer, 16).unverifiedSafeBecause("any bytes will do");
 *     sandbox.free(buffer);
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> See {@link SandboxState}: a sandbox is {@code OPEN} after creation (the
 * Wasm module instantiated and its {@code _initialize} run), {@code IN_CALL} while a thread runs
 * in it, {@code POISONED} after a call failed inside it (a trap, the deadline, the call-depth
 * limit, an exception of a callback) and {@code CLOSED} after {@link #close()}. A poisoned sandbox
 * refuses every call with a {@link SandboxPoisonedException} naming the original failure; close
 * it and create a fresh one.
 *
 * <p><b>Threads.</b> One thread at a time: a thread that calls in while another is inside gets a
 * {@link SandboxBusyException} at once (it does not wait). A callback may call back into its own
 * sandbox on the same thread. Different sandboxes are independent and run in parallel; use one per
 * thread, or a {@link SandboxPool}.
 *
 * <p><b>Results are tainted.</b> Bound methods return {@code Tainted*} values and
 * {@code TaintedPointer}s; nothing from the sandbox reaches host code before a verifier accepted
 * it.
 */
public final class Sandbox implements AutoCloseable, SandboxAllocator {
    private static final System.Logger LOG = System.getLogger("dev.airlock.sandbox");
    /** Numbers sandboxes for their default names. */
    private static final AtomicLong SERIAL = new AtomicLong();

    private final SandboxLibrary library;
    private final SandboxConfig config;
    private final Backend backend;
    private final CallbackRegistry callbacks;
    private final Allocations allocations = new Allocations();
    /** Bindings made so far, by interface; guarded by itself. */
    private final Map<Class<?>, Object> bindings = new HashMap<>();

    private Sandbox(SandboxLibrary library, SandboxConfig config) {
        this.library = library;
        this.config = config;
        this.backend = library.open(config, this);
        this.callbacks = new CallbackRegistry(backend, config.maxCallbacks());
        List<String> unenforced = backend.unenforcedLimits(config);
        if (!unenforced.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "sandbox {0}: the {1} backend cannot enforce: {2}", config.name(),
                    library.isIsolated() ? "wasm" : "native", String.join(", ", unenforced));
        }
        LOG.log(System.Logger.Level.DEBUG, "sandbox {0} created from {1}", config.name(), library);
    }

    /** A builder of sandboxes of {@code library}, with default limits. */
    public static Builder builder(SandboxLibrary library) {
        return new Builder(library);
    }

    /** A sandbox of {@code library} with default limits: {@code builder(library).build()}. */
    public static Sandbox create(SandboxLibrary library) {
        return builder(library).build();
    }

    /** The sandbox's name (messages, JFR events, logs). */
    public String name() {
        return config.name();
    }

    /** The library this sandbox runs. */
    public SandboxLibrary library() {
        return library;
    }

    /** Whether the library is isolated from the host (the Wasm backend) or not (native). */
    public boolean isIsolated() {
        return library.isIsolated();
    }

    /** The current state. */
    public SandboxState state() {
        return backend.gate.state();
    }

    /** The failure that poisoned this sandbox, or null if it is not poisoned. */
    public SandboxTrapException poisonCause() {
        return backend.gate.poison();
    }

    /**
     * An escape, like RLBox's {@code get_memory_location}: the sandbox's raw memory (for Wasm the
     * instance's linear memory, every access bounds-checked; natively the process's memory, no
     * checks possible). What is read through it is not tainted, and the library may rewrite it
     * between two reads: read through {@code TaintedPointer}s, {@link #copyOut} and the
     * marshalling module instead, which copy and taint. This is for code that builds such
     * accessors.
     *
     * @param reason why the unchecked access is safe where it is used; must not be blank
     * @throws IllegalArgumentException if the reason is blank
     */
    @Override
    public SandboxMemory unverifiedMemoryBecause(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an unverified escape needs a reason: say why the unchecked access is safe");
        }
        return backend.memory();
    }

    /**
     * The size of the sandbox's memory in bytes now: a Wasm memory's current size (it may grow
     * during calls, never shrink), {@link Long#MAX_VALUE} for the native backend, whose memory is
     * the process's.
     */
    public long memorySize() {
        return backend.memory().size();
    }

    /** The size of a pointer in the library's ABI: 4 for wasm32, 8 for the native (LP64) backend. */
    public int pointerSize() {
        return backend.memory().pointerSize();
    }

    /**
     * An implementation of {@code iface} whose methods call the library's functions of the same
     * names (or the names given with {@link Symbol}). Parameters may be {@code int},
     * {@code long} ({@link SizeT} for {@code size_t}), {@code float}, {@code double},
     * {@code boolean}, {@code byte}, {@code short}, {@code char}, {@code TaintedPointer<X>} (into
     * this sandbox; null is C's NULL) and {@link Callback}s of this sandbox; results are
     * {@code void} or the tainted counterparts ({@code TaintedInt}, ..., {@code TaintedPointer<X>},
     * where {@code X} says what the pointer points to). The implementation is generated (no
     * reflection when called) and cached: binding the same interface again returns the same
     * object.
     *
     * @throws BindingException if a method names a function the library lacks, does not match
     *     its Wasm type, or uses an unsupported type (the message names the method)
     * @throws SandboxStateException if the sandbox is poisoned or closed
     */
    public <T> T bind(Class<T> iface) {
        Objects.requireNonNull(iface, "iface");
        backend.gate.checkUsable("bind " + iface.getSimpleName());
        synchronized (bindings) {
            Object bound = bindings.get(iface);
            if (bound == null) {
                bound = BindingGenerator.bind(iface, backend, callbacks);
                bindings.put(iface, bound);
            }
            return iface.cast(bound);
        }
    }

    /**
     * Registers {@code implementation} so that the library can call it (RLBox's
     * {@code register_callback}); pass the result to bound functions that take a function
     * pointer. {@code type} is a public interface with one abstract method whose parameters are
     * tainted ({@code TaintedInt}, ..., {@code TaintedPointer<X>}) and whose result is a plain
     * value going back to the library ({@code void}, {@code int}, {@code long}, {@code float},
     * {@code double}, {@code boolean}, or a {@code TaintedPointer} into this sandbox).
     *
     * @throws CallbackException if the sandbox has its maximum number of callbacks
     *     ({@link Builder#maxCallbacks}), the library cannot take callbacks (a Wasm module that does
     *     not export a growable function table), or {@code type} is not a suitable interface
     * @throws SandboxStateException if the sandbox is poisoned, closed or busy
     */
    public <I> Callback<I> registerCallback(Class<I> type, I implementation) {
        return callbacks.register(type, implementation);
    }

    /** How many callbacks are registered now. */
    public int callbackCount() {
        return callbacks.size();
    }

    /**
     * Allocates {@code bytes} bytes with the library's {@code malloc} (RLBox's
     * {@code malloc_in_sandbox}); free them with {@link #free}. The memory is not zeroed.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     * @throws SandboxAllocationException if {@code bytes} is too large for the sandbox, or malloc
     *     returned null
     */
    public TaintedPointer<Byte> malloc(long bytes) {
        return malloc(Pointees.UINT8, bytes);
    }

    /** Allocates one {@code type} (e.g. a struct layout); see {@link #malloc(Pointee, long)}. */
    public <T> TaintedPointer<T> malloc(Pointee<T> type) {
        return malloc(type, 1);
    }

    /**
     * Allocates an array of {@code count} elements of {@code type} with the library's
     * {@code malloc}; the size {@code count × size} is checked for overflow, and the result for
     * null and for the type's alignment.
     *
     * @throws IllegalArgumentException if the size is not positive or {@code count × size}
     *     overflows
     * @throws SandboxAllocationException if the size exceeds the sandbox's address space, or
     *     malloc returned null (the library's heap, or the sandbox's memory cap, is exhausted)
     */
    @Override
    public <T> TaintedPointer<T> malloc(Pointee<T> type, long count) {
        Objects.requireNonNull(type, "type");
        int pointerSize = backend.pointerSize();
        long size = type.size(pointerSize);
        if (count <= 0 || size <= 0) {
            throw new IllegalArgumentException(name() + ": cannot allocate " + count + " elements of " + type
                    + " (" + size + " bytes each): the size must be positive");
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(count, size);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name() + ": cannot allocate " + count + " × " + size
                    + " bytes: the size overflows");
        }
        long address = backend.malloc(bytes);
        if (address == 0) {
            throw new SandboxAllocationException(name() + ": malloc(" + bytes + ") returned null: the library's heap is"
                    + " exhausted" + (library.isIsolated() ? " (or the sandbox's memory cap, " + config.memoryPages()
                            + " pages, is reached)" : ""));
        }
        long alignment = type.alignment(pointerSize);
        if (alignment > 1 && address % alignment != 0) {
            backend.free(address);
            throw new SandboxAllocationException(name() + ": malloc returned 0x" + Long.toHexString(address)
                    + ", not aligned for " + type + " (" + alignment + " bytes)");
        }
        CallGate gate = backend.gate;
        gate.enterHost("record an allocation", true);
        try {
            allocations.allocated(address, bytes);
        } finally {
            gate.exitHost();
        }
        return TaintedPointer.of(backend.memory(), address, type);
    }

    /**
     * Frees memory allocated with {@link #malloc} (RLBox's {@code free_in_sandbox}). Null (a Java
     * null or a null pointer) does nothing, as in C.
     *
     * @throws SandboxAllocationException if the pointer was not allocated by this sandbox's
     *     {@code malloc} on the host side, or was freed already
     * @throws dev.airlock.taint.ForeignPointerException if it points into another sandbox
     */
    @Override
    public void free(TaintedPointer<?> pointer) {
        if (pointer == null) {
            return;
        }
        long address = pointer.unverifiedAddressBecause(backend.memory(), "matched against this sandbox's allocations");
        if (address == 0) {
            return;
        }
        CallGate gate = backend.gate;
        gate.enterHost("free", false);
        try {
            allocations.release(name(), address);
        } finally {
            gate.exitHost();
        }
        backend.free(address);
    }

    /**
     * Copies {@code src[off .. off + len)} into the sandbox at {@code dst} (which the host
     * allocated, or the library handed out for writing).
     *
     * @throws dev.airlock.taint.SandboxMemoryException if the range is outside the sandbox
     * @throws dev.airlock.taint.ForeignPointerException if {@code dst} points into another sandbox
     */
    public void copyIn(TaintedPointer<?> dst, byte[] src, int off, int len) {
        CallGate gate = backend.gate;
        gate.enterHost("copy into the sandbox", false);
        try {
            SandboxMemory memory = backend.memory();
            memory.copyIn(dst.unverifiedAddressBecause(memory, "host bytes are written; nothing is read"), src, off, len);
        } finally {
            gate.exitHost();
        }
    }

    /** Copies all of {@code src} into the sandbox at {@code dst}; see {@link #copyIn(TaintedPointer, byte[], int, int)}. */
    public void copyIn(TaintedPointer<?> dst, byte[] src) {
        copyIn(dst, src, 0, src.length);
    }

    /**
     * Copies {@code length} bytes at {@code src} out of the sandbox. The copy is tainted (the
     * library wrote it); it cannot change after the copy, so verify it and use what was verified.
     *
     * @throws dev.airlock.taint.SandboxMemoryException if the range is outside the sandbox
     */
    public Tainted<byte[]> copyOut(TaintedPointer<?> src, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        CallGate gate = backend.gate;
        gate.enterHost("copy out of the sandbox", false);
        try {
            SandboxMemory memory = backend.memory();
            byte[] copy = new byte[length];
            memory.copyOut(src.unverifiedAddressBecause(memory, "the bytes are copied once and returned tainted"), copy, 0, length);
            return Tainted.of(copy);
        } finally {
            gate.exitHost();
        }
    }

    /**
     * Asks the call in progress to stop, from any thread (the Wasm backend only): it traps with
     * {@code interrupted} at its next function entry or loop iteration, which poisons the sandbox.
     * If no call is in progress, the next call stops at once.
     *
     * @return false if the backend cannot interrupt (native)
     */
    public boolean interrupt() {
        return backend.interrupt();
    }

    /**
     * Closes the sandbox: its memory, bindings and callbacks become unusable (they throw
     * {@link SandboxClosedException}) and its resources are released. Idempotent.
     *
     * @throws SandboxBusyException if another thread is inside the sandbox
     * @throws SandboxStateException if called from one of the sandbox's own callbacks
     */
    @Override
    public void close() {
        backend.gate.close(() -> {
            callbacks.clear();
            allocations.clear();
            backend.release();
        });
    }

    /** The number of live allocations made with {@link #malloc} (tests, diagnostics). */
    int liveAllocations() {
        return allocations.count();
    }

    /** The backend (tests). */
    Backend backend() {
        return backend;
    }

    @Override
    public String toString() {
        return "sandbox " + name() + " (" + (library.isIsolated() ? "wasm" : "native") + ", " + state() + ")";
    }

    /**
     * Creates sandboxes of one library with chosen limits. Reusable: {@link #build()} may be
     * called any number of times.
     */
    public static final class Builder {
        /** The default of {@link #maxCallbacks}. */
        public static final int DEFAULT_MAX_CALLBACKS = 64;

        private final SandboxLibrary library;
        private String name;
        private Integer maxMemoryPages;
        private Duration callDeadline;
        private Integer maxCallDepth;
        private int maxCallbacks = DEFAULT_MAX_CALLBACKS;
        private WasiConfig wasi;

        private Builder(SandboxLibrary library) {
            this.library = Objects.requireNonNull(library, "library");
        }

        /** The sandbox's name in messages, events and logs; default: the library's name and a serial number. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The most 64 KiB pages the sandbox's memory may grow to (below the module's own
         * maximum); beyond it the library's {@code malloc} returns null. Default: 16,384 (1 GiB).
         * Wasm only: the native backend cannot enforce it (a warning is logged).
         */
        public Builder maxMemoryPages(int pages) {
            if (pages < 1) {
                throw new IllegalArgumentException("maxMemoryPages must be positive: " + pages);
            }
            this.maxMemoryPages = pages;
            return this;
        }

        /**
         * How long one call from the host (with everything it calls back) may run; past it the
         * call is interrupted, fails with a {@link SandboxTrapException} of kind
         * {@code INTERRUPTED}, and the sandbox is poisoned. Default: none. Wasm only (logged as
         * not enforced natively). Costs a timer per call: about a microsecond.
         */
        public Builder callDeadline(Duration deadline) {
            if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
                throw new IllegalArgumentException("callDeadline must be positive: " + deadline);
            }
            this.callDeadline = deadline;
            return this;
        }

        /**
         * The most nested Wasm calls one call from the host may make (callbacks re-entering the
         * sandbox continue the count); past it the call traps with {@code CALL_STACK_EXHAUSTED}.
         * Default: 10,000. Wasm only (logged as not enforced natively). The JVM thread's stack
         * must be large enough for the depth; if it is not, the overflow ends as the same trap.
         */
        public Builder maxCallDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxCallDepth must be positive: " + depth);
            }
            this.maxCallDepth = depth;
            return this;
        }

        /** The most callbacks registered at once; default {@value #DEFAULT_MAX_CALLBACKS}. */
        public Builder maxCallbacks(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("maxCallbacks must not be negative: " + count);
            }
            this.maxCallbacks = count;
            return this;
        }

        /**
         * What the Wasm library's WASI imports grant (files, clocks, standard streams). Default:
         * nothing — no files, arguments or environment, output discarded.
         */
        public Builder wasi(WasiConfig config) {
            this.wasi = config;
            return this;
        }

        /**
         * Creates a sandbox: instantiates the Wasm module and runs its {@code _initialize}, or
         * loads the native library.
         *
         * @throws SandboxException if the library cannot be instantiated or loaded, or its
         *     initialisation fails
         */
        public Sandbox build() {
            String n = name != null ? name : library.name() + "#" + SERIAL.incrementAndGet();
            return new Sandbox(library, new SandboxConfig(n, maxMemoryPages, callDeadline, maxCallDepth, maxCallbacks, wasi));
        }
    }
}
