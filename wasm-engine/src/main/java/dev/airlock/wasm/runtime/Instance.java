package dev.airlock.wasm.runtime;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ScheduledFuture;

/**
 * A module instance (spec 4.2.5): the run-time state of one instantiation of a module — its
 * memory, tables, globals, functions and segments — and its exports. Created by
 * {@code WasmModule.instantiate}.
 *
 * <p>Generated code receives the instance as a parameter of every function and reads the
 * package-private fields below directly; nothing else of the host is reachable from it.
 *
 * <p>An instance runs one call at a time: calls from several threads at once must be serialised
 * by the embedder. {@link #interrupt()} is the exception; it may be called from any thread.
 */
public final class Instance {
    /** Depth budget of calls into a function that has no instance (unbound host functions). */
    static final int DEFAULT_MAX_CALL_DEPTH = InstanceConfig.DEFAULT_MAX_CALL_DEPTH;
    /** Value of {@link #hostCallDepth} while no host function called from this instance runs. */
    static final int NO_HOST_CALL = Integer.MIN_VALUE;

    private static final byte[] NO_BYTES = new byte[0];
    private static final Object[] NO_REFS = new Object[0];

    /** Memory 0, or null if the module has none. Read by generated code. */
    Memory memory;
    /** The tables, by table index. Read by generated code. */
    Table[] tables;
    /** The globals, by global index. Read by generated code. */
    Global[] globals;
    /**
     * The function index space: imports are filled in at instantiation, defined functions on first
     * use as a reference (see {@link #function(int)}). Read by generated code for calls to imports.
     */
    FunctionInstance[] functions;
    /** The module's types, interned, by type index; {@code call_indirect} compares against these. */
    FuncType[] types;
    /**
     * The result area: a function with several results returns them here (numbers as raw bits in
     * {@code results}, references in {@code resultRefs}), and its caller reads them right after the
     * call, so direct calls allocate nothing. Null when no type of the module has several results.
     */
    long[] results;
    /** See {@link #results}. */
    Object[] resultRefs;
    /** Data segments by index; a dropped segment is empty. Read by {@link MemoryOps}. */
    byte[][] data;
    /** Element segments, evaluated, by index; a dropped segment is empty. Read by {@link TableOps}. */
    Object[][] elements;
    /**
     * The request to stop, checked by generated code at function entry and on loop back-edges
     * (possibly shared with other instances).
     */
    final Interruption interruption;
    /**
     * The depth budget the innermost active call from this instance's code to a host function
     * received, or {@link #NO_HOST_CALL}. A call from that host function back into this instance
     * continues with this budget, so recursion through the host is bounded by the configuration too.
     */
    int hostCallDepth = NO_HOST_CALL;

    /** The decoded module this is an instance of. */
    final ModuleDefinition definition;
    /** For each defined function, the static method that implements it. */
    private final MethodHandle[] code;
    /** Limits. */
    final InstanceConfig config;
    /** The exports, by name, in module order. */
    private final Map<String, Object> exports = new LinkedHashMap<>();

    Instance(ModuleDefinition definition, MethodHandle[] code, InstanceConfig config) {
        this.definition = definition;
        this.code = code;
        this.config = config;
        this.interruption = config.interruption() != null ? config.interruption() : new Interruption();
    }

    /**
     * The function with index {@code index} as a reference: the import, or a function instance
     * of this instance's defined function (created once, then reused, so {@code ref.func} of the
     * same index always yields the same reference). Called by generated code for {@code ref.func}.
     */
    FunctionInstance function(int index) {
        FunctionInstance f = functions[index];
        if (f == null) {
            int defined = index - definition.importedFunctionCount();
            f = new FunctionInstance(types[definition.functionTypeIndex(index)], code[defined], this,
                    definition.functionName(index));
            functions[index] = f;
        }
        return f;
    }

    void addExport(String name, Object value) {
        exports.put(name, value);
    }

    void dropData(int index) {
        data[index] = NO_BYTES;
    }

    void dropElements(int index) {
        elements[index] = NO_REFS;
    }

    /** Every export by name: {@link FunctionInstance}, {@link Table}, {@link Memory} or {@link Global}. */
    public Map<String, Object> exports() {
        return Collections.unmodifiableMap(exports);
    }

    /**
     * The exported function {@code name}.
     *
     * @throws NoSuchElementException if there is no such export or it is not a function
     */
    public FunctionInstance function(String name) {
        return export(name, FunctionInstance.class, ExternKind.FUNCTION);
    }

    /** The exported memory {@code name}. */
    public Memory memory(String name) {
        return export(name, Memory.class, ExternKind.MEMORY);
    }

    /** The exported table {@code name}. */
    public Table table(String name) {
        return export(name, Table.class, ExternKind.TABLE);
    }

    /** The exported global {@code name}. */
    public Global global(String name) {
        return export(name, Global.class, ExternKind.GLOBAL);
    }

    /** Memory 0 (exported or not), or null if the module has no memory. */
    public Memory memory() {
        return memory;
    }

    /** Limits this instance was created with. */
    public InstanceConfig config() {
        return config;
    }

    /**
     * Asks the code running in this instance (and in the instances sharing its
     * {@link Interruption}) to stop: it traps with {@code interrupted} at the next function entry or
     * loop back-edge. If no code is running, the next call traps at its first check. Safe to call
     * from any thread.
     */
    public void interrupt() {
        interruption.interrupt();
    }

    /** Withdraws an interrupt request that no code has acted on yet. */
    public void clearInterrupt() {
        interruption.clear();
    }

    /**
     * Interrupts this instance after {@code delay}, from a shared timer thread. Cancel the returned
     * future when the work finished in time (otherwise a later call may be interrupted).
     */
    public ScheduledFuture<?> interruptAfter(Duration delay) {
        return interruption.interruptAfter(delay);
    }

    /** The interruption request this instance checks. */
    public Interruption interruption() {
        return interruption;
    }

    private <T> T export(String name, Class<T> type, ExternKind kind) {
        Object value = exports.get(name);
        if (value == null) {
            throw new NoSuchElementException("no export named \"" + name + "\"; exports are " + exports.keySet());
        }
        if (!type.isInstance(value)) {
            throw new NoSuchElementException("export \"" + name + "\" is not a " + kind);
        }
        return type.cast(value);
    }
}
