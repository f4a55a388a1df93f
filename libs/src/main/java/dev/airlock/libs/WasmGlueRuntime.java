package dev.airlock.libs;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.FunctionInstance;
import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.runtime.InstanceConfig;
import dev.airlock.wasm.runtime.Memory;
import dev.airlock.wasm.wasi.Wasi;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ScheduledFuture;

/**
 * The glue in a Wasm instance: one instance per runtime, created on first use. Everything read
 * from the instance goes through {@link Memory}'s bounds-checked accessors; an address outside the
 * memory becomes a {@link SandboxException}. A trap discards the instance (its heap may be in any
 * state) and becomes a {@link SandboxException}; the next call instantiates the module afresh.
 */
final class WasmGlueRuntime extends GlueRuntime {
    private final WasmModule module;
    private final String name;
    private final InstanceConfig config;
    private Instance instance;
    /** The instance's WASI environment. */
    private Wasi wasi;
    /** What the library wrote to standard error (the last few KiB), for trap messages. */
    private final StderrTail stderr = new StderrTail(4096);
    private final Map<String, FunctionInstance> functions = new HashMap<>();
    private int generation;
    private boolean closed;
    /** How long one call may run before it is interrupted; null for no limit. */
    private Duration callTimeout;

    WasmGlueRuntime(String library, WasmVariant variant, InstanceConfig config) {
        this.module = WasmModules.module(library, variant);
        this.name = variant.resource(library).substring(WasmModules.RESOURCE_DIR.length());
        this.config = config;
    }

    /** The current instance, instantiated if there is none. */
    Instance instance() {
        if (closed) {
            throw new IllegalStateException("the binding is closed");
        }
        if (instance == null) {
            functions.clear();
            stderr.reset();
            wasi = WasmModules.wasi(stderr);
            try {
                instance = WasmModules.instantiate(module, config, wasi);
            } catch (Trap t) {
                discard();
                throw new SandboxException(name + ": initialisation trapped: " + t.getMessage() + stderr.describe(), t);
            }
        }
        return instance;
    }

    private Memory memory() {
        Memory m = instance().memory();
        if (m == null) {
            throw new SandboxException(name + " has no memory");
        }
        return m;
    }

    private Object[] invoke(String function, Object... args) {
        Instance inst = instance();
        FunctionInstance f = functions.get(function);
        if (f == null) {
            try {
                f = inst.function(function);
            } catch (NoSuchElementException e) {
                throw new SandboxException(name + " does not export " + function, e);
            }
            functions.put(function, f);
        }
        Object[] wasmArgs = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            wasmArgs[i] = args[i] instanceof Long ? address((Long) args[i]) : args[i];
        }
        ScheduledFuture<?> timer = callTimeout != null ? inst.interruptAfter(callTimeout) : null;
        try {
            return f.call(wasmArgs);
        } catch (Trap t) {
            discard();
            generation++;
            throw new SandboxException(name + ": " + function + " trapped: " + t.getMessage() + stderr.describe(), t);
        } finally {
            if (timer != null) {
                timer.cancel(false);
                inst.clearInterrupt();
            }
        }
    }

    /**
     * Limits how long one call into the library may run: past {@code timeout} it is interrupted
     * (a {@link SandboxException} whose trap is {@code INTERRUPTED}) and the instance discarded.
     * Null removes the limit. stb_image, for one, loops forever on some damaged files.
     */
    void callTimeout(Duration timeout) {
        this.callTimeout = timeout;
    }

    /** A 32-bit address as the i32 argument Wasm takes. */
    private static Integer address(long a) {
        if (a < 0 || a > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a 32-bit address: " + a);
        }
        return (int) a;
    }

    @Override
    long malloc(long size) {
        if (size < 0 || size > Integer.MAX_VALUE) {
            return 0;
        }
        return callPointer("malloc", (int) size);
    }

    @Override
    void free(long address) {
        release("free", address);
    }

    @Override
    void release(String function, long address) {
        if (instance != null && address != 0) {
            callVoid(function, address);
        }
    }

    @Override
    void write(long address, byte[] src, int offset, int length) {
        try {
            memory().write(address, src, offset, length);
        } catch (IndexOutOfBoundsException e) {
            throw new SandboxException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    byte[] read(long address, int length) {
        try {
            return memory().read(address, length);
        } catch (IndexOutOfBoundsException e) {
            throw new SandboxException(name + " returned a range outside its memory: " + e.getMessage(), e);
        }
    }

    @Override
    int readInt(long address) {
        try {
            return memory().readInt(address);
        } catch (IndexOutOfBoundsException e) {
            throw new SandboxException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    long readPointer(long address) {
        return Integer.toUnsignedLong(readInt(address));
    }

    @Override
    String readCString(long address, int maxBytes) {
        try {
            return memory().readCString(address, maxBytes);
        } catch (IndexOutOfBoundsException e) {
            throw new SandboxException(name + " returned a string outside its memory: " + e.getMessage(), e);
        }
    }

    @Override
    int callInt(String function, Object... args) {
        return (Integer) invoke(function, args)[0];
    }

    @Override
    long callPointer(String function, Object... args) {
        return Integer.toUnsignedLong((Integer) invoke(function, args)[0]);
    }

    @Override
    float callFloat(String function, Object... args) {
        return (Float) invoke(function, args)[0];
    }

    @Override
    void callVoid(String function, Object... args) {
        invoke(function, args);
    }

    @Override
    int generation() {
        return generation;
    }

    @Override
    String describe() {
        return "wasm " + name;
    }

    /** The instance now, or null if none is alive (for tests and diagnostics). */
    Instance currentInstance() {
        return instance;
    }

    /** Drops the instance and its WASI environment. */
    private void discard() {
        instance = null;
        functions.clear();
        if (wasi != null) {
            wasi.close();
            wasi = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        discard();
    }
}
