package dev.airlock.wasm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.compile.CompilerOptions;
import dev.airlock.wasm.testing.WasmBuilder;
import java.util.concurrent.atomic.AtomicReference;
import org.opentest4j.AssertionFailedError;

/**
 * Shared helpers of the robustness tests of the runtime: instantiation shorthands, trap
 * assertions that report any other throwable as a failure (with the throwable as cause), running
 * a body on a thread of a chosen stack size, and the opcodes the tests assemble (spec 5.4).
 */
final class RobustnessSupport {
    static final ValType I32 = ValType.I32;
    static final ValType I64 = ValType.I64;
    static final ValType F32 = ValType.F32;
    static final ValType F64 = ValType.F64;
    static final ValType[] NONE = {};

    // Control (5.4.1)
    static final int UNREACHABLE = 0x00;
    static final int BLOCK = 0x02;
    static final int LOOP = 0x03;
    static final int IF = 0x04;
    static final int ELSE = 0x05;
    static final int BR = 0x0C;
    static final int CALL = 0x10;
    static final int CALL_INDIRECT = 0x11;
    static final int DROP = 0x1A;
    // Variables (5.4.4)
    static final int LOCAL_GET = 0x20;
    static final int GLOBAL_GET = 0x23;
    static final int GLOBAL_SET = 0x24;
    // Tables (5.4.5)
    static final int TABLE_GET = 0x25;
    static final int TABLE_SET = 0x26;
    // Memory (5.4.6)
    static final int I32_LOAD = 0x28;
    static final int I32_STORE = 0x36;
    static final int MEMORY_SIZE = 0x3F;
    static final int MEMORY_GROW = 0x40;
    // Numeric (5.4.7)
    static final int I32_EQZ = 0x45;
    static final int I32_ADD = 0x6A;
    static final int I32_SUB = 0x6B;
    // 0xFC sub-opcodes
    static final int MEMORY_INIT = 8;
    static final int MEMORY_COPY = 10;
    static final int MEMORY_FILL = 11;
    static final int TABLE_GROW = 15;
    static final int TABLE_FILL = 17;

    private RobustnessSupport() {
    }

    /** Options that split every function with a block, loop or if into several JVM methods (regions). */
    static final CompilerOptions SPLIT = CompilerOptions.defaults().withMethodBudget(1);

    /** Compiles {@code b}, with every function split into regions if {@code split}, checking that some were. */
    static WasmModule compile(WasmBuilder b, boolean split) {
        if (!split) {
            return WasmModule.compile(b.build(), CompilerOptions.defaults().withMethodBudget(CompilerOptions.DEFAULT_METHOD_BUDGET));
        }
        WasmModule module = WasmModule.compile(b.build(), SPLIT);
        if (module.statistics().splitFunctions() == 0) {
            fail("no function was split: " + module.statistics());
        }
        return module;
    }

    static Instance instantiate(WasmBuilder b) {
        return WasmModule.compile(b.build()).instantiate();
    }

    static Instance instantiate(WasmBuilder b, InstanceConfig config) {
        return WasmModule.compile(b.build()).instantiate(new Imports(), config);
    }

    static Instance instantiate(WasmBuilder b, Imports imports) {
        return WasmModule.compile(b.build()).instantiate(imports);
    }

    static ValType[] types(ValType... t) {
        return t;
    }

    /** Something that may throw anything. */
    @FunctionalInterface
    interface Call {
        Object run() throws Throwable;
    }

    /**
     * Runs {@code call} and returns the trap it raised; fails if it returned, and fails (with the
     * throwable as cause) if anything other than a {@link Trap} escaped.
     */
    static Trap trapOf(Call call) {
        Object result;
        try {
            result = call.run();
        } catch (Trap t) {
            return t;
        } catch (Throwable t) {
            throw new AssertionFailedError("expected a Trap, but " + t + " escaped", t);
        }
        throw new AssertionFailedError("expected a Trap, but the call returned " + describe(result));
    }

    /** Like {@link #trapOf}, and checks the kind. */
    static Trap assertTrap(TrapKind kind, Call call) {
        Trap trap = trapOf(call);
        if (trap.kind() != kind) {
            throw new AssertionFailedError("expected a Trap of kind " + kind + ", got " + trap.kind() + " (" + trap.getMessage()
                    + ")", kind, trap.kind(), trap);
        }
        return trap;
    }

    /** Calls {@code f}, failing (with the throwable as cause) if anything, a trap included, is thrown. */
    static Object[] callOk(FunctionInstance f, Object... args) {
        try {
            return f.call(args);
        } catch (Throwable t) {
            throw new AssertionFailedError("call of " + f.name() + " threw " + t, t);
        }
    }

    /** The single result of calling {@code f}, which must not throw. */
    static Object call1(FunctionInstance f, Object... args) {
        Object[] r = callOk(f, args);
        assertEquals(1, r.length, "result count of " + f.name());
        return r[0];
    }

    /**
     * Calls {@code f} and returns its results, or null if it trapped; fails if anything other than
     * a Trap is thrown.
     */
    static Object[] callOrTrap(FunctionInstance f, Object... args) {
        try {
            return f.call(args);
        } catch (Trap t) {
            return null;
        } catch (Throwable t) {
            throw new AssertionFailedError("call of " + f.name() + " threw " + t + "; only Trap may escape", t);
        }
    }

    private static String describe(Object result) {
        if (result instanceof Object[]) {
            return java.util.Arrays.deepToString((Object[]) result);
        }
        return String.valueOf(result);
    }

    /** Something to run on another thread. */
    @FunctionalInterface
    interface Body {
        void run() throws Throwable;
    }

    /**
     * Runs {@code body} on a new thread with the given stack size, waits for it, and rethrows
     * whatever it threw (assertion failures included).
     */
    static void onThread(long stackSize, Body body) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "robustness-" + (stackSize >> 10) + "k", stackSize);
        t.setDaemon(true);
        t.start();
        t.join(60_000);
        if (t.isAlive()) {
            fail("thread with a " + (stackSize >> 10) + " KiB stack did not finish in 60 s");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
