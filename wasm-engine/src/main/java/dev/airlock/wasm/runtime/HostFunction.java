package dev.airlock.wasm.runtime;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * A function the host provides for a module to import. Two forms:
 *
 * <ul>
 *   <li>{@link #of(FuncType, Implementation)}: a lambda over boxed values; simplest, allocates
 *       per call.</li>
 *   <li>{@link #wrap(FuncType, MethodHandle)}: a method handle over the unboxed JVM types of the
 *       Wasm signature (i32 {@code int}, i64 {@code long}, f32 {@code float}, f64
 *       {@code double}, funcref {@link FunctionInstance}, externref {@code Object}; the return type
 *       {@code void}, the single result's type, or {@code Object[]} for several results), optionally
 *       taking the calling {@link Instance} first; no boxing on the call path.</li>
 * </ul>
 *
 * <p>Whatever a host function throws reaches the Wasm caller's caller as a {@link Trap}: a
 * {@code Trap} (or other engine exception) unchanged, anything else wrapped in a trap of kind
 * {@link TrapKind#HOST_ERROR} whose cause is the original exception.
 */
public final class HostFunction {
    private static final MethodHandle CALL_BOXED;
    private static final MethodHandle TO_TRAP;
    private static final MethodHandle CHECK_RESULTS;
    private static final MethodHandle ENTER;
    private static final MethodHandle LEAVE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CALL_BOXED = lookup.findStatic(HostFunction.class, "callBoxed", MethodType.methodType(
                    Object.class, Implementation.class, FuncType.class, Object[].class, Instance.class, int.class));
            TO_TRAP = lookup.findStatic(HostFunction.class, "toTrap", MethodType.methodType(Throwable.class, Throwable.class));
            CHECK_RESULTS = lookup.findStatic(HostFunction.class, "checkResults",
                    MethodType.methodType(Object[].class, FuncType.class, Object[].class));
            ENTER = lookup.findStatic(HostFunction.class, "enter", MethodType.methodType(int.class, Instance.class, int.class));
            LEAVE = lookup.findStatic(HostFunction.class, "leave", MethodType.methodType(void.class, Instance.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The implementation of a host function over boxed values. */
    @FunctionalInterface
    public interface Implementation {
        /**
         * Runs the function.
         *
         * @param caller the instance that imported this function (its memory is the caller's memory)
         * @param args the arguments, boxed as {@link Global#get()} boxes values
         * @return the results boxed likewise; null or an empty array when the type has none
         * @throws Exception any failure, which becomes a trap
         */
        Object[] call(Instance caller, Object[] args) throws Exception;
    }

    /** The function's type. */
    private final FuncType type;
    /** The implementation adapted to the calling convention of {@link FunctionInstance}. */
    private final MethodHandle adapted;

    private HostFunction(FuncType type, MethodHandle adapted) {
        this.type = type.intern();
        this.adapted = adapted;
    }

    /** A host function of {@code type} implemented over boxed values. */
    public static HostFunction of(FuncType type, Implementation implementation) {
        Objects.requireNonNull(implementation);
        MethodType target = FunctionInstance.jvmType(type);
        MethodHandle h = MethodHandles.insertArguments(CALL_BOXED, 0, implementation, type.intern());
        h = h.asCollector(0, Object[].class, type.paramCount());
        return new HostFunction(type, h.asType(target));
    }

    /**
     * A host function of {@code type} implemented by {@code target}, whose type must be the
     * unboxed JVM form of {@code type}, optionally with a leading {@link Instance} parameter that
     * receives the calling instance. For several results {@code target} returns them boxed in an
     * {@code Object[]}, which is checked.
     *
     * @throws IllegalArgumentException if {@code target}'s type does not match
     */
    public static HostFunction wrap(FuncType type, MethodHandle target) {
        MethodType full = FunctionInstance.jvmType(type);
        int n = type.paramCount();
        MethodType plain = full.dropParameterTypes(n, n + 2);
        MethodHandle h;
        if (target.type().equals(plain)) {
            h = MethodHandles.dropArguments(target, n, Instance.class, int.class);
        } else if (target.type().equals(plain.insertParameterTypes(0, Instance.class))) {
            int[] order = new int[n + 1];
            order[0] = n;
            for (int i = 0; i < n; i++) {
                order[i + 1] = i;
            }
            h = MethodHandles.permuteArguments(target, plain.appendParameterTypes(Instance.class), order);
            h = MethodHandles.dropArguments(h, n + 1, int.class);
        } else {
            throw new IllegalArgumentException("host function handle has type " + target.type() + "; expected "
                    + plain + " or " + plain.insertParameterTypes(0, Instance.class) + " for " + type);
        }
        if (type.resultCount() > 1) {
            h = MethodHandles.filterReturnValue(h, CHECK_RESULTS.bindTo(type.intern()));
        }
        h = trackHostCall(h, full);
        MethodHandle rethrow = MethodHandles.filterArguments(
                MethodHandles.throwException(full.returnType(), Throwable.class), 0, TO_TRAP);
        MethodHandle handler = MethodHandles.dropArguments(rethrow, 1, full.parameterList());
        return new HostFunction(type, MethodHandles.catchException(h, Throwable.class, handler));
    }

    /**
     * Wraps {@code h} (of type {@code full}: parameters, then the calling instance and the depth
     * budget) so that the caller's {@code hostCallDepth} holds the budget while it runs: what
     * {@link #callBoxed} does in Java, as method handle combinators.
     */
    private static MethodHandle trackHostCall(MethodHandle h, MethodType full) {
        int n = full.parameterCount() - 2;
        // enter(caller, depth) -> saved, computed from the last two arguments and passed first.
        MethodHandle enter = MethodHandles.dropArguments(ENTER, 0, full.parameterList().subList(0, n));
        MethodHandle body = MethodHandles.dropArguments(h, 0, int.class);
        // cleanup(Throwable, [result], saved, args..., caller, depth) -> result
        boolean isVoid = full.returnType() == void.class;
        MethodHandle leave = MethodHandles.dropArguments(LEAVE, 1, full.parameterList().subList(0, n));
        // leave now takes (caller?, ...): reorder to (saved, args..., caller, depth)
        MethodType cleanupArgs = full.insertParameterTypes(0, int.class).changeReturnType(void.class);
        int[] order = new int[n + 2];
        order[0] = n + 1; // caller
        for (int i = 0; i < n; i++) {
            order[i + 1] = i + 1;
        }
        order[n + 1] = 0; // saved
        MethodHandle restore = MethodHandles.permuteArguments(leave, cleanupArgs, order);
        MethodHandle cleanup;
        if (isVoid) {
            cleanup = MethodHandles.dropArguments(restore, 0, Throwable.class);
        } else {
            MethodHandle identity = MethodHandles.identity(full.returnType());
            MethodHandle keep = MethodHandles.dropArguments(identity, 1, cleanupArgs.parameterList());
            cleanup = MethodHandles.foldArguments(keep, 1, restore);
            cleanup = MethodHandles.dropArguments(cleanup, 0, Throwable.class);
        }
        MethodHandle guarded = MethodHandles.tryFinally(body, cleanup);
        return MethodHandles.foldArguments(guarded, 0, enter);
    }

    /** The function's type. */
    public FuncType type() {
        return type;
    }

    /** This function as imported by {@code importer} (which its calls will receive as caller). */
    FunctionInstance bind(Instance importer, String name) {
        return new FunctionInstance(type, adapted, importer, name);
    }

    /**
     * This function as a function of {@code instance}: what the instance would get by importing
     * it. Its calls receive {@code instance} as caller (so the function sees that instance's
     * memory) and keep its host-call state, as calls of an import do. Use it to place a host
     * function where a Wasm instance calls it indirectly, e.g. in a slot of the instance's
     * exported table ({@link Table#set}): the host callbacks of a sandboxed library.
     *
     * @param name a name for messages (e.g. the callback's name)
     */
    public FunctionInstance asFunctionOf(Instance instance, String name) {
        return bind(Objects.requireNonNull(instance, "instance"), Objects.requireNonNull(name, "name"));
    }

    /** A callable function instance not tied to any importing instance (caller is null). */
    public FunctionInstance toFunctionInstance(String name) {
        return new FunctionInstance(type, adapted, null, name);
    }

    private static Object callBoxed(Implementation impl, FuncType type, Object[] args, Instance caller, int depth)
            throws Throwable {
        int saved = enter(caller, depth);
        Object[] results;
        try {
            results = impl.call(caller, args);
        } catch (Throwable t) {
            throw toTrap(t);
        } finally {
            leave(caller, saved);
        }
        if (results == null) {
            results = new Object[0];
        }
        checkResults(type, results);
        int n = type.resultCount();
        if (n == 0) {
            return null;
        }
        return n == 1 ? results[0] : results;
    }

    /** Records that {@code caller}'s code is in a host call with {@code depth} budget; returns the previous state. */
    private static int enter(Instance caller, int depth) {
        if (caller == null) {
            return Instance.NO_HOST_CALL;
        }
        int saved = caller.hostCallDepth;
        caller.hostCallDepth = depth;
        return saved;
    }

    /** Restores {@code caller}'s host-call state. */
    private static void leave(Instance caller, int saved) {
        if (caller != null) {
            caller.hostCallDepth = saved;
        }
    }

    /** Checks the count and types of a host function's results; returns them. */
    private static Object[] checkResults(FuncType type, Object[] results) {
        int n = type.resultCount();
        if (results == null || results.length != n) {
            throw new Trap(TrapKind.HOST_ERROR, "host function returned " + (results == null ? "null" : results.length
                    + " results") + "; its type " + type + " has " + n);
        }
        try {
            for (int i = 0; i < n; i++) {
                Values.check(type.result(i), results[i]);
            }
        } catch (IllegalArgumentException e) {
            throw new Trap(TrapKind.HOST_ERROR, "host function result: " + e.getMessage(), e);
        }
        return results;
    }

    /** What a host exception becomes when it crosses back into Wasm: traps pass, the rest is wrapped. */
    private static Throwable toTrap(Throwable t) {
        if (t instanceof Trap) {
            return t;
        }
        if (t instanceof StackOverflowError) {
            return new Trap(TrapKind.CALL_STACK_EXHAUSTED, "the JVM thread's stack ran out in a host function");
        }
        return new Trap(TrapKind.HOST_ERROR, describe(t), t);
    }

    /** {@code t.toString()}, or its class name if even that fails. */
    private static String describe(Throwable t) {
        try {
            return t.toString();
        } catch (RuntimeException | Error e) {
            return t.getClass().getName();
        }
    }
}
