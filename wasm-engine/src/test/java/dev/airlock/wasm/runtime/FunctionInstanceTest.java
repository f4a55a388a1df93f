package dev.airlock.wasm.runtime;

import static dev.airlock.wasm.runtime.RobustnessSupport.CALL;
import static dev.airlock.wasm.runtime.RobustnessSupport.CALL_INDIRECT;
import static dev.airlock.wasm.runtime.RobustnessSupport.ELSE;
import static dev.airlock.wasm.runtime.RobustnessSupport.GLOBAL_GET;
import static dev.airlock.wasm.runtime.RobustnessSupport.GLOBAL_SET;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_ADD;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_EQZ;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_LOAD;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_STORE;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_SUB;
import static dev.airlock.wasm.runtime.RobustnessSupport.IF;
import static dev.airlock.wasm.runtime.RobustnessSupport.LOCAL_GET;
import static dev.airlock.wasm.runtime.RobustnessSupport.NONE;
import static dev.airlock.wasm.runtime.RobustnessSupport.assertTrap;
import static dev.airlock.wasm.runtime.RobustnessSupport.call1;
import static dev.airlock.wasm.runtime.RobustnessSupport.onThread;
import static dev.airlock.wasm.runtime.RobustnessSupport.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.testing.WasmBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls into Wasm through {@link FunctionInstance#call}: the call-depth budget and what happens
 * when recursion exhausts it or the JVM thread's stack.
 *
 * <p>The budget, read from the code: {@code FunctionInstance.call} passes
 * {@code config.maxCallDepth()} as the depth argument of the host's call (frame 1); every call
 * ({@code call}, {@code call_indirect}, a call of an import) passes {@code depth - 1}; a function
 * traps on entry when its depth argument is {@code <= 0}. So with {@code maxCallDepth = N}, frames
 * 1..N run and frame N+1 traps: a function that recurses {@code k} times (k + 1 frames) succeeds
 * for {@code k = N - 1} and traps for {@code k = N}, having entered exactly N frames.
 */
class FunctionInstanceTest {
    /** The configured depth of the exactness tests; deeper than the default, fits 16 MiB easily. */
    private static final int DEPTH = 30_000;

    /**
     * Exports:
     * <ul>
     *   <li>{@code rec(k)}: recurses k times directly, returns k; counts entries in global 0;</li>
     *   <li>{@code recIndirect(k)}: the same through {@code call_indirect} (table slot 0);</li>
     *   <li>{@code forever(k)}: recurses without end, storing k at address 0 and counting entries;</li>
     *   <li>{@code foreverIndirect(k)}: the same through {@code call_indirect} (table slot 1);</li>
     *   <li>{@code entryCount()} (also the mutable global export {@code entries}), {@code deepest()} (memory[0]), {@code answer()} = 42.</li>
     * </ul>
     */
    static WasmBuilder recursionModule() {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(types(I32), types(I32));
        int tNone = b.type(NONE, types(I32));
        b.memory(1, -1);
        b.table(ValType.FUNCREF, 2, -1);
        int counter = b.global(I32, true, WasmBuilder.Code.expression().i32Const(0));

        WasmBuilder.Code rec = b.function(t);
        countEntry(rec, counter);
        rec.op(LOCAL_GET, 0).op(I32_EQZ).block(IF, I32)
                .i32Const(0)
                .op(ELSE)
                .op(LOCAL_GET, 0).i32Const(1).op(I32_SUB).op(CALL, rec.functionIndex).i32Const(1).op(I32_ADD)
                .end().end();

        WasmBuilder.Code recIndirect = b.function(t);
        countEntry(recIndirect, counter);
        recIndirect.op(LOCAL_GET, 0).op(I32_EQZ).block(IF, I32)
                .i32Const(0)
                .op(ELSE)
                .op(LOCAL_GET, 0).i32Const(1).op(I32_SUB).i32Const(0).op(CALL_INDIRECT, t).op(0x00 /* table 0 */)
                .i32Const(1).op(I32_ADD)
                .end().end();

        WasmBuilder.Code forever = b.function(t);
        countEntry(forever, counter);
        forever.i32Const(0).op(LOCAL_GET, 0).mem(I32_STORE, 2, 0)
                .op(LOCAL_GET, 0).i32Const(1).op(I32_ADD).op(CALL, forever.functionIndex).i32Const(1).op(I32_ADD)
                .end();

        WasmBuilder.Code foreverIndirect = b.function(t);
        countEntry(foreverIndirect, counter);
        foreverIndirect.i32Const(0).op(LOCAL_GET, 0).mem(I32_STORE, 2, 0)
                .op(LOCAL_GET, 0).i32Const(1).op(I32_ADD).i32Const(1).op(CALL_INDIRECT, t).op(0x00 /* table 0 */)
                .i32Const(1).op(I32_ADD)
                .end();

        WasmBuilder.Code entries = b.function(tNone);
        entries.op(GLOBAL_GET, counter).end();
        WasmBuilder.Code deepest = b.function(tNone);
        deepest.i32Const(0).mem(I32_LOAD, 2, 0).end();
        WasmBuilder.Code answer = b.function(tNone);
        answer.i32Const(42).end();

        b.activeElements(0, recIndirect.functionIndex, foreverIndirect.functionIndex);
        b.exportFunction("rec", rec.functionIndex);
        b.exportFunction("recIndirect", recIndirect.functionIndex);
        b.exportFunction("forever", forever.functionIndex);
        b.exportFunction("foreverIndirect", foreverIndirect.functionIndex);
        b.exportFunction("entryCount", entries.functionIndex);
        b.exportFunction("deepest", deepest.functionIndex);
        b.exportFunction("answer", answer.functionIndex);
        b.export("entries", 3, counter);
        return b;
    }

    private static void countEntry(WasmBuilder.Code f, int counter) {
        f.op(GLOBAL_GET, counter).i32Const(1).op(I32_ADD).op(GLOBAL_SET, counter);
    }

    private static final WasmModule RECURSION = WasmModule.compile(recursionModule().build());
    private static final WasmModule SPLIT_RECURSION = RobustnessSupport.compile(recursionModule(), true);

    private static Instance recursion(int maxCallDepth) {
        return RECURSION.instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxCallDepth(maxCallDepth));
    }

    private static int entries(Instance instance) {
        return (Integer) call1(instance.function("entryCount"));
    }

    private static void resetEntries(Instance instance) {
        instance.global("entries").set(0);
    }

    @Test
    void unboundedRecursionTrapsWithCallStackExhausted() {
        Instance instance = recursion(InstanceConfig.DEFAULT_MAX_CALL_DEPTH);
        assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> instance.function("forever").call(0));
        // On the default 10,000 budget the trap comes from the budget (frame 10,001) or, on a thread
        // too small for it, from the JVM's stack; in both cases the deepest frame stored its k.
        int deepest = (Integer) call1(instance.function("deepest"));
        assertTrue(deepest > 0 && deepest < InstanceConfig.DEFAULT_MAX_CALL_DEPTH, "deepest frame " + deepest);
        assertEquals(42, call1(instance.function("answer")));
        assertEquals(42, call1(recursion(100).function("answer")));
    }

    @ParameterizedTest(name = "thread stack {0} MiB, split into regions: {1}")
    @CsvSource({"64, false", "16, false", "64, true"})
    void depthLimitIsExactAndIndependentOfTheThread(int stackMiB, boolean split) throws Throwable {
        onThread(stackMiB * 1024L * 1024L, () -> {
            // Region methods of a split function are extra JVM frames but not extra Wasm frames.
            Instance instance = (split ? SPLIT_RECURSION : RECURSION)
                    .instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxCallDepth(DEPTH));
            for (String name : new String[] {"rec", "recIndirect"}) {
                FunctionInstance f = instance.function(name);
                resetEntries(instance);
                // k = DEPTH - 1: DEPTH frames, the host's call being frame 1.
                assertEquals(DEPTH - 1, call1(f, DEPTH - 1), name);
                assertEquals(DEPTH, entries(instance), name + ": frames entered");
                resetEntries(instance);
                // One more frame traps, on entry of frame DEPTH + 1.
                assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> f.call(DEPTH));
                assertEquals(DEPTH, entries(instance), name + ": frames entered before the trap");
                // Again, with the JIT warmer: same boundary.
                assertEquals(DEPTH - 1, call1(f, DEPTH - 1), name);
                assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> f.call(DEPTH));
            }
            assertEquals(42, call1(instance.function("answer")));
            assertEquals(7, call1(recursion(DEPTH).function("rec"), 7));
        });
    }

    @Test
    void depthLimitOfOneAllowsOnlyTheHostsCall() {
        Instance instance = recursion(1);
        assertEquals(42, call1(instance.function("answer")));
        assertEquals(0, call1(instance.function("rec"), 0));
        assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> instance.function("rec").call(1));
        assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> instance.function("recIndirect").call(1));
        assertEquals(42, call1(instance.function("answer")));
    }

    @Test
    void callsOfImportedWasmFunctionsUseTheCallersBudget() {
        // viaImport(k) = k == 0 ? 0 : callee.rec(k - 1) + 1, where rec belongs to another instance.
        Instance callee = recursion(1_000_000);
        WasmBuilder b = new WasmBuilder();
        int t = b.type(types(I32), types(I32));
        int rec = b.importFunction("callee", "rec", t);
        WasmBuilder.Code via = b.function(t);
        via.op(LOCAL_GET, 0).op(I32_EQZ).block(IF, I32)
                .i32Const(0)
                .op(ELSE)
                .op(LOCAL_GET, 0).i32Const(1).op(I32_SUB).op(CALL, rec).i32Const(1).op(I32_ADD)
                .end().end();
        b.exportFunction("viaImport", via.functionIndex);
        Instance caller = WasmModule.compile(b.build())
                .instantiate(new Imports().instance("callee", callee), InstanceConfig.DEFAULT.withMaxCallDepth(500));
        assertEquals(499, call1(caller.function("viaImport"), 499));
        assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> caller.function("viaImport").call(500));
        assertEquals(42, call1(callee.function("answer")));
    }

    @Test
    void tinyThreadStackWithHugeBudgetEndsAsCallStackExhausted() throws Throwable {
        onThread(256 * 1024, () -> {
            for (int round = 0; round < 10; round++) {
                Instance instance = recursion(Integer.MAX_VALUE);
                for (String name : new String[] {"forever", "foreverIndirect"}) {
                    resetEntries(instance);
                    Trap trap = assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> instance.function(name).call(0));
                    int entered = entries(instance);
                    // The JVM's stack ran out long before the budget: the trap is the converted overflow.
                    assertTrue(entered > 10 && entered < 1_000_000, name + " entered " + entered + " frames; " + trap);
                    // Effects before the trap persist (spec: traps do not roll back). The deepest frame
                    // may have overflowed between counting itself and storing its k.
                    int deepest = (Integer) call1(instance.function("deepest"));
                    assertTrue(deepest == entered - 1 || deepest == entered - 2,
                            name + ": deepest stored k " + deepest + ", frames entered " + entered);
                    // The same instance still works, also for recursion that fits.
                    assertEquals(42, call1(instance.function("answer")));
                    assertEquals(5, call1(instance.function("rec"), 5));
                }
                assertEquals(42, call1(recursion(10).function("answer")));
            }
        });
        // And the JVM, on another thread, is fine.
        Instance fresh = recursion(100);
        assertEquals(99, call1(fresh.function("rec"), 99));
        assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> fresh.function("rec").call(100));
    }

    /**
     * Recursion that goes through a host function re-entering the instance: the host's nested
     * {@code call} gets a fresh budget, so only the JVM's stack ends it. It must still end as a
     * trap, on a tiny stack and on the default one.
     */
    @ParameterizedTest(name = "thread stack {0} KiB")
    @ValueSource(ints = {256, 1024})
    void recursionThroughAHostFunctionEndsAsCallStackExhausted(int stackKiB) throws Throwable {
        onThread(stackKiB * 1024L, () -> {
            for (int round = 0; round < 5; round++) {
                Instance instance = reentrantRecursion(InstanceConfig.DEFAULT_MAX_CALL_DEPTH);
                assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> instance.function("down").call(1_000_000_000));
                assertEquals(3, call1(instance.function("down"), 3));
            }
        });
    }

    /**
     * The budget is "exact and set by configuration": a module must not get around it by bouncing
     * through a host function that calls back into the instance.
     */
    @Test
    void reentryThroughAHostFunctionDoesNotResetTheBudget() throws Throwable {
        // A big thread stack, so that only the budget can end the recursion.
        onThread(64L * 1024 * 1024, () -> {
            Instance instance = reentrantRecursion(5);
            assertEquals(1, call1(instance.function("down"), 1));
            // down(k) -> host(k - 1) -> down(k - 1) ...: two budgeted frames per level; 40 levels
            // are far beyond a budget of 5.
            assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> instance.function("down").call(40));
        });
    }

    /** {@code down(k) = k == 0 ? 0 : host.down(k - 1) + 1}, where the host calls the export {@code down}. */
    private static Instance reentrantRecursion(int maxCallDepth) {
        FuncType type = FuncType.of(types(I32), types(I32));
        return reentrantRecursion(maxCallDepth, HostFunction.of(type, (caller, args) -> caller.function("down").call(args[0])));
    }

    /** {@link #reentrantRecursion(int)} with the given host function as {@code host.down}. */
    private static Instance reentrantRecursion(int maxCallDepth, HostFunction callback) {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(types(I32), types(I32));
        int host = b.importFunction("host", "down", t);
        WasmBuilder.Code down = b.function(t);
        down.op(LOCAL_GET, 0).op(I32_EQZ).block(IF, I32)
                .i32Const(0)
                .op(ELSE)
                .op(LOCAL_GET, 0).i32Const(1).op(I32_SUB).op(CALL, host).i32Const(1).op(I32_ADD)
                .end().end();
        b.exportFunction("down", down.functionIndex);
        return WasmModule.compile(b.build())
                .instantiate(new Imports().function("host", "down", callback), InstanceConfig.DEFAULT.withMaxCallDepth(maxCallDepth));
    }

    /**
     * Call sites are linked on first use: a call to a function in another generated class
     * ({@code invokedynamic}, bootstrapped by {@code CodeLoader}), and the {@code invokeExact} of a
     * {@code call_indirect} and of an imported host function. Here each of 2,000 functions makes
     * its first such calls at the bottom of a recursion whose depth sweeps across the point where a
     * 256 KiB stack runs out, so that the overflow strikes inside linking for some of them. Every
     * call must end as a result or a CALL_STACK_EXHAUSTED trap, and afterwards every call site must
     * work (a linkage error recorded for a call site would break it for good).
     */
    @Test
    void stackOverflowWhileLinkingCallSitesLeavesThemUsable() throws Throwable {
        int n = 2000;
        WasmBuilder b = new WasmBuilder();
        int unary = b.type(types(I32), types(I32));
        int binary = b.type(types(I32, I32), types(I32));
        int host = b.importFunction("host", "inc", unary);
        b.table(ValType.FUNCREF, 1, 1);
        int g = host + n + 1;  // the last function: in another class than most f_i
        for (int i = 0; i < n; i++) {
            // f_i(x, k) = k == 0 ? host(call_indirect[0](g(x))) : f_i(x, k - 1); returns x + 3.
            WasmBuilder.Code f = b.function(binary);
            f.op(LOCAL_GET, 1).op(I32_EQZ).block(IF, I32)
                    .op(LOCAL_GET, 0).op(CALL, g).i32Const(0).op(CALL_INDIRECT, unary).op(0x00 /* table 0 */).op(CALL, host)
                    .op(ELSE)
                    .op(LOCAL_GET, 0).op(LOCAL_GET, 1).i32Const(1).op(I32_SUB).op(CALL, f.functionIndex)
                    .end().end();
            b.exportFunction("f" + i, f.functionIndex);
        }
        WasmBuilder.Code gf = b.function(unary);
        gf.op(LOCAL_GET, 0).i32Const(1).op(I32_ADD).end();
        assertEquals(g, gf.functionIndex);
        b.activeElements(0, g);
        WasmModule module = WasmModule.compile(b.build());
        assertTrue(module.statistics().classes() >= 2, "the module spans several classes: " + module.statistics());
        HostFunction inc = HostFunction.of(FuncType.of(types(I32), types(I32)), (c, a) -> new Object[] {(Integer) a[0] + 1});
        Instance instance = module.instantiate(new Imports().function("host", "inc", inc),
                InstanceConfig.DEFAULT.withMaxCallDepth(Integer.MAX_VALUE));
        int[] outcomes = new int[2];
        onThread(256 * 1024, () -> {
            // How deep f0 gets before the stack runs out (its sites linked on the first probe).
            int overflowAt = 0;
            for (int k = 16; overflowAt == 0; k += 16) {
                try {
                    instance.function("f0").call(1, k);
                } catch (Trap t) {
                    assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
                    overflowAt = k;
                }
            }
            // Fresh functions, each first called at a depth that follows the edge of the stack: a
            // staircase that goes deeper after a result and shallower after a trap. Frame sizes
            // change as the JIT warms up, so the edge found by the probe is only a starting point.
            int k = overflowAt;
            for (int i = 1; i < n; i++) {
                FunctionInstance f = instance.function("f" + i);
                int step = Math.max(1, k / 8);
                try {
                    assertEquals(4 + 3, f.call(4, k)[0], "f" + i + " at depth " + k);
                    outcomes[0]++;
                    k += step;
                } catch (Trap t) {
                    assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind(), "f" + i + " at depth " + k);
                    outcomes[1]++;
                    k = Math.max(0, k - step);
                }
            }
        });
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "both results and traps: " + outcomes[0] + " / " + outcomes[1]);
        for (int i = 0; i < n; i++) {
            assertEquals(10 + 3, call1(instance.function("f" + i), 10, 3), "f" + i + " after the overflow sweep");
        }
    }

    // ---- invoker(): the typed entry point, with the guarantees of call()

    @Test
    void invokerHasTheUnboxedTypeAndIsCreatedOnce() throws Throwable {
        Instance instance = recursion(100);
        MethodHandle answer = instance.function("answer").invoker();
        assertEquals(MethodType.methodType(int.class), answer.type());
        assertEquals(42, (int) answer.invokeExact());
        MethodHandle rec = instance.function("rec").invoker();
        assertEquals(MethodType.methodType(int.class, int.class), rec.type());
        assertEquals(7, (int) rec.invokeExact(7));
        assertSame(rec, instance.function("rec").invoker());
    }

    @Test
    void invokerDepthLimitIsTheConfiguredOne() throws Throwable {
        onThread(64L * 1024 * 1024, () -> {
            Instance instance = recursion(DEPTH);
            MethodHandle rec = instance.function("rec").invoker();
            assertEquals(DEPTH - 1, (int) rec.invokeExact(DEPTH - 1));
            assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> (int) rec.invokeExact(DEPTH));
            assertEquals(3, (int) rec.invokeExact(3));
        });
    }

    @Test
    void invokerTurnsAJvmStackOverflowIntoATrap() throws Throwable {
        onThread(256 * 1024, () -> {
            Instance instance = recursion(Integer.MAX_VALUE);
            MethodHandle forever = instance.function("forever").invoker();
            for (int round = 0; round < 5; round++) {
                assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> (int) forever.invokeExact(0));
                assertEquals(5, (int) instance.function("rec").invoker().invokeExact(5));
            }
        });
    }

    @Test
    void reentryThroughAHostFunctionUsingTheInvokerKeepsTheBudget() throws Throwable {
        onThread(64L * 1024 * 1024, () -> {
            MethodHandle down = MethodHandles.lookup().findStatic(FunctionInstanceTest.class, "downViaInvoker",
                    MethodType.methodType(int.class, Instance.class, int.class));
            Instance instance = reentrantRecursion(5, HostFunction.wrap(FuncType.of(types(I32), types(I32)), down));
            MethodHandle entry = instance.function("down").invoker();
            assertEquals(1, (int) entry.invokeExact(1));
            assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> (int) entry.invokeExact(40));
            // The host-call state was restored on the way out: a fresh call has the full budget again.
            assertEquals(2, (int) entry.invokeExact(2));
        });
    }

    static int downViaInvoker(Instance caller, int k) throws Throwable {
        return (int) caller.function("down").invoker().invokeExact(k);
    }

    @Test
    void interruptedTrapLeavingTheInvokerWithdrawsTheRequest() throws Throwable {
        Instance instance = recursion(100);
        MethodHandle answer = instance.function("answer").invoker();
        instance.interrupt();
        assertTrap(TrapKind.INTERRUPTED, () -> (int) answer.invokeExact());
        assertFalse(instance.interruption().isRequested(), "the request was acted on");
        assertEquals(42, (int) answer.invokeExact());
    }

    @Test
    void invokerOfAHostFunctionConvertsWhatItThrows() throws Throwable {
        FuncType type = FuncType.of(types(I32), types(I32));
        MethodHandle failing = MethodHandles.lookup().findStatic(FunctionInstanceTest.class, "failing",
                MethodType.methodType(int.class, int.class));
        MethodHandle h = HostFunction.wrap(type, failing).toFunctionInstance("failing").invoker();
        assertEquals(MethodType.methodType(int.class, int.class), h.type());
        assertEquals(2, (int) h.invokeExact(1));
        Trap trap = assertTrap(TrapKind.HOST_ERROR, () -> (int) h.invokeExact(-1));
        assertTrue(trap.getCause() instanceof UncheckedIOException, String.valueOf(trap.getCause()));
    }

    static int failing(int x) {
        if (x < 0) {
            throw new UncheckedIOException(new IOException("negative"));
        }
        return x + 1;
    }

    @Test
    void invokerOfAFunctionWithSeveralResultsReturnsThemBoxed() throws Throwable {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(types(I32, ValType.I64), types(ValType.I64, I32));
        WasmBuilder.Code swap = b.function(t);
        swap.op(LOCAL_GET, 1).op(LOCAL_GET, 0).end();
        b.exportFunction("swap", swap.functionIndex);
        MethodHandle h = WasmModule.compile(b.build()).instantiate().function("swap").invoker();
        assertEquals(MethodType.methodType(Object[].class, int.class, long.class), h.type());
        assertArrayEquals(new Object[] {9L, 4}, (Object[]) h.invokeExact(4, 9L));
    }

    @Test
    void invokerRejectsArgumentsOfTheWrongTypeBeforeRunning() {
        MethodHandle rec = recursion(100).function("rec").invoker();
        assertThrows(java.lang.invoke.WrongMethodTypeException.class, () -> {
            long ignored = (long) rec.invokeExact(1L);
        });
    }
}
