package dev.airlock.sandbox;

import dev.airlock.taint.SandboxMemory;
import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.LinkException;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.runtime.FunctionInstance;
import dev.airlock.wasm.runtime.HostFunction;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.runtime.InstanceConfig;
import dev.airlock.wasm.runtime.Memory;
import dev.airlock.wasm.runtime.Table;
import dev.airlock.wasm.wasi.Wasi;
import dev.airlock.wasm.wasi.WasiConfig;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * The isolated backend: one instance of the library's Wasm module, linked with WASI preview1
 * (granting what the sandbox's {@link WasiConfig} grants: nothing by default) and initialised
 * (a reactor's {@code _initialize}) when the sandbox is created.
 *
 * <p>Limits are the engine's: the memory cap ({@link InstanceConfig#withMaxMemoryPages}), the call
 * depth ({@link InstanceConfig#withMaxCallDepth}) and the per-call deadline
 * (a {@link DeadlineWatchdog} watch, armed around each outermost call). Bound functions are called
 * through {@link FunctionInstance#invoker()}; callbacks go into free slots of the module's exported
 * function table as host functions of this instance ({@link HostFunction#asFunctionOf}).
 */
final class WasmBackend extends Backend {
    /** The name wasm-ld gives the function table it exports with {@code --export-table}. */
    static final String TABLE_EXPORT = "__indirect_function_table";

    private final Instance instance;
    private final Wasi wasi;
    private final WasmMemory memory;
    /** The exported function table, or null if the module exports none (no callbacks then). */
    private final Table table;
    /** Table slots this backend added and that are free again. */
    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    /** {@code malloc: (i32) -> i32} and {@code free: (i32) -> ()}, or null if not exported. */
    private final MethodHandle malloc;
    private final MethodHandle free;
    /** The per-call deadline's watch, or null for none; unregistered on release. */
    private final DeadlineWatchdog.Watch deadline;

    private WasmBackend(CallGate gate, Instance instance, Wasi wasi, WasmMemory memory, DeadlineWatchdog.Watch deadline) {
        super(gate);
        this.deadline = deadline;
        this.instance = instance;
        this.wasi = wasi;
        this.memory = memory;
        this.table = findTable(instance);
        this.malloc = allocator(instance, "malloc", FuncType.of(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}));
        this.free = allocator(instance, "free", FuncType.of(new ValType[] {ValType.I32}, new ValType[0]));
    }

    /**
     * Instantiates the library for a new sandbox and runs its {@code _initialize}.
     *
     * @throws SandboxException if the module needs imports other than WASI, has no memory, or
     *     traps while it is instantiated or initialised
     */
    static WasmBackend open(WasmSandboxLibrary library, SandboxConfig config, Object owner) {
        InstanceConfig limits = InstanceConfig.DEFAULT.withMaxCallDepth(config.callDepth())
                .withMaxMemoryPages(config.memoryPages());
        Wasi wasi = new Wasi(config.wasi() != null ? config.wasi() : WasiConfig.builder().build());
        Instance instance;
        try {
            instance = library.module.instantiate(wasi.addTo(new Imports()), limits);
        } catch (LinkException e) {
            wasi.close();
            throw new SandboxException(config.name() + ": cannot instantiate " + library.name() + ": " + e.getMessage()
                    + " (a sandboxed library may import WASI preview1 only)", e);
        } catch (Trap | IllegalArgumentException e) {
            wasi.close();
            throw new SandboxException(config.name() + ": cannot instantiate " + library.name() + ": " + e.getMessage(), e);
        }
        if (instance.memory() == null) {
            wasi.close();
            throw new SandboxException(config.name() + ": " + library.name() + " has no memory; it is not a C library");
        }
        Duration deadline = config.callDeadline();
        ScheduledFuture<?> timer = deadline != null ? instance.interruptAfter(deadline) : null;
        try {
            wasi.initialize(instance);
        } catch (Trap e) {
            wasi.close();
            throw new SandboxException(config.name() + ": " + library.name() + "'s _initialize failed: " + e.getMessage(), e);
        } finally {
            if (timer != null) {
                timer.cancel(false);
                instance.clearInterrupt();
            }
        }
        DeadlineWatchdog.Watch watch = deadline != null ? DeadlineWatchdog.register(instance, deadline) : null;
        CallGate gate = new CallGate(config.name(), watch);
        return new WasmBackend(gate, instance, wasi, new WasmMemory(owner, config.name(), instance.memory()), watch);
    }

    /** The exported function table: {@value #TABLE_EXPORT}, or the only exported funcref table. */
    private static Table findTable(Instance instance) {
        Object named = instance.exports().get(TABLE_EXPORT);
        if (named instanceof Table && ((Table) named).elementType() == ValType.FUNCREF) {
            return (Table) named;
        }
        Table only = null;
        for (Object e : instance.exports().values()) {
            if (e instanceof Table && ((Table) e).elementType() == ValType.FUNCREF) {
                if (only != null) {
                    return null;
                }
                only = (Table) e;
            }
        }
        return only;
    }

    private static MethodHandle allocator(Instance instance, String name, FuncType type) {
        Object e = instance.exports().get(name);
        if (e instanceof FunctionInstance && ((FunctionInstance) e).type().equals(type)) {
            return ((FunctionInstance) e).invoker();
        }
        return null;
    }

    @Override
    SandboxMemory memory() {
        return memory;
    }

    @Override
    int pointerSize() {
        return 4;
    }

    @Override
    Object resolve(MethodShape shape) {
        String symbol = shape.symbol();
        Object export = instance.exports().get(symbol);
        String method = MethodShape.describe(shape.method());
        if (export == null) {
            throw new BindingException(method + ": the library exports no function \"" + symbol + "\"; its functions are "
                    + exportedFunctions() + (shape.method().isAnnotationPresent(Symbol.class) ? ""
                            : " (use @Symbol if the C name differs from the method's)"));
        }
        if (!(export instanceof FunctionInstance)) {
            throw new BindingException(method + ": the export \"" + symbol + "\" is not a function");
        }
        FunctionInstance f = (FunctionInstance) export;
        FuncType expected = expectedType(shape);
        if (!f.type().equals(expected)) {
            throw new BindingException(method + " does not match the Wasm function \"" + symbol + "\": its type is "
                    + f.type() + ", the Java signature means " + expected
                    + " (int, boolean, byte, short, char, pointers, callbacks and @SizeT long are i32; long is i64)");
        }
        return f.invoker();
    }

    /** The Wasm type a method of {@code shape} binds to in wasm32. */
    static FuncType expectedType(MethodShape shape) {
        ValType[] params = new ValType[shape.params().length];
        for (int i = 0; i < params.length; i++) {
            params[i] = shape.params()[i].wasmType();
        }
        ValType r = shape.result().wasmType();
        return FuncType.of(params, r == null ? new ValType[0] : new ValType[] {r});
    }

    private List<String> exportedFunctions() {
        List<String> names = new ArrayList<>();
        instance.exports().forEach((name, value) -> {
            if (value instanceof FunctionInstance) {
                names.add(name);
            }
        });
        return names;
    }

    @Override
    BindingGenerator.CallStyle callStyle() {
        return BindingGenerator.CallStyle.METHOD_HANDLE;
    }

    @Override
    long install(CallbackSlot slot) {
        if (table == null) {
            throw new CallbackException(gate.name() + ": the library exports no function table, so it cannot call host"
                    + " callbacks; link it with -Wl,--export-table -Wl,--growable-table");
        }
        Integer reused = freeSlots.poll();
        int index;
        if (reused != null) {
            index = reused;
        } else {
            index = table.grow(1, null);
            if (index < 0) {
                throw new CallbackException(gate.name() + ": the library's function table cannot grow to take another"
                        + " callback; link it with -Wl,--growable-table");
            }
        }
        MethodHandle adapter = CallbackAdapters.adapter(slot.type, slot.shape, 4).bindTo(slot);
        FuncType type = expectedType(slot.shape);
        FunctionInstance f = HostFunction.wrap(type, adapter).asFunctionOf(instance, "callback " + slot.type.getSimpleName());
        table.set(index, f);
        slot.installed = index;
        return index;
    }

    @Override
    void uninstall(CallbackSlot slot) {
        int index = (Integer) slot.installed;
        table.set(index, null);
        freeSlots.push(index);
    }

    @Override
    long malloc(long size) {
        if (malloc == null) {
            throw new SandboxAllocationException(gate.name() + ": the library does not export malloc (i32) -> i32;"
                    + " link it with -Wl,--export=malloc -Wl,--export=free");
        }
        if (size < 0 || size > 0xFFFF_FFFFL) {
            throw new SandboxAllocationException(gate.name() + ": cannot allocate " + Long.toUnsignedString(size)
                    + " bytes: more than a wasm32 address space");
        }
        gate.enter("malloc");
        int address;
        try {
            address = (int) malloc.invokeExact((int) size);
        } catch (Throwable t) {
            throw gate.failed(t, null, "malloc");
        }
        gate.exit(null, "malloc");
        return Integer.toUnsignedLong(address);
    }

    @Override
    void free(long address) {
        if (free == null) {
            throw new SandboxAllocationException(gate.name() + ": the library does not export free (i32) -> ()");
        }
        gate.enter("free");
        try {
            free.invokeExact((int) address);
        } catch (Throwable t) {
            throw gate.failed(t, null, "free");
        }
        gate.exit(null, "free");
    }

    @Override
    boolean interrupt() {
        instance.interrupt();
        return true;
    }

    @Override
    List<String> unenforcedLimits(SandboxConfig config) {
        return List.of();
    }

    @Override
    void release() {
        if (deadline != null) {
            DeadlineWatchdog.unregister(deadline);
        }
        wasi.close();
        memory.release();
    }

    /** The instance's memory (tests). */
    Memory linearMemory() {
        return instance.memory();
    }
}
