package dev.airlock.wasm.runtime;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.ValType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * A function (spec 4.2.6 "Function Instances"): a Wasm function of some instance or a host
 * function. This is also the run-time value of a non-null {@code funcref}.
 *
 * <p>Calling convention. {@link #handle} has the JVM type
 * {@code (P1 .. Pn, Instance, int) R}: the Wasm parameters in their JVM representation (see
 * {@link ValType}), then the instance the function runs in ({@link #instance}), then the remaining
 * call-depth budget. {@code R} is {@code void} for no result, the result's JVM type for one, and
 * {@code Object[]} (boxed values) for several. Generated code calls imported functions and
 * {@code call_indirect} targets through this handle with {@code invokeExact}, after checking
 * {@link #type} by reference (types are {@linkplain FuncType#intern() interned}).
 */
public final class FunctionInstance {
    /** The function's type, interned. */
    final FuncType type;
    /** The implementation; see the class comment for its JVM type. */
    final MethodHandle handle;
    /** The instance passed to {@link #handle}: the owner of a Wasm function, the importer of a host function. */
    final Instance instance;
    /** A name for messages: the export or import name, or {@code func[i]}. */
    private final String name;
    /** {@link #invoker()}, built on first use. */
    private MethodHandle invoker;

    FunctionInstance(FuncType type, MethodHandle handle, Instance instance, String name) {
        this.type = type.intern();
        this.handle = Objects.requireNonNull(handle);
        this.instance = instance;
        this.name = name;
        MethodType expected = jvmType(type);
        if (!handle.type().equals(expected)) {
            throw new IllegalArgumentException("handle type " + handle.type() + " does not match " + expected + " for " + type);
        }
    }

    /** The function's type. */
    public FuncType type() {
        return type;
    }

    /** A name for messages. */
    public String name() {
        return name;
    }

    /**
     * Calls the function with boxed arguments ({@code Integer}, {@code Long}, {@code Float},
     * {@code Double}, references) and returns its results boxed the same way. This is the generic,
     * convenient entry point; it costs a few allocations per call. It runs through
     * {@link #invoker()}, so both entry points give the same guarantees.
     *
     * @throws IllegalArgumentException if the arguments do not match the function's type
     * @throws Trap if execution traps; nothing else is thrown by the Wasm code
     */
    public Object[] call(Object... args) {
        if (args.length != type.paramCount()) {
            throw new IllegalArgumentException(name + " takes " + type.paramCount() + " arguments, got " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            Values.check(type.param(i), args[i]);
        }
        Object result;
        try {
            result = invoker().invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            // The invoker converts every checked exception; this is unreachable in practice.
            throw new Trap(TrapKind.HOST_ERROR, t.toString(), t);
        }
        if (type.resultCount() == 0) {
            return new Object[0];
        }
        if (type.resultCount() == 1) {
            return new Object[] {result};
        }
        return (Object[]) result;
    }

    /**
     * The typed entry point of this function: a method handle of type {@code (P1 .. Pn) R}
     * (parameters and result in their JVM representation, see {@link #jvmType}; {@code R} is
     * {@code void}, the single result's type, or {@code Object[]} for several results) with this
     * function's instance and call-depth budget bound. Call it with {@code invokeExact}; kept in
     * a constant (a {@code static final} field, or class data of a hidden class), it is inlined by
     * the JIT with no boxing on the way.
     *
     * <p>It gives the guarantees of {@link #call}: only a {@link Trap} leaves it for a failure in
     * Wasm (a JVM stack overflow becomes {@code call stack exhausted}, an allocation failure
     * {@code resource exhausted}); the instance's host-call state is saved and restored, so a
     * host function may re-enter its instance through it and continues with the remaining depth
     * budget; and an {@code interrupted} trap that leaves the outermost call withdraws the
     * interrupt request. The same handle is returned on every call.
     */
    public MethodHandle invoker() {
        MethodHandle h = invoker;
        if (h == null) {
            // A benign race: two threads may build equivalent handles; either may be kept.
            h = Invokers.create(this);
            invoker = h;
        }
        return h;
    }

    /** The JVM type of {@link #handle} for functions of type {@code type}. */
    public static MethodType jvmType(FuncType type) {
        Class<?>[] params = new Class<?>[type.paramCount() + 2];
        for (int i = 0; i < type.paramCount(); i++) {
            params[i] = jvmClass(type.param(i));
        }
        params[type.paramCount()] = Instance.class;
        params[type.paramCount() + 1] = int.class;
        return MethodType.methodType(jvmReturnClass(type), params);
    }

    /** The JVM return type for functions of type {@code type}. */
    public static Class<?> jvmReturnClass(FuncType type) {
        switch (type.resultCount()) {
            case 0: return void.class;
            case 1: return jvmClass(type.result(0));
            default: return Object[].class;
        }
    }

    /** The JVM class that represents values of {@code t}. */
    public static Class<?> jvmClass(ValType t) {
        switch (t) {
            case I32: return int.class;
            case I64: return long.class;
            case F32: return float.class;
            case F64: return double.class;
            case FUNCREF: return FunctionInstance.class;
            case EXTERNREF: return Object.class;
            default: throw new IllegalArgumentException("unsupported value type " + t);
        }
    }

    @Override
    public String toString() {
        return "function " + name + " " + type;
    }
}
