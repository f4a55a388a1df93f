package dev.airlock.wasm.runtime;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Builds the typed entry points of {@link FunctionInstance#invoker()}: the function's handle with
 * its instance and depth budget supplied, wrapped in the guarantees every call from the host gets.
 *
 * <p>Built from {@link MethodHandles} combinators rather than written as Java, because the
 * parameter and return types vary with the function: an embedder that keeps the result in a
 * constant (a {@code static final} field, or class data of a hidden class) and calls it with
 * {@code invokeExact} gets all of it inlined by the JIT, with no boxing and no array.
 *
 * <p>The shape, for a function of an instance {@code owner} (pseudo-Java):
 * <pre>{@code
 * R invoke(P1 a1, ..., Pn an) {
 *     int saved = owner.hostCallDepth;                       // SAVE
 *     try {
 *         return handle(a1, ..., an, owner, depth(max, saved));   // DEPTH
 *     } finally {
 *         exit(owner, saved, thrown);                        // EXIT: restore, convert, rethrow
 *     }
 * }
 * }</pre>
 */
final class Invokers {
    /**
     * {@code (int max, int saved) int}: the depth budget of a call that enters from the host — the
     * configured depth, or, from a host function the instance's code called, that call's
     * remaining budget (so recursion through the host stays bounded by the configuration).
     */
    private static final MethodHandle DEPTH;
    /** {@code (Instance) int}: the instance's host-call state before the call. */
    private static final MethodHandle SAVE;
    /** {@code (Instance, int saved, Throwable) void}: restores the state; converts and throws a failure. */
    private static final MethodHandle EXIT;
    /** {@code (Throwable) Throwable}: the conversion alone, for functions without an instance. */
    private static final MethodHandle CONVERT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DEPTH = lookup.findStatic(Invokers.class, "depth", MethodType.methodType(int.class, int.class, int.class));
            SAVE = lookup.findStatic(Invokers.class, "save", MethodType.methodType(int.class, Instance.class));
            EXIT = lookup.findStatic(Invokers.class, "exit",
                    MethodType.methodType(void.class, Instance.class, int.class, Throwable.class));
            CONVERT = lookup.findStatic(Invokers.class, "convert", MethodType.methodType(Throwable.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Invokers() {
    }

    /** The entry point of {@code f}; see the class comment. */
    static MethodHandle create(FunctionInstance f) {
        MethodType full = f.handle.type();
        int n = full.parameterCount() - 2;
        List<Class<?>> params = full.parameterList().subList(0, n);
        Class<?> r = full.returnType();
        Instance owner = f.instance;
        if (owner == null) {
            // A host function not imported by any instance: no host-call state to keep.
            MethodHandle body = MethodHandles.insertArguments(f.handle, n, null, Instance.DEFAULT_MAX_CALL_DEPTH);
            MethodHandle rethrow = MethodHandles.filterArguments(MethodHandles.throwException(r, Throwable.class), 0, CONVERT);
            return MethodHandles.catchException(body, Throwable.class, MethodHandles.dropArguments(rethrow, 1, params));
        }
        // (P..., int depth) R  ->  (P..., int saved) R  ->  (int saved, P...) R
        MethodHandle body = MethodHandles.insertArguments(f.handle, n, owner);
        body = MethodHandles.filterArguments(body, n, MethodHandles.insertArguments(DEPTH, 0, owner.config.maxCallDepth()));
        int[] order = new int[n + 1];
        for (int i = 0; i < n; i++) {
            order[i] = i + 1;
        }
        order[n] = 0;
        body = MethodHandles.permuteArguments(body, MethodType.methodType(r, int.class).appendParameterTypes(params), order);
        // exit(owner, saved, thrown) as (Throwable, int saved) void
        MethodHandle exit = MethodHandles.permuteArguments(MethodHandles.insertArguments(EXIT, 0, owner),
                MethodType.methodType(void.class, Throwable.class, int.class), 1, 0);
        MethodHandle cleanup;
        if (r == void.class) {
            cleanup = MethodHandles.dropArguments(exit, 2, params);                       // (Throwable, int, P...) void
        } else {
            MethodHandle keep = MethodHandles.dropArguments(MethodHandles.identity(r), 0, Throwable.class);
            keep = MethodHandles.dropArguments(keep, 2, int.class);                        // (Throwable, R, int) R
            cleanup = MethodHandles.foldArguments(keep, MethodHandles.dropArguments(exit, 1, r));
            cleanup = MethodHandles.dropArguments(cleanup, 3, params);                    // (Throwable, R, int, P...) R
        }
        MethodHandle guarded = MethodHandles.tryFinally(body, cleanup);                    // (int saved, P...) R
        return MethodHandles.foldArguments(guarded, 0, SAVE.bindTo(owner));               // (P...) R
    }

    private static int depth(int max, int saved) {
        return saved != Instance.NO_HOST_CALL ? saved : max;
    }

    private static int save(Instance owner) {
        return owner.hostCallDepth;
    }

    /**
     * Leaves a call from the host: the instance's host-call state is restored (a trap that
     * unwound through a host function must not leave that function's budget behind), and a
     * failure is converted and thrown. An {@code interrupted} trap leaving the outermost call
     * withdraws the request, which has been acted on (see {@link Interruption}).
     */
    private static void exit(Instance owner, int saved, Throwable thrown) throws Throwable {
        owner.hostCallDepth = saved;
        if (thrown != null) {
            Throwable t = convert(thrown);
            if (t instanceof Trap && ((Trap) t).kind() == TrapKind.INTERRUPTED && saved == Instance.NO_HOST_CALL) {
                owner.interruption.clear();
            }
            throw t;
        }
    }

    /**
     * What may leave a call into Wasm: traps and the engine's unchecked exceptions unchanged; a
     * JVM stack overflow as {@code call stack exhausted}; an allocation failure as
     * {@code resource exhausted}; a checked exception (from a host function called directly) as
     * {@code host function failed}.
     */
    static Throwable convert(Throwable t) {
        if (t instanceof Trap) {
            return t;
        }
        if (t instanceof StackOverflowError) {
            return new Trap(TrapKind.CALL_STACK_EXHAUSTED, "the JVM thread's stack ran out");
        }
        if (t instanceof OutOfMemoryError) {
            return new Trap(TrapKind.RESOURCE_EXHAUSTED, "out of memory", t);
        }
        if (t instanceof RuntimeException || t instanceof Error) {
            return t;
        }
        return new Trap(TrapKind.HOST_ERROR, t.toString(), t);
    }
}
