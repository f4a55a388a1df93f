package dev.airlock.wasm.runtime;

import static dev.airlock.wasm.runtime.RobustnessSupport.CALL;
import static dev.airlock.wasm.runtime.RobustnessSupport.CALL_INDIRECT;
import static dev.airlock.wasm.runtime.RobustnessSupport.DROP;
import static dev.airlock.wasm.runtime.RobustnessSupport.F32;
import static dev.airlock.wasm.runtime.RobustnessSupport.F64;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_ADD;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_LOAD;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_STORE;
import static dev.airlock.wasm.runtime.RobustnessSupport.I64;
import static dev.airlock.wasm.runtime.RobustnessSupport.LOCAL_GET;
import static dev.airlock.wasm.runtime.RobustnessSupport.MEMORY_GROW;
import static dev.airlock.wasm.runtime.RobustnessSupport.NONE;
import static dev.airlock.wasm.runtime.RobustnessSupport.UNREACHABLE;
import static dev.airlock.wasm.runtime.RobustnessSupport.assertTrap;
import static dev.airlock.wasm.runtime.RobustnessSupport.call1;
import static dev.airlock.wasm.runtime.RobustnessSupport.callOk;
import static dev.airlock.wasm.runtime.RobustnessSupport.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.testing.WasmBuilder;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Host functions seen from Wasm: whatever they throw or return, the Wasm caller's caller sees
 * their results or a {@link Trap}; and they may call back into the instance.
 */
class HostFunctionTest {
    private static final FuncType VOID = FuncType.of(NONE, NONE);
    private static final FuncType I32_TO_I32 = FuncType.of(types(I32), types(I32));

    /**
     * A module importing {@code host.f} of {@code type} and exporting {@code run}, which calls it
     * with zero arguments of the right types and returns its results, plus {@code answer()} = 42.
     */
    private static Instance callerOf(FuncType type, Object host) {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(type.params(), type.results());
        int run = b.type(NONE, type.results());
        int nullary = b.type(NONE, types(I32));
        int f = b.importFunction("host", "f", t);
        WasmBuilder.Code r = b.function(run);
        for (int i = 0; i < type.paramCount(); i++) {
            switch (type.param(i)) {
                case I32: r.i32Const(0); break;
                case I64: r.i64Const(0); break;
                case F32: r.f32Const(0); break;
                case F64: r.f64Const(0); break;
                default: r.op(0xD0).op(type.param(i).binaryCode); break;
            }
        }
        r.op(CALL, f).end();
        WasmBuilder.Code answer = b.function(nullary);
        answer.i32Const(42).end();
        b.exportFunction("run", r.functionIndex);
        b.exportFunction("answer", answer.functionIndex);
        b.memory(1, -1);
        Imports imports = new Imports();
        if (host instanceof HostFunction) {
            imports.function("host", "f", (HostFunction) host);
        } else {
            imports.function("host", "f", (FunctionInstance) host);
        }
        return WasmModule.compile(b.build()).instantiate(imports);
    }

    private static Trap runTrap(TrapKind kind, Object host, FuncType type) {
        Instance instance = callerOf(type, host);
        Trap trap = assertTrap(kind, () -> instance.function("run").call());
        assertEquals(42, call1(instance.function("answer")), "instance usable after the trap");
        return trap;
    }

    // ---------------------------------------------------------------------------------------
    // Exceptions thrown by host functions

    private static List<Throwable> hostFailures() {
        List<Throwable> failures = new ArrayList<>();
        failures.add(new IllegalStateException("runtime exception"));
        failures.add(new ArithmeticException("/ by zero"));
        failures.add(new IndexOutOfBoundsException("a host bug, not a Wasm out-of-bounds access"));
        failures.add(new NullPointerException());
        failures.add(new AssertionError("error"));
        failures.add(new IOException("checked exception"));
        failures.add(new Exception("plain checked exception"));
        failures.add(new InterruptedException("interrupted host"));
        failures.add(new OutOfMemoryError("host ran out of memory"));
        return failures;
    }

    @Test
    void exceptionOfABoxedHostFunctionBecomesHostErrorWithTheOriginalAsCause() {
        for (Throwable failure : hostFailures()) {
            HostFunction host = HostFunction.of(VOID, (caller, args) -> {
                throw sneaky(failure);
            });
            Trap trap = runTrap(TrapKind.HOST_ERROR, host, VOID);
            assertSame(failure, trap.getCause(), failure.toString());
        }
        Thread.interrupted(); // in case anything set the flag
    }

    @Test
    void exceptionOfAWrappedHostFunctionBecomesHostErrorWithTheOriginalAsCause() throws Exception {
        MethodHandle thrower = MethodHandles.lookup().findStatic(HostFunctionTest.class, "throwIt",
                MethodType.methodType(int.class, int.class));
        for (Throwable failure : hostFailures()) {
            PENDING.set(failure);
            HostFunction host = HostFunction.wrap(I32_TO_I32, thrower);
            Trap trap = runTrap(TrapKind.HOST_ERROR, host, I32_TO_I32);
            assertSame(failure, trap.getCause(), failure.toString());
        }
    }

    private static final ThreadLocal<Throwable> PENDING = new ThreadLocal<>();

    static int throwIt(int x) throws Throwable {
        throw PENDING.get();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void trapThrownByAHostFunctionPassesThroughUnchanged() throws Exception {
        for (TrapKind kind : TrapKind.values()) {
            Trap thrown = new Trap(kind, "from the host");
            Trap seen = runTrap(kind, HostFunction.of(VOID, (caller, args) -> {
                throw thrown;
            }), VOID);
            assertSame(thrown, seen);
        }
        Trap thrown = new Trap(TrapKind.OUT_OF_FUEL, "wrapped host");
        PENDING.set(thrown);
        MethodHandle thrower = MethodHandles.lookup().findStatic(HostFunctionTest.class, "throwIt",
                MethodType.methodType(int.class, int.class));
        assertSame(thrown, runTrap(TrapKind.OUT_OF_FUEL, HostFunction.wrap(I32_TO_I32, thrower), I32_TO_I32));
    }

    @Test
    void stackOverflowInAHostFunctionIsCallStackExhausted() {
        HostFunction host = HostFunction.of(VOID, (caller, args) -> {
            throw new StackOverflowError();
        });
        runTrap(TrapKind.CALL_STACK_EXHAUSTED, host, VOID);
    }

    /**
     * A host function that compiles or instantiates a module on the guest's behalf (a plug-in
     * loader, say) may fail with the engine's own exceptions. They are not traps, and must not
     * leave the outer call as anything but a trap.
     */
    @Test
    void engineExceptionOtherThanTrapThrownByAHostFunctionBecomesHostError() {
        HostFunction loader = HostFunction.of(VOID, (caller, args) -> {
            WasmModule.compile(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x02});
            return null;
        });
        Trap trap = runTrap(TrapKind.HOST_ERROR, loader, VOID);
        assertInstanceOf(MalformedModuleException.class, trap.getCause());
    }

    /** An exception whose message cannot be computed must not get out of the engine's conversion. */
    @Test
    void exceptionWhoseMessageThrowsStillBecomesHostError() {
        RuntimeException broken = new RuntimeException() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                throw new IllegalStateException("message unavailable");
            }
        };
        Trap trap = runTrap(TrapKind.HOST_ERROR, HostFunction.of(VOID, (caller, args) -> {
            throw broken;
        }), VOID);
        assertSame(broken, trap.getCause());
    }

    // ---------------------------------------------------------------------------------------
    // Results of the wrong type or count

    @Test
    void boxedHostFunctionResultsOfTheWrongCountOrTypeAreHostError() {
        FuncType i32 = FuncType.of(NONE, types(I32));
        FuncType i64 = FuncType.of(NONE, types(I64));
        FuncType f32 = FuncType.of(NONE, types(F32));
        FuncType f64 = FuncType.of(NONE, types(F64));
        FuncType pair = FuncType.of(NONE, types(I32, I64));
        FuncType funcref = FuncType.of(NONE, types(ValType.FUNCREF));
        Object[][] badI32 = {null, {}, {1, 2}, {1L}, {null}, {"1"}, {1.0f}, {(short) 1}};
        for (Object[] results : badI32) {
            runTrap(TrapKind.HOST_ERROR, HostFunction.of(i32, (c, a) -> results), i32);
        }
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(i64, (c, a) -> new Object[] {1}), i64);
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(f32, (c, a) -> new Object[] {1.0d}), f32);
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(f64, (c, a) -> new Object[] {1.0f}), f64);
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(f64, (c, a) -> new Object[] {null}), f64);
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(pair, (c, a) -> new Object[] {1, 2}), pair);
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(pair, (c, a) -> new Object[] {1L, 2L}), pair);
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(pair, (c, a) -> new Object[] {1}), pair);
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(pair, (c, a) -> null), pair);
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(funcref, (c, a) -> new Object[] {"not a function"}), funcref);
        runTrap(TrapKind.HOST_ERROR, HostFunction.of(VOID, (c, a) -> new Object[] {1}), VOID);
        // The right shapes pass.
        assertEquals(7, call1(callerOf(i32, HostFunction.of(i32, (c, a) -> new Object[] {7})).function("run")));
        assertArrayEquals(new Object[] {7, 8L},
                callOk(callerOf(pair, HostFunction.of(pair, (c, a) -> new Object[] {7, 8L})).function("run")));
        assertArrayEquals(new Object[] {},
                callOk(callerOf(VOID, HostFunction.of(VOID, (c, a) -> new Object[0])).function("run")));
    }

    static Object[] pairResult() {
        return PAIR.get();
    }

    private static final ThreadLocal<Object[]> PAIR = new ThreadLocal<>();

    /**
     * {@code wrap} with several results returns an {@code Object[]} the engine unboxes after the
     * call; a host bug there (too few, wrong types, null) must be a HOST_ERROR, not an
     * out-of-bounds memory trap or a ClassCastException/NullPointerException escaping.
     */
    @Test
    void wrappedHostFunctionWithSeveralResultsOfTheWrongShapeIsHostError() throws Exception {
        FuncType pair = FuncType.of(NONE, types(I32, I64));
        MethodHandle h = MethodHandles.lookup().findStatic(HostFunctionTest.class, "pairResult",
                MethodType.methodType(Object[].class));
        Object[][] bad = {null, {}, {1}, {1, 2}, {1L, 2L}, {null, 2L}, {1, 2L, 3}};
        List<String> wrong = new ArrayList<>();
        for (Object[] results : bad) {
            PAIR.set(results);
            Instance instance = callerOf(pair, HostFunction.wrap(pair, h));
            try {
                instance.function("run").call();
                wrong.add(java.util.Arrays.toString(results) + " -> returned");
            } catch (Trap t) {
                if (t.kind() != TrapKind.HOST_ERROR) {
                    wrong.add(java.util.Arrays.toString(results) + " -> Trap " + t.kind());
                }
            } catch (Throwable t) {
                wrong.add(java.util.Arrays.toString(results) + " -> " + t);
            }
        }
        assertEquals(List.of(), wrong);
    }

    // ---------------------------------------------------------------------------------------
    // Re-entrancy

    /**
     * {@code work(x)}: stores x at address 0, calls {@code host.cb(x)}, then stores the callback's
     * result at address 65536 * 2 + 8 (in the page the callback grew) and returns
     * load(0) + load(131080). {@code grow()} grows the memory by 2 pages, {@code boom()} traps,
     * {@code twice(x)} = 2x.
     */
    private static Instance reentrant(HostFunction cb) {
        WasmBuilder b = new WasmBuilder();
        int ii = b.type(types(I32), types(I32));
        int ri = b.type(NONE, types(I32));
        int host = b.importFunction("host", "cb", ii);
        b.memory(1, -1);
        WasmBuilder.Code work = b.function(ii);
        work.i32Const(0).op(LOCAL_GET, 0).mem(I32_STORE, 2, 0)
                .i32Const(131080).op(LOCAL_GET, 0).op(CALL, host).mem(I32_STORE, 2, 0)
                .i32Const(0).mem(I32_LOAD, 2, 0).i32Const(131080).mem(I32_LOAD, 2, 0).op(I32_ADD).end();
        WasmBuilder.Code grow = b.function(ri);
        grow.i32Const(2).op(MEMORY_GROW, 0).end();
        WasmBuilder.Code boom = b.function(ri);
        boom.op(UNREACHABLE).end();
        WasmBuilder.Code twice = b.function(ii);
        twice.op(LOCAL_GET, 0).op(LOCAL_GET, 0).op(I32_ADD).end();
        b.exportFunction("work", work.functionIndex);
        b.exportFunction("grow", grow.functionIndex);
        b.exportFunction("boom", boom.functionIndex);
        b.exportFunction("twice", twice.functionIndex);
        return WasmModule.compile(b.build()).instantiate(new Imports().function("host", "cb", cb));
    }

    @Test
    void hostFunctionMayCallBackIntoTheInstanceAndGrowItsMemory() {
        AtomicInteger calls = new AtomicInteger();
        Instance instance = reentrant(HostFunction.of(I32_TO_I32, (caller, args) -> {
            calls.incrementAndGet();
            assertEquals(1, caller.function("grow").call()[0]);
            return caller.function("twice").call(args[0]);
        }));
        // Without the re-entrant grow, the store at 131080 would be out of bounds.
        assertEquals(21 + 42, call1(instance.function("work"), 21));
        assertEquals(3, instance.memory().pages());
        assertEquals(1, calls.get());
    }

    @Test
    void trapInAReentrantCallReachesTheOuterCaller() {
        Instance instance = reentrant(HostFunction.of(I32_TO_I32, (caller, args) -> caller.function("boom").call()));
        assertTrap(TrapKind.UNREACHABLE, () -> instance.function("work").call(1));
        assertEquals(1, instance.memory().readInt(0), "the store before the call stays");
        assertEquals(6, call1(instance.function("twice"), 3));
    }

    @Test
    void hostFunctionMayCatchATrapOfAReentrantCallAndContinue() {
        Instance instance = reentrant(HostFunction.of(I32_TO_I32, (caller, args) -> {
            try {
                caller.function("boom").call();
                return new Object[] {-1};
            } catch (Trap t) {
                assertEquals(TrapKind.UNREACHABLE, t.kind());
                caller.function("grow").call();
                return new Object[] {100};
            }
        }));
        assertEquals(5 + 100, call1(instance.function("work"), 5));
    }

    @Test
    void hostFunctionReadingHostilePointersFromTheCallersMemoryIsHostError() {
        Instance instance = reentrant(HostFunction.of(I32_TO_I32,
                (caller, args) -> new Object[] {caller.memory().readInt(Integer.toUnsignedLong((Integer) args[0]))}));
        for (int pointer : new int[] {-1, 65533, 0x8000_0000, 0x7FFF_FFFF}) {
            Trap trap = assertTrap(TrapKind.HOST_ERROR, () -> instance.function("work").call(pointer));
            assertInstanceOf(IndexOutOfBoundsException.class, trap.getCause());
        }
        // A good pointer: the callback reads the x that work stored at 0 — but 131080 is out of
        // bounds without a grow, so this one is a real Wasm out-of-bounds trap.
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> instance.function("work").call(0));
    }

    @Test
    void wrappedHostFunctionReceivesTheCallingInstance() throws Exception {
        MethodHandle h = MethodHandles.lookup().findStatic(HostFunctionTest.class, "pagesPlus",
                MethodType.methodType(int.class, Instance.class, int.class));
        Instance instance = reentrant(HostFunction.wrap(I32_TO_I32, h));
        // work(3): cb(3) = 3 + pages (1) = 4, stored at 131080: out of bounds, 1 page.
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> instance.function("work").call(3));
        instance.memory().grow(2);
        assertEquals(3 + 6, call1(instance.function("work"), 3));
    }

    static int pagesPlus(Instance caller, int x) {
        return x + caller.memory().pages();
    }

    @Test
    void droppedResultsOfHostCallsAreFine() {
        WasmBuilder b = new WasmBuilder();
        int ri = b.type(NONE, types(I32));
        int host = b.importFunction("host", "seven", ri);
        WasmBuilder.Code f = b.function(ri);
        f.op(CALL, host).op(DROP).op(CALL, host).end();
        b.exportFunction("f", f.functionIndex);
        Instance instance = WasmModule.compile(b.build()).instantiate(
                new Imports().function("host", "seven", HostFunction.of(FuncType.of(NONE, types(I32)), (c, a) -> new Object[] {7})));
        assertEquals(7, call1(instance.function("f")));
    }

    // ---------------------------------------------------------------------------------------
    // asFunctionOf: a host function placed in a table, as host callbacks of a library are

    /**
     * Exports its table {@code table} (2 slots, growable to 4) and {@code callSlot(slot, x)}, which
     * calls {@code table[slot](x)} indirectly as an {@code (i32) -> i32} function.
     */
    private static Instance tableCaller(int maxCallDepth) {
        WasmBuilder b = new WasmBuilder();
        int unary = b.type(types(I32), types(I32));
        int binary = b.type(types(I32, I32), types(I32));
        b.memory(1, -1);
        int table = b.table(ValType.FUNCREF, 2, 4);
        WasmBuilder.Code call = b.function(binary);
        call.op(LOCAL_GET, 1).op(LOCAL_GET, 0).op(CALL_INDIRECT, unary).op(0x00 /* table 0 */).end();
        b.exportFunction("callSlot", call.functionIndex);
        b.export("table", 1, table);
        return WasmModule.compile(b.build()).instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxCallDepth(maxCallDepth));
    }

    @Test
    void hostFunctionPlacedInATableIsCalledIndirectlyWithItsInstanceAsCaller() throws Exception {
        Instance instance = tableCaller(1000);
        MethodHandle h = MethodHandles.lookup().findStatic(HostFunctionTest.class, "pagesPlus",
                MethodType.methodType(int.class, Instance.class, int.class));
        FunctionInstance f = HostFunction.wrap(I32_TO_I32, h).asFunctionOf(instance, "pagesPlus");
        assertEquals("pagesPlus", f.name());
        Table table = instance.table("table");
        int slot = table.grow(1, null);
        assertEquals(2, slot);
        table.set(slot, f);
        assertEquals(10 + 1, call1(instance.function("callSlot"), slot, 10));
        instance.memory().grow(1);
        assertEquals(10 + 2, call1(instance.function("callSlot"), slot, 10));
        // Freed again: a call through the stale index traps inside, it does not reach the host.
        table.set(slot, null);
        assertTrap(TrapKind.UNINITIALIZED_ELEMENT, () -> instance.function("callSlot").call(slot, 10));
    }

    @Test
    void hostFunctionInATableOfTheWrongTypeIsAnIndirectCallTypeMismatch() {
        Instance instance = tableCaller(1000);
        HostFunction nullary = HostFunction.of(FuncType.of(NONE, types(I32)), (c, a) -> new Object[] {1});
        instance.table("table").set(0, nullary.asFunctionOf(instance, "nullary"));
        assertTrap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, () -> instance.function("callSlot").call(0, 1));
    }

    @Test
    void hostFunctionInATableReenteringItsInstanceKeepsTheCallDepthBudget() {
        Instance instance = tableCaller(6);
        // slot 0: x == 0 ? 0 : callSlot(0, x - 1) + 1, through the host each time.
        HostFunction down = HostFunction.of(I32_TO_I32, (caller, args) -> {
            int x = (Integer) args[0];
            if (x == 0) {
                return new Object[] {0};
            }
            return new Object[] {(Integer) caller.function("callSlot").call(0, x - 1)[0] + 1};
        });
        instance.table("table").set(0, down.asFunctionOf(instance, "down"));
        assertEquals(2, call1(instance.function("callSlot"), 0, 2));
        assertTrap(TrapKind.CALL_STACK_EXHAUSTED, () -> instance.function("callSlot").call(0, 50));
        assertEquals(2, call1(instance.function("callSlot"), 0, 2));
    }
}
