package dev.airlock.wasm.runtime;

import static dev.airlock.wasm.runtime.RobustnessSupport.BLOCK;
import static dev.airlock.wasm.runtime.RobustnessSupport.CALL;
import static dev.airlock.wasm.runtime.RobustnessSupport.CALL_INDIRECT;
import static dev.airlock.wasm.runtime.RobustnessSupport.F32;
import static dev.airlock.wasm.runtime.RobustnessSupport.F64;
import static dev.airlock.wasm.runtime.RobustnessSupport.GLOBAL_GET;
import static dev.airlock.wasm.runtime.RobustnessSupport.GLOBAL_SET;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_ADD;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_LOAD;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32_STORE;
import static dev.airlock.wasm.runtime.RobustnessSupport.I64;
import static dev.airlock.wasm.runtime.RobustnessSupport.LOCAL_GET;
import static dev.airlock.wasm.runtime.RobustnessSupport.LOOP;
import static dev.airlock.wasm.runtime.RobustnessSupport.BR;
import static dev.airlock.wasm.runtime.RobustnessSupport.NONE;
import static dev.airlock.wasm.runtime.RobustnessSupport.MEMORY_COPY;
import static dev.airlock.wasm.runtime.RobustnessSupport.MEMORY_FILL;
import static dev.airlock.wasm.runtime.RobustnessSupport.TABLE_FILL;
import static dev.airlock.wasm.runtime.RobustnessSupport.TABLE_GET;
import static dev.airlock.wasm.runtime.RobustnessSupport.TABLE_GROW;
import static dev.airlock.wasm.runtime.RobustnessSupport.TABLE_SET;
import static dev.airlock.wasm.runtime.RobustnessSupport.UNREACHABLE;
import static dev.airlock.wasm.runtime.RobustnessSupport.assertTrap;
import static dev.airlock.wasm.runtime.RobustnessSupport.call1;
import static dev.airlock.wasm.runtime.RobustnessSupport.callOk;
import static dev.airlock.wasm.runtime.RobustnessSupport.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.testing.WasmBuilder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

/**
 * Traps raised by generated code ({@link Traps}): integer division and remainder, float-to-integer
 * truncation, {@code call_indirect}, {@code unreachable}; and that an instance stays usable after
 * every kind of trap.
 */
class TrapsTest {
    // ---------------------------------------------------------------------------------------
    // Integer division and remainder

    private static final Map<String, Integer> DIVISIONS = new LinkedHashMap<>();

    static {
        DIVISIONS.put("i32.div_s", 0x6D);
        DIVISIONS.put("i32.div_u", 0x6E);
        DIVISIONS.put("i32.rem_s", 0x6F);
        DIVISIONS.put("i32.rem_u", 0x70);
        DIVISIONS.put("i64.div_s", 0x7F);
        DIVISIONS.put("i64.div_u", 0x80);
        DIVISIONS.put("i64.rem_s", 0x81);
        DIVISIONS.put("i64.rem_u", 0x82);
    }

    /** One export per binary operator, named as the operator: {@code (param T T) (result T)}. */
    static Instance binaryOperators(Map<String, Integer> ops) {
        WasmBuilder b = new WasmBuilder();
        int t32 = b.type(types(I32, I32), types(I32));
        int t64 = b.type(types(I64, I64), types(I64));
        for (Map.Entry<String, Integer> op : ops.entrySet()) {
            WasmBuilder.Code f = b.function(op.getKey().startsWith("i32") ? t32 : t64);
            f.op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(op.getValue()).end();
            b.exportFunction(op.getKey(), f.functionIndex);
        }
        return RobustnessSupport.instantiate(b);
    }

    private static final Instance DIV = binaryOperators(DIVISIONS);

    private static Object[] operands(String op, long a, long b) {
        return op.startsWith("i32") ? new Object[] {(int) a, (int) b} : new Object[] {a, b};
    }

    @Test
    void divisionAndRemainderByZeroTrap() {
        long[] dividends = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 12345};
        for (String op : DIVISIONS.keySet()) {
            FunctionInstance f = DIV.function(op);
            for (long a : dividends) {
                Object[] args = operands(op, a, 0);
                Trap trap = assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> f.call(args));
                assertEquals("integer divide by zero", trap.getMessage(), op);
            }
        }
    }

    @Test
    void signedDivisionOfMinByMinusOneOverflowsButRemainderIsZero() {
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> DIV.function("i32.div_s").call(Integer.MIN_VALUE, -1));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> DIV.function("i64.div_s").call(Long.MIN_VALUE, -1L));
        assertEquals(0, call1(DIV.function("i32.rem_s"), Integer.MIN_VALUE, -1));
        assertEquals(0L, call1(DIV.function("i64.rem_s"), Long.MIN_VALUE, -1L));
        // The unsigned forms have no overflow: MIN is 2^31 (2^63), -1 is the largest value.
        assertEquals(0, call1(DIV.function("i32.div_u"), Integer.MIN_VALUE, -1));
        assertEquals(Integer.MIN_VALUE, call1(DIV.function("i32.rem_u"), Integer.MIN_VALUE, -1));
        assertEquals(0L, call1(DIV.function("i64.div_u"), Long.MIN_VALUE, -1L));
        assertEquals(Long.MIN_VALUE, call1(DIV.function("i64.rem_u"), Long.MIN_VALUE, -1L));
        // Neighbours do not trap.
        assertEquals(-Integer.MAX_VALUE, call1(DIV.function("i32.div_s"), Integer.MAX_VALUE, -1));
        assertEquals(Integer.MIN_VALUE, call1(DIV.function("i32.div_s"), Integer.MIN_VALUE, 1));
        assertEquals(Long.MIN_VALUE / 2, call1(DIV.function("i64.div_s"), Long.MIN_VALUE, 2L));
        assertEquals(-7 / 2, call1(DIV.function("i32.div_s"), -7, 2));
        assertEquals(-7 % 2, call1(DIV.function("i32.rem_s"), -7, 2));
        assertEquals(Integer.divideUnsigned(-7, 2), call1(DIV.function("i32.div_u"), -7, 2));
        assertEquals(Long.remainderUnsigned(-7L, 3L), call1(DIV.function("i64.rem_u"), -7L, 3L));
    }

    // ---------------------------------------------------------------------------------------
    // Truncations

    /** A float-to-integer truncation: name, opcode, source type, target type, signedness, saturating. */
    private record Truncation(String name, int opcode, boolean saturating, ValType from, ValType to, boolean signed) {
        /** The exclusive upper bound of the valid range (a power of two). */
        double upper() {
            return to == I32 ? (signed ? 0x1p31 : 0x1p32) : (signed ? 0x1p63 : 0x1p64);
        }
    }

    private static final Truncation[] TRUNCATIONS = {
        new Truncation("i32.trunc_f32_s", 0xA8, false, F32, I32, true),
        new Truncation("i32.trunc_f32_u", 0xA9, false, F32, I32, false),
        new Truncation("i32.trunc_f64_s", 0xAA, false, F64, I32, true),
        new Truncation("i32.trunc_f64_u", 0xAB, false, F64, I32, false),
        new Truncation("i64.trunc_f32_s", 0xAE, false, F32, I64, true),
        new Truncation("i64.trunc_f32_u", 0xAF, false, F32, I64, false),
        new Truncation("i64.trunc_f64_s", 0xB0, false, F64, I64, true),
        new Truncation("i64.trunc_f64_u", 0xB1, false, F64, I64, false),
        new Truncation("i32.trunc_sat_f32_s", 0, true, F32, I32, true),
        new Truncation("i32.trunc_sat_f32_u", 1, true, F32, I32, false),
        new Truncation("i32.trunc_sat_f64_s", 2, true, F64, I32, true),
        new Truncation("i32.trunc_sat_f64_u", 3, true, F64, I32, false),
        new Truncation("i64.trunc_sat_f32_s", 4, true, F32, I64, true),
        new Truncation("i64.trunc_sat_f32_u", 5, true, F32, I64, false),
        new Truncation("i64.trunc_sat_f64_s", 6, true, F64, I64, true),
        new Truncation("i64.trunc_sat_f64_u", 7, true, F64, I64, false),
    };

    static Instance truncations() {
        WasmBuilder b = new WasmBuilder();
        for (Truncation tr : TRUNCATIONS) {
            int t = b.type(types(tr.from), types(tr.to));
            WasmBuilder.Code f = b.function(t);
            f.op(LOCAL_GET, 0);
            if (tr.saturating) {
                f.fc(tr.opcode);
            } else {
                f.op(tr.opcode);
            }
            f.end();
            b.exportFunction(tr.name, f.functionIndex);
        }
        return RobustnessSupport.instantiate(b);
    }

    private static final Instance TRUNC = truncations();

    private static final float[] NANS_F = {
        Float.NaN, Float.intBitsToFloat(0xFFC00000), Float.intBitsToFloat(0x7F800001), Float.intBitsToFloat(0xFFFFFFFF),
        Float.intBitsToFloat(0x7FBFFFFF)};
    private static final double[] NANS_D = {
        Double.NaN, Double.longBitsToDouble(0xFFF8000000000000L), Double.longBitsToDouble(0x7FF0000000000001L),
        Double.longBitsToDouble(0xFFFFFFFFFFFFFFFFL)};

    private static Object arg(Truncation tr, double x) {
        return tr.from == F32 ? (Object) (float) x : (Object) x;
    }

    /** Values out of range for {@code tr}: at and just past both bounds, and far past them. */
    private static double[] outOfRange(Truncation tr) {
        double up = tr.upper();
        if (tr.from == F32) {
            float lo = tr.signed ? Math.nextDown(-(float) up) : -1f;
            return new double[] {up, Math.nextUp((float) up), 2 * up, lo, 2 * (double) lo - 1, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        }
        double lo = tr.signed ? (tr.to == I32 ? -2147483649d : Math.nextDown(-up)) : -1d;
        return new double[] {up, Math.nextUp(up), 2 * up, lo, Math.nextDown(lo), 2 * lo - 1, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    }

    /** In-range values near the bounds, with their exact results. */
    private static Map<Double, Long> inRange(Truncation tr) {
        Map<Double, Long> m = new LinkedHashMap<>();
        m.put(0d, 0L);
        m.put(-0d, 0L);
        m.put(0.9, 0L);
        m.put(-0.9, 0L);
        m.put(1.5, 1L);
        double up = tr.upper();
        if (tr.from == F32) {
            double below = Math.nextDown((float) up);
            m.put(below, tr.to == I64 && !tr.signed ? (long) (below / 2) * 2 : (long) below);
        } else if (tr.to == I32) {
            m.put(up - 0.5, (long) (up - 1));
        } else {
            m.put(Math.nextDown(up), tr.signed ? (long) Math.nextDown(up) : (long) (Math.nextDown(up) / 2) * 2);
        }
        if (tr.signed) {
            m.put(-up, (long) -up);
            if (tr.from == F64 && tr.to == I32) {
                m.put(-up - 0.5, (long) -up);
            }
        }
        return m;
    }

    private static long asLong(Object result) {
        return result instanceof Integer ? (long) (Integer) result : (Long) result;
    }

    @Test
    void trappingTruncationsOfNaNAreInvalidConversion() {
        for (Truncation tr : TRUNCATIONS) {
            if (tr.saturating) {
                continue;
            }
            FunctionInstance f = TRUNC.function(tr.name);
            if (tr.from == F32) {
                for (float nan : NANS_F) {
                    assertTrap(TrapKind.INVALID_CONVERSION, () -> f.call(nan));
                }
            } else {
                for (double nan : NANS_D) {
                    assertTrap(TrapKind.INVALID_CONVERSION, () -> f.call(nan));
                }
            }
        }
    }

    @Test
    void trappingTruncationsOfInfinitiesAndOutOfRangeValuesAreIntegerOverflow() {
        for (Truncation tr : TRUNCATIONS) {
            if (tr.saturating) {
                continue;
            }
            FunctionInstance f = TRUNC.function(tr.name);
            for (double x : outOfRange(tr)) {
                Object a = arg(tr, x);
                Trap trap = assertTrap(TrapKind.INTEGER_OVERFLOW, () -> f.call(a));
                assertEquals("integer overflow", trap.getMessage(), tr.name + "(" + a + ")");
            }
        }
    }

    @Test
    void trappingTruncationsOfInRangeValuesAreExact() {
        for (Truncation tr : TRUNCATIONS) {
            FunctionInstance f = TRUNC.function(tr.name);
            for (Map.Entry<Double, Long> e : inRange(tr).entrySet()) {
                Object a = arg(tr, e.getKey());
                long expected = e.getValue();
                Object r = call1(f, a);
                assertEquals(tr.to == I32 ? (long) (int) expected : expected, asLong(r), tr.name + "(" + a + ")");
            }
        }
    }

    @Test
    void saturatingTruncationsNeverTrap() {
        for (Truncation tr : TRUNCATIONS) {
            if (!tr.saturating) {
                continue;
            }
            FunctionInstance f = TRUNC.function(tr.name);
            long max = tr.to == I32 ? (tr.signed ? Integer.MAX_VALUE : -1) : (tr.signed ? Long.MAX_VALUE : -1L);
            long min = tr.signed ? (tr.to == I32 ? Integer.MIN_VALUE : Long.MIN_VALUE) : 0;
            if (tr.from == F32) {
                for (float nan : NANS_F) {
                    assertEquals(0L, asLong(call1(f, nan)), tr.name + "(NaN)");
                }
            } else {
                for (double nan : NANS_D) {
                    assertEquals(0L, asLong(call1(f, nan)), tr.name + "(NaN)");
                }
            }
            for (double x : outOfRange(tr)) {
                Object a = arg(tr, x);
                long expected = x > 0 ? max : min;
                long actual = asLong(call1(f, a));
                assertEquals(tr.to == I32 ? (long) (int) expected : expected, actual, tr.name + "(" + a + ")");
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // call_indirect and unreachable

    /**
     * Table of 4: [0] = {@code inc : (i32) -> i32}, [1] = {@code seven : () -> i32}, [2], [3] null.
     * Exports {@code callUnary(x, i)}, {@code callNullary(i)} and {@code callDup(x, i)}, which
     * names a second type index structurally equal to inc's.
     */
    static Instance indirectModule() {
        WasmBuilder b = new WasmBuilder();
        int unary = b.type(types(I32), types(I32));
        int nullary = b.type(NONE, types(I32));
        int binary = b.type(types(I32, I32), types(I32));
        int unaryAgain = b.type(types(I32), types(I32));
        b.table(ValType.FUNCREF, 4, -1);
        WasmBuilder.Code inc = b.function(unary);
        inc.op(LOCAL_GET, 0).i32Const(1).op(I32_ADD).end();
        WasmBuilder.Code seven = b.function(nullary);
        seven.i32Const(7).end();
        WasmBuilder.Code callUnary = b.function(binary);
        callUnary.op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(CALL_INDIRECT, unary).op(0x00).end();
        WasmBuilder.Code callNullary = b.function(unary);
        callNullary.op(LOCAL_GET, 0).op(CALL_INDIRECT, nullary).op(0x00).end();
        WasmBuilder.Code callDup = b.function(binary);
        callDup.op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(CALL_INDIRECT, unaryAgain).op(0x00).end();
        b.activeElements(0, inc.functionIndex, seven.functionIndex);
        b.exportFunction("callUnary", callUnary.functionIndex);
        b.exportFunction("callNullary", callNullary.functionIndex);
        b.exportFunction("callDup", callDup.functionIndex);
        b.export("table", 1, 0);
        return RobustnessSupport.instantiate(b);
    }

    @Test
    void callIndirectPastTheTableIsUndefinedElement() {
        Instance instance = indirectModule();
        for (int index : new int[] {4, 5, 1000, Integer.MAX_VALUE, 0x8000_0000, -1}) {
            assertTrap(TrapKind.UNDEFINED_ELEMENT, () -> instance.function("callUnary").call(1, index));
            assertTrap(TrapKind.UNDEFINED_ELEMENT, () -> instance.function("callNullary").call(index));
        }
    }

    @Test
    void callIndirectOfANullEntryIsUninitializedElement() {
        Instance instance = indirectModule();
        for (int index : new int[] {2, 3}) {
            assertTrap(TrapKind.UNINITIALIZED_ELEMENT, () -> instance.function("callUnary").call(1, index));
            assertTrap(TrapKind.UNINITIALIZED_ELEMENT, () -> instance.function("callNullary").call(index));
        }
    }

    @Test
    void callIndirectWithTheWrongSignatureIsTypeMismatch() {
        Instance instance = indirectModule();
        assertTrap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, () -> instance.function("callUnary").call(1, 1));
        assertTrap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, () -> instance.function("callNullary").call(0));
        assertTrap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, () -> instance.function("callDup").call(1, 1));
        // A host function of another type placed in the table by the host.
        instance.table("table").set(2, HostFunction.of(FuncType.of(types(I64), types(I32)), (c, a) -> new Object[] {0})
                .toFunctionInstance("host"));
        assertTrap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, () -> instance.function("callUnary").call(1, 2));
    }

    @Test
    void callIndirectWithTheRightSignatureCalls() {
        Instance instance = indirectModule();
        assertEquals(42, call1(instance.function("callUnary"), 41, 0));
        assertEquals(7, call1(instance.function("callNullary"), 1));
        // Type identity is structural (spec 4.4.8): another index of the same type matches.
        assertEquals(-1, call1(instance.function("callDup"), -2, 0));
        // A host function of the right type, put in the table by the host, and a grown table.
        instance.table("table").set(3, HostFunction.of(FuncType.of(types(I32), types(I32)),
                (c, a) -> new Object[] {(Integer) a[0] * 2}).toFunctionInstance("double"));
        assertEquals(84, call1(instance.function("callUnary"), 42, 3));
        assertEquals(4, instance.table("table").grow(1, instance.table("table").get(1)));
        assertEquals(7, call1(instance.function("callNullary"), 4));
    }

    @Test
    void unreachableTraps() {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(NONE, types(I32));
        WasmBuilder.Code direct = b.function(t);
        direct.op(UNREACHABLE).end();
        WasmBuilder.Code nested = b.function(t);
        nested.block(BLOCK, I32).block(LOOP, null).op(CALL, direct.functionIndex).op(0x1A).op(BR, 0).end()
                .i32Const(0).end().end();
        b.exportFunction("direct", direct.functionIndex);
        b.exportFunction("nested", nested.functionIndex);
        Instance instance = RobustnessSupport.instantiate(b);
        Trap trap = assertTrap(TrapKind.UNREACHABLE, () -> instance.function("direct").call());
        assertEquals("unreachable", trap.getMessage());
        assertTrap(TrapKind.UNREACHABLE, () -> instance.function("nested").call());
    }

    // ---------------------------------------------------------------------------------------
    // After a trap, the instance works

    /**
     * One module able to raise every trap kind generated code raises, next to {@code bump()}, which
     * adds 1 to a global and to memory[0] and returns the new global value.
     */
    static WasmBuilder everyTrapModule() {
        WasmBuilder b = new WasmBuilder();
        int v = b.type(NONE, NONE);
        int ri = b.type(NONE, types(I32));
        int ii = b.type(types(I32), types(I32));
        int host = b.importFunction("host", "fail", v);
        b.memory(1, 2);
        b.table(ValType.FUNCREF, 2, -1);
        int g = b.global(I32, true, WasmBuilder.Code.expression().i32Const(0));
        WasmBuilder.Code bump = b.function(ri);
        bump.op(GLOBAL_GET, g).i32Const(1).op(I32_ADD).op(GLOBAL_SET, g)
                .i32Const(0).i32Const(0).mem(I32_LOAD, 2, 0).i32Const(1).op(I32_ADD).mem(I32_STORE, 2, 0)
                .op(GLOBAL_GET, g).end();
        Map<String, WasmBuilder.Code> f = new LinkedHashMap<>();
        f.put("unreachable", b.function(v).op(UNREACHABLE).end());
        f.put("oobMemory", b.function(v).i32Const(2 * 65536).mem(I32_LOAD, 2, 0).op(0x1A).end());
        f.put("oobTable", b.function(v).i32Const(2).op(TABLE_GET, 0).op(0x1A).end());
        f.put("undefinedElement", b.function(v).i32Const(2).op(CALL_INDIRECT, v).op(0x00).end());
        f.put("uninitializedElement", b.function(v).i32Const(1).op(CALL_INDIRECT, v).op(0x00).end());
        f.put("typeMismatch", b.function(v).i32Const(0).op(CALL_INDIRECT, v).op(0x00).end());
        f.put("divideByZero", b.function(v).i32Const(1).i32Const(0).op(0x6D).op(0x1A).end());
        f.put("overflow", b.function(v).i32Const(Integer.MIN_VALUE).i32Const(-1).op(0x6D).op(0x1A).end());
        f.put("invalidConversion", b.function(v).f32Const(0x7FC00000).op(0xA8).op(0x1A).end());
        WasmBuilder.Code forever = b.function(v);
        forever.op(CALL, forever.functionIndex).end();
        f.put("callStackExhausted", forever);
        f.put("spin", b.function(v).block(LOOP, null).op(BR, 0).end().end());
        f.put("hostError", b.function(v).op(CALL, host).end());
        // Writes memory[0] := 100 + global, then traps: the write stays (traps do not roll back).
        f.put("writeThenTrap", b.function(v).i32Const(0).i32Const(100).op(GLOBAL_GET, g).op(I32_ADD).mem(I32_STORE, 2, 0)
                .op(UNREACHABLE).end());
        WasmBuilder.Code identity = b.function(ii);
        identity.op(LOCAL_GET, 0).end();
        b.activeElements(0, identity.functionIndex);
        b.exportFunction("bump", bump.functionIndex);
        f.forEach((name, code) -> b.exportFunction(name, code.functionIndex));
        return b;
    }

    static final Map<String, TrapKind> EVERY_TRAP = new LinkedHashMap<>();

    static {
        EVERY_TRAP.put("unreachable", TrapKind.UNREACHABLE);
        EVERY_TRAP.put("oobMemory", TrapKind.OUT_OF_BOUNDS_MEMORY);
        EVERY_TRAP.put("oobTable", TrapKind.OUT_OF_BOUNDS_TABLE);
        EVERY_TRAP.put("undefinedElement", TrapKind.UNDEFINED_ELEMENT);
        EVERY_TRAP.put("uninitializedElement", TrapKind.UNINITIALIZED_ELEMENT);
        EVERY_TRAP.put("typeMismatch", TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
        EVERY_TRAP.put("divideByZero", TrapKind.INTEGER_DIVIDE_BY_ZERO);
        EVERY_TRAP.put("overflow", TrapKind.INTEGER_OVERFLOW);
        EVERY_TRAP.put("invalidConversion", TrapKind.INVALID_CONVERSION);
        EVERY_TRAP.put("callStackExhausted", TrapKind.CALL_STACK_EXHAUSTED);
        EVERY_TRAP.put("spin", TrapKind.INTERRUPTED);
        EVERY_TRAP.put("hostError", TrapKind.HOST_ERROR);
        EVERY_TRAP.put("writeThenTrap", TrapKind.UNREACHABLE);
    }

    @ParameterizedTest(name = "split into regions: {0}")
    @ValueSource(booleans = {false, true})
    void instanceStaysUsableAfterEveryTrapKind(boolean split) {
        RuntimeException hostFailure = new IllegalStateException("host failure");
        HostFunction fail = HostFunction.of(FuncType.of(NONE, NONE), (caller, args) -> {
            throw hostFailure;
        });
        Instance instance = RobustnessSupport.compile(everyTrapModule(), split)
                .instantiate(new Imports().function("host", "fail", fail), InstanceConfig.DEFAULT.withMaxCallDepth(500));
        int expectedGlobal = 0;
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, TrapKind> e : EVERY_TRAP.entrySet()) {
                FunctionInstance f = instance.function(e.getKey());
                ScheduledFuture<?> deadline =
                        e.getValue() == TrapKind.INTERRUPTED ? instance.interruptAfter(Duration.ofMillis(20)) : null;
                Trap trap = assertTrap(e.getValue(), f::call);
                if (deadline != null) {
                    deadline.cancel(false);
                }
                if (e.getValue() == TrapKind.HOST_ERROR) {
                    assertSame(hostFailure, trap.getCause());
                }
                if (e.getKey().equals("writeThenTrap")) {
                    assertEquals(100 + expectedGlobal, instance.memory().readInt(0), "the write before the trap");
                    instance.memory().writeInt(0, expectedGlobal);
                }
                expectedGlobal++;
                assertEquals(expectedGlobal, call1(instance.function("bump")), "bump after " + e.getKey());
                assertEquals(expectedGlobal, instance.memory().readInt(0), "memory after " + e.getKey());
                assertEquals(1, instance.memory().pages());
            }
        }
        assertTrue(expectedGlobal > 0);
        callOk(instance.function("bump"));
    }

    // ---------------------------------------------------------------------------------------
    // Randomized: only results or traps, and the traps a model predicts

    /** Seed of the randomized test; printed with every failure so it can be replayed. */
    private static final long SEED = 0x5EED_2024L;
    private static final int RANDOM_MODULES = 900;

    /** What a randomized case expects: a trap of some kind, or results (null: do not check them). */
    private record Expect(TrapKind trap, Object[] results) {
        static Expect trap(TrapKind kind) {
            return new Expect(kind, null);
        }

        static Expect value(Object... results) {
            return new Expect(null, results);
        }

        static Expect anyValue() {
            return new Expect(null, null);
        }
    }

    /** Runs one case; returns the trap kind seen, or null for a return. Anything else fails. */
    private static TrapKind check(String what, Expect expect, FunctionInstance f, Object... args) {
        Object[] results;
        try {
            results = f.call(args);
        } catch (Trap t) {
            if (expect.trap != t.kind()) {
                throw new AssertionFailedError(what + ": expected " + describe(expect) + ", trapped "
                        + t.kind(), describe(expect), t.kind(), t);
            }
            return t.kind();
        } catch (Throwable t) {
            throw new AssertionFailedError(what + ": " + t + " escaped; only Trap may", t);
        }
        if (expect.trap != null) {
            throw new AssertionFailedError(what + ": expected trap " + expect.trap + ", returned "
                    + Arrays.toString(results));
        }
        if (expect.results != null) {
            assertArrayEquals(expect.results, results, what);
        }
        return null;
    }

    private static String describe(Expect e) {
        return e.trap != null ? "trap " + e.trap : e.results == null ? "any result" : Arrays.toString(e.results);
    }

    /** Edge-biased 32-bit value: often 0, 1, -1, MIN, MAX, near {@code edge}; otherwise random. */
    private static int pickInt(Random r, int edge) {
        switch (r.nextInt(12)) {
            case 0: return 0;
            case 1: return 1;
            case 2: return -1;
            case 3: return Integer.MIN_VALUE;
            case 4: return Integer.MAX_VALUE;
            case 5: return edge;
            case 6: return edge - 1 - r.nextInt(8);
            case 7: return edge + 1 + r.nextInt(8);
            case 8: return -1 - r.nextInt(16);
            case 9: return r.nextInt(Math.max(1, edge + 16));
            default: return r.nextInt();
        }
    }

    private static long pickLong(Random r) {
        switch (r.nextInt(9)) {
            case 0: return 0;
            case 1: return 1;
            case 2: return -1;
            case 3: return Long.MIN_VALUE;
            case 4: return Long.MAX_VALUE;
            case 5: return Integer.MIN_VALUE;
            case 6: return r.nextInt(100) - 50;
            default: return r.nextLong();
        }
    }

    private static final int[][] LOADS = {
        // opcode, width, result: 0 i32, 1 i64, 2 f32, 3 f64; signed narrow: 1
        {0x28, 4, 0, 0}, {0x29, 8, 1, 0}, {0x2A, 4, 2, 0}, {0x2B, 8, 3, 0}, {0x2C, 1, 0, 1}, {0x2D, 1, 0, 0},
        {0x2E, 2, 0, 1}, {0x2F, 2, 0, 0}, {0x30, 1, 1, 1}, {0x31, 1, 1, 0}, {0x32, 2, 1, 1}, {0x33, 2, 1, 0},
        {0x34, 4, 1, 1}, {0x35, 4, 1, 0}};
    private static final int[][] STORES = {
        // opcode, width, value type: 0 i32, 1 i64, 2 f32, 3 f64
        {0x36, 4, 0}, {0x37, 8, 1}, {0x38, 4, 2}, {0x39, 8, 3}, {0x3A, 1, 0}, {0x3B, 2, 0}, {0x3C, 1, 1}, {0x3D, 2, 1},
        {0x3E, 4, 1}};
    private static final ValType[] NUM = {I32, I64, F32, F64};

    private static long pickOffset(Random r, int size, int width) {
        long[] edges = {0, 1, width, size - width, size - width + 1L, size, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL,
            0xFFFF_FFFFL - size};
        return r.nextBoolean() ? Math.max(0, edges[r.nextInt(edges.length)]) : r.nextInt(Math.max(1, size + 64));
    }

    /** An address, often one that puts the access at, just before or just past the end of memory. */
    private static int pickAddress(Random r, int size, int width, long offset) {
        if (r.nextInt(3) == 0) {
            return (int) (size - width - offset + r.nextInt(3) - 1);
        }
        return pickInt(r, size - width);
    }

    private static void randomLoad(Random r, String what, Map<String, Integer> seen) {
        int pages = r.nextInt(3);
        int size = pages * 65536;
        int[] op = LOADS[r.nextInt(LOADS.length)];
        int width = op[1];
        long offset = pickOffset(r, size, width);
        int addr = pickAddress(r, size, width, offset);
        WasmBuilder b = new WasmBuilder();
        int t = b.type(NONE, types(NUM[op[2]]));
        b.memory(pages, -1);
        b.function(t).i32Const(addr).mem(op[0], Integer.numberOfTrailingZeros(width), offset).end();
        b.exportFunction("f", 0);
        Instance instance = RobustnessSupport.instantiate(b);
        byte[] bytes = new byte[size];
        r.nextBytes(bytes);
        instance.memory().write(0, bytes);
        long ea = Integer.toUnsignedLong(addr) + offset;
        Expect expect;
        if (ea + width > size) {
            expect = Expect.trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        } else {
            long raw = 0;
            for (int i = width - 1; i >= 0; i--) {
                raw = (raw << 8) | (bytes[(int) ea + i] & 0xFF);
            }
            if (op[3] == 1) {
                raw = (raw << (64 - 8 * width)) >> (64 - 8 * width);
            }
            // Floats are compared through their bits below; NaN payloads are not checked.
            expect = op[2] >= 2 ? Expect.anyValue() : Expect.value(op[2] == 0 ? (Object) (int) raw : (Object) raw);
        }
        record(seen, check(what + " load op 0x" + Integer.toHexString(op[0]) + " addr " + Integer.toUnsignedString(addr)
                + " offset " + offset + " pages " + pages, expect, instance.function("f")));
    }

    private static void randomStore(Random r, String what, Map<String, Integer> seen) {
        int pages = r.nextInt(3);
        int size = pages * 65536;
        int[] op = STORES[r.nextInt(STORES.length)];
        int width = op[1];
        long offset = pickOffset(r, size, width);
        int addr = pickAddress(r, size, width, offset);
        long bits = r.nextLong() | 0x0101010101010101L; // no zero byte, so a write is visible
        WasmBuilder b = new WasmBuilder();
        int t = b.type(NONE, NONE);
        b.memory(pages, -1);
        WasmBuilder.Code f = b.function(t).i32Const(addr);
        switch (op[2]) {
            case 0: f.i32Const((int) bits); break;
            case 1: f.i64Const(bits); break;
            case 2: f.f32Const((int) bits & 0xBFFF_FFFF); break;  // never NaN: bits survive the JVM
            default: f.f64Const(bits & 0xBFFF_FFFF_FFFF_FFFFL); break;
        }
        f.mem(op[0], Integer.numberOfTrailingZeros(width), offset).end();
        b.exportFunction("f", 0);
        Instance instance = RobustnessSupport.instantiate(b);
        long ea = Integer.toUnsignedLong(addr) + offset;
        boolean oob = ea + width > size;
        String desc = what + " store op 0x" + Integer.toHexString(op[0]) + " addr " + Integer.toUnsignedString(addr)
                + " offset " + offset + " pages " + pages;
        record(seen, check(desc, oob ? Expect.trap(TrapKind.OUT_OF_BOUNDS_MEMORY) : Expect.value(), instance.function("f")));
        byte[] after = instance.memory().read(0, size);
        long written = op[2] == 2 ? (int) bits & 0xBFFF_FFFF : op[2] == 3 ? bits & 0xBFFF_FFFF_FFFF_FFFFL : bits;
        for (int i = 0; i < size; i++) {
            byte expected = !oob && i >= ea && i < ea + width ? (byte) (written >>> (8 * (i - ea))) : 0;
            if (after[i] != expected) {
                throw new AssertionError(desc + ": byte " + i + " is " + after[i] + ", expected " + expected);
            }
        }
    }

    private static void randomDivision(Random r, String what, Map<String, Integer> seen) {
        String[] names = DIVISIONS.keySet().toArray(new String[0]);
        String name = names[r.nextInt(names.length)];
        boolean wide = name.startsWith("i64");
        long a = wide ? pickLong(r) : pickInt(r, 7);
        long d = wide ? pickLong(r) : pickInt(r, 7);
        if (r.nextInt(4) == 0) {
            d = r.nextBoolean() ? 0 : -1;
            a = r.nextBoolean() ? a : wide ? Long.MIN_VALUE : Integer.MIN_VALUE;
        }
        WasmBuilder b = new WasmBuilder();
        int t = b.type(NONE, types(wide ? I64 : I32));
        WasmBuilder.Code f = b.function(t);
        if (wide) {
            f.i64Const(a).i64Const(d);
        } else {
            f.i32Const((int) a).i32Const((int) d);
        }
        f.op(DIVISIONS.get(name)).end();
        b.exportFunction("f", 0);
        Instance instance = RobustnessSupport.instantiate(b);
        Expect expect;
        if (d == 0) {
            expect = Expect.trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        } else if (name.endsWith("div_s") && d == -1 && a == (wide ? Long.MIN_VALUE : Integer.MIN_VALUE)) {
            expect = Expect.trap(TrapKind.INTEGER_OVERFLOW);
        } else if (wide) {
            long v;
            switch (name) {
                case "i64.div_s": v = a / d; break;
                case "i64.div_u": v = Long.divideUnsigned(a, d); break;
                case "i64.rem_s": v = a % d; break;
                default: v = Long.remainderUnsigned(a, d); break;
            }
            expect = Expect.value(v);
        } else {
            int x = (int) a;
            int y = (int) d;
            int v;
            switch (name) {
                case "i32.div_s": v = x / y; break;
                case "i32.div_u": v = Integer.divideUnsigned(x, y); break;
                case "i32.rem_s": v = x % y; break;
                default: v = Integer.remainderUnsigned(x, y); break;
            }
            expect = Expect.value(v);
        }
        record(seen, check(what + " " + name + "(" + a + ", " + d + ")", expect, instance.function("f")));
    }

    private static void randomTruncation(Random r, String what, Map<String, Integer> seen) {
        Truncation tr = TRUNCATIONS[r.nextInt(TRUNCATIONS.length)];
        double x;
        long bits;
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, tr.upper(), -tr.upper(),
            -1, -0.5, 0, -0.0, tr.upper() - 1, -tr.upper() - 1, 2 * tr.upper()};
        if (tr.from == F32) {
            float v;
            switch (r.nextInt(4)) {
                case 0: v = (float) specials[r.nextInt(specials.length)]; break;
                case 1: v = Float.intBitsToFloat(r.nextInt()); break;
                case 2: v = Math.nextUp((float) specials[r.nextInt(specials.length)]); break;
                default: v = Math.nextDown((float) specials[r.nextInt(specials.length)]); break;
            }
            bits = Float.floatToRawIntBits(v);
            x = v;
        } else {
            switch (r.nextInt(4)) {
                case 0: x = specials[r.nextInt(specials.length)]; break;
                case 1: x = Double.longBitsToDouble(r.nextLong()); break;
                case 2: x = Math.nextUp(specials[r.nextInt(specials.length)]); break;
                default: x = Math.nextDown(specials[r.nextInt(specials.length)]); break;
            }
            bits = Double.doubleToRawLongBits(x);
        }
        WasmBuilder b = new WasmBuilder();
        int t = b.type(NONE, types(tr.to));
        WasmBuilder.Code f = b.function(t);
        if (tr.from == F32) {
            f.f32Const((int) bits);
        } else {
            f.f64Const(bits);
        }
        if (tr.saturating) {
            f.fc(tr.opcode);
        } else {
            f.op(tr.opcode);
        }
        f.end();
        b.exportFunction("f", 0);
        Instance instance = RobustnessSupport.instantiate(b);
        BigInteger min = tr.signed ? BigInteger.ONE.shiftLeft(tr.to == I32 ? 31 : 63).negate()
                : BigInteger.ZERO;
        BigInteger max = BigInteger.ONE.shiftLeft(tr.to == I32 ? (tr.signed ? 31 : 32) : (tr.signed ? 63 : 64))
                .subtract(BigInteger.ONE);
        Expect expect;
        long result;
        if (Double.isNaN(x)) {
            expect = tr.saturating ? Expect.value(zeroOf(tr)) : Expect.trap(TrapKind.INVALID_CONVERSION);
        } else {
            BigInteger v = Double.isInfinite(x) ? (x > 0 ? max.add(max) .add(BigInteger.TWO)
                    : min.subtract(max).subtract(BigInteger.TWO))
                    : new BigDecimal(x).setScale(0, RoundingMode.DOWN).toBigInteger();
            boolean inRange = v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
            if (!inRange && !tr.saturating) {
                expect = Expect.trap(TrapKind.INTEGER_OVERFLOW);
            } else {
                BigInteger clamped = v.compareTo(min) < 0 ? min : v.compareTo(max) > 0 ? max : v;
                result = clamped.longValue();
                expect = Expect.value(tr.to == I32 ? (Object) (int) result : (Object) result);
            }
        }
        record(seen, check(what + " " + tr.name + "(" + x + ", bits 0x" + Long.toHexString(bits) + ")", expect,
                instance.function("f")));
    }

    private static Object zeroOf(Truncation tr) {
        return tr.to == I32 ? (Object) 0 : (Object) 0L;
    }

    private static void randomCallIndirect(Random r, String what, Map<String, Integer> seen) {
        int size = r.nextInt(5);
        WasmBuilder b = new WasmBuilder();
        int unary = b.type(types(I32), types(I32));
        int nullary = b.type(NONE, types(I32));
        int binary = b.type(types(I32, I32), types(I32));
        b.table(ValType.FUNCREF, size, -1);
        WasmBuilder.Code inc = b.function(unary).op(LOCAL_GET, 0).i32Const(1).op(I32_ADD).end();
        WasmBuilder.Code seven = b.function(nullary).i32Const(7).end();
        WasmBuilder.Code callA = b.function(binary).op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(CALL_INDIRECT, unary).op(0x00).end();
        WasmBuilder.Code callB = b.function(unary).op(LOCAL_GET, 0).op(CALL_INDIRECT, nullary).op(0x00).end();
        int[] slots = new int[size];  // 0 null, 1 inc, 2 seven
        for (int i = 0; i < size; i++) {
            slots[i] = r.nextInt(3);
            if (slots[i] != 0) {
                b.activeElements(i, slots[i] == 1 ? inc.functionIndex : seven.functionIndex);
            }
        }
        b.exportFunction("callA", callA.functionIndex);
        b.exportFunction("callB", callB.functionIndex);
        Instance instance = RobustnessSupport.instantiate(b);
        for (int k = 0; k < 4; k++) {
            int index = pickInt(r, size);
            boolean useA = r.nextBoolean();
            int x = r.nextInt();
            Expect expect;
            if (Integer.compareUnsigned(index, size) >= 0) {
                expect = Expect.trap(TrapKind.UNDEFINED_ELEMENT);
            } else if (slots[index] == 0) {
                expect = Expect.trap(TrapKind.UNINITIALIZED_ELEMENT);
            } else if (slots[index] != (useA ? 1 : 2)) {
                expect = Expect.trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
            } else {
                expect = Expect.value(useA ? x + 1 : 7);
            }
            String desc = what + " call_indirect " + (useA ? "(i32)->i32" : "()->i32") + " index " + index + " of table "
                    + Arrays.toString(slots);
            if (useA) {
                record(seen, check(desc, expect, instance.function("callA"), x, index));
            } else {
                record(seen, check(desc, expect, instance.function("callB"), index));
            }
        }
    }

    private static void randomBulk(Random r, String what, Map<String, Integer> seen) {
        int pages = r.nextInt(4) == 0 ? 0 : 1;
        int size = pages * 65536;
        boolean fill = r.nextBoolean();
        int d = pickInt(r, size);
        int s = pickInt(r, size);
        int n = r.nextBoolean() ? pickInt(r, 16) : pickInt(r, size);
        WasmBuilder b = new WasmBuilder();
        b.type(NONE, NONE);
        b.memory(pages, -1);
        WasmBuilder.Code f = b.function(0).i32Const(d).i32Const(s).i32Const(n);
        if (fill) {
            f.fc(MEMORY_FILL).op(0x00);
        } else {
            f.fc(MEMORY_COPY).op(0x00).op(0x00);
        }
        f.end();
        b.exportFunction("f", 0);
        Instance instance = RobustnessSupport.instantiate(b);
        byte[] before = new byte[size];
        r.nextBytes(before);
        instance.memory().write(0, before);
        long end = Integer.toUnsignedLong(d) + Integer.toUnsignedLong(n);
        long srcEnd = Integer.toUnsignedLong(s) + Integer.toUnsignedLong(n);
        boolean oob = end > size || (!fill && srcEnd > size);
        String desc = what + (fill ? " memory.fill(" : " memory.copy(") + d + ", " + s + ", " + n + ") on " + pages + " pages";
        record(seen, check(desc, oob ? Expect.trap(TrapKind.OUT_OF_BOUNDS_MEMORY) : Expect.value(), instance.function("f")));
        byte[] expected = before.clone();
        if (!oob) {
            if (fill) {
                Arrays.fill(expected, d, d + n, (byte) s);
            } else {
                System.arraycopy(before, s, expected, d, n);
            }
        }
        assertArrayEquals(expected, instance.memory().read(0, size), desc + ": memory");
    }

    private static void randomGrow(Random r, String what, Map<String, Integer> seen) {
        int min = r.nextInt(3);
        int max = r.nextInt(3) == 0 ? -1 : min + r.nextInt(4);
        int cap = min + r.nextInt(5);
        int[] deltas = {0, 1, 2, 3, 5, 0xFFFF, 0x10000, -1, 0x8000_0000, r.nextInt()};
        int delta = deltas[r.nextInt(deltas.length)];
        WasmBuilder b = new WasmBuilder();
        int ii = b.type(types(I32), types(I32));
        b.memory(min, max);
        b.function(ii).op(LOCAL_GET, 0).op(0x40, 0).end();
        b.function(ii).op(LOCAL_GET, 0).mem(0x28, 2, 0).end();
        b.exportFunction("grow", 0);
        b.exportFunction("load", 1);
        Instance instance = WasmModule.compile(b.build()).instantiate(new Imports(),
                InstanceConfig.DEFAULT.withMaxMemoryPages(cap));
        long limit = Math.min(max < 0 ? 65536 : max, cap);
        boolean fits = min + Integer.toUnsignedLong(delta) <= limit;
        int pages = fits ? min + delta : min;
        String desc = what + " memory.grow(" + Integer.toUnsignedString(delta) + ") from " + min + " max " + max + " cap " + cap;
        record(seen, check(desc, Expect.value(fits ? min : -1), instance.function("grow"), delta));
        assertEquals(pages, instance.memory().pages(), desc);
        if (pages > 0) {
            record(seen, check(desc + ", last word", Expect.value(0), instance.function("load"), pages * 65536 - 4));
        }
        record(seen, check(desc + ", past the end", Expect.trap(TrapKind.OUT_OF_BOUNDS_MEMORY), instance.function("load"),
                pages * 65536 - 3));
    }

    private static final WasmModule RECURSION = WasmModule.compile(FunctionInstanceTest.recursionModule().build());

    private static void randomRecursion(Random r, String what, Map<String, Integer> seen) {
        int depth = 1 + r.nextInt(300);
        int k = r.nextInt(2) == 0 ? depth - 1 + r.nextInt(3) - 1 : r.nextInt(400);
        k = Math.max(0, k);
        Instance instance = RECURSION.instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxCallDepth(depth));
        String name = r.nextBoolean() ? "rec" : "recIndirect";
        Expect expect = k + 1 > depth ? Expect.trap(TrapKind.CALL_STACK_EXHAUSTED) : Expect.value(k);
        record(seen, check(what + " " + name + "(" + k + ") with maxCallDepth " + depth, expect, instance.function(name), k));
    }

    private static void randomTableOps(Random r, String what, Map<String, Integer> seen) {
        int size = r.nextInt(5);
        int max = r.nextBoolean() ? -1 : size + r.nextInt(3);
        WasmBuilder b = new WasmBuilder();
        int ii = b.type(types(I32), types(I32));
        int iii = b.type(types(I32, I32), types(I32));
        b.table(ValType.FUNCREF, size, max);
        WasmBuilder.Code seven = b.function(b.type(NONE, types(I32))).i32Const(7).end();
        // isNull(i) = ref.is_null(table.get i); set(i) = table.set i (ref.func seven), returns 0;
        // fill(d, n) = table.fill d null n, returns 0; grow(n) = table.grow null n.
        WasmBuilder.Code isNull = b.function(ii).op(LOCAL_GET, 0).op(TABLE_GET, 0).op(0xD1).end();
        WasmBuilder.Code set = b.function(ii).op(LOCAL_GET, 0).op(0xD2, seven.functionIndex).op(TABLE_SET, 0).i32Const(0).end();
        WasmBuilder.Code fillT = b.function(iii).op(LOCAL_GET, 0).op(0xD0).op(0x70).op(LOCAL_GET, 1).fc(TABLE_FILL).op(0x00)
                .i32Const(0).end();
        WasmBuilder.Code grow = b.function(ii).op(0xD0).op(0x70).op(LOCAL_GET, 0).fc(TABLE_GROW).op(0x00).end();
        b.exportFunction("isNull", isNull.functionIndex);
        b.exportFunction("set", set.functionIndex);
        b.exportFunction("fill", fillT.functionIndex);
        b.exportFunction("grow", grow.functionIndex);
        // ref.func needs a declaration: a declarative element segment is missing from WasmBuilder,
        // so export seven, which also declares it (spec 3.4.10: C.refs includes exported functions).
        b.exportFunction("seven", seven.functionIndex);
        b.export("t", 1, 0);
        Instance instance = RobustnessSupport.instantiate(b);
        int current = size;
        for (int k = 0; k < 4; k++) {
            int op = r.nextInt(4);
            int i = pickInt(r, current);
            int n = pickInt(r, 3);
            boolean oob = Integer.compareUnsigned(i, current) >= 0;
            String desc = what + " table op " + op + " (" + i + ", " + n + ") on size " + current + " max " + max;
            switch (op) {
                case 0:
                    record(seen, check(desc, oob ? Expect.trap(TrapKind.OUT_OF_BOUNDS_TABLE) : Expect.anyValue(),
                            instance.function("isNull"), i));
                    break;
                case 1:
                    record(seen, check(desc, oob ? Expect.trap(TrapKind.OUT_OF_BOUNDS_TABLE) : Expect.value(0),
                            instance.function("set"), i));
                    break;
                case 2:
                    boolean fillOob = Integer.toUnsignedLong(i) + Integer.toUnsignedLong(n) > current;
                    record(seen, check(desc, fillOob ? Expect.trap(TrapKind.OUT_OF_BOUNDS_TABLE) : Expect.value(0),
                            instance.function("fill"), i, n));
                    break;
                default:
                    long limit = max < 0 ? Table.DEFAULT_MAX_ELEMENTS : max;
                    boolean fits = current + Integer.toUnsignedLong(n) <= limit;
                    record(seen, check(desc, Expect.value(fits ? current : -1), instance.function("grow"), n));
                    if (fits) {
                        current += n;
                    }
                    break;
            }
            assertEquals(current, instance.table("t").size(), desc);
        }
    }

    private static void record(Map<String, Integer> seen, TrapKind kind) {
        seen.merge(kind == null ? "return" : kind.name(), 1, Integer::sum);
    }

    @FunctionalInterface
    private interface Template {
        void run(Random r, String what, Map<String, Integer> seen);
    }

    /**
     * A few hundred small modules from nine templates with random constants (addresses, offsets,
     * divisors, float bit patterns, table indices, depths, deltas): every call returns or throws a
     * Trap, and what it does agrees with a model of the spec. Each failure names the seed, the
     * case number and the constants.
     */
    @Test
    void randomModulesOnlyReturnOrTrap() {
        Template[] templates = {
            TrapsTest::randomLoad, TrapsTest::randomStore, TrapsTest::randomDivision, TrapsTest::randomTruncation,
            TrapsTest::randomCallIndirect, TrapsTest::randomBulk, TrapsTest::randomGrow, TrapsTest::randomRecursion,
            TrapsTest::randomTableOps};
        Random random = new Random(SEED);
        Map<String, Integer> seen = new TreeMap<>();
        for (int i = 0; i < RANDOM_MODULES; i++) {
            long caseSeed = random.nextLong();
            String what = "seed " + Long.toHexString(SEED) + " case " + i;
            templates[i % templates.length].run(new Random(caseSeed), what, seen);
        }
        // The constants reached every trap kind the templates can raise, and plain returns.
        for (String outcome : new String[] {"OUT_OF_BOUNDS_MEMORY", "OUT_OF_BOUNDS_TABLE", "UNDEFINED_ELEMENT",
            "UNINITIALIZED_ELEMENT", "INDIRECT_CALL_TYPE_MISMATCH", "INTEGER_DIVIDE_BY_ZERO", "INTEGER_OVERFLOW",
            "INVALID_CONVERSION", "CALL_STACK_EXHAUSTED", "return"}) {
            assertTrue(seen.getOrDefault(outcome, 0) > 0, "no case ended as " + outcome + ": " + seen);
        }
    }
}
