package dev.airlock.wasm.runtime;

import static dev.airlock.wasm.runtime.RobustnessSupport.F32;
import static dev.airlock.wasm.runtime.RobustnessSupport.F64;
import static dev.airlock.wasm.runtime.RobustnessSupport.I32;
import static dev.airlock.wasm.runtime.RobustnessSupport.I64;
import static dev.airlock.wasm.runtime.RobustnessSupport.LOCAL_GET;
import static dev.airlock.wasm.runtime.RobustnessSupport.MEMORY_COPY;
import static dev.airlock.wasm.runtime.RobustnessSupport.MEMORY_FILL;
import static dev.airlock.wasm.runtime.RobustnessSupport.MEMORY_GROW;
import static dev.airlock.wasm.runtime.RobustnessSupport.MEMORY_INIT;
import static dev.airlock.wasm.runtime.RobustnessSupport.MEMORY_SIZE;
import static dev.airlock.wasm.runtime.RobustnessSupport.NONE;
import static dev.airlock.wasm.runtime.RobustnessSupport.assertTrap;
import static dev.airlock.wasm.runtime.RobustnessSupport.call1;
import static dev.airlock.wasm.runtime.RobustnessSupport.callOk;
import static dev.airlock.wasm.runtime.RobustnessSupport.callOrTrap;
import static dev.airlock.wasm.runtime.RobustnessSupport.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.testing.WasmBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linear memory under hostile use: {@code memory.grow} to absurd sizes, loads and stores of every
 * width at every interesting address and static offset, bulk operations out of bounds, and
 * memories too large to instantiate.
 */
class MemoryTest {
    private static final int PAGE = MemoryType.PAGE_SIZE;

    // ---------------------------------------------------------------------------------------
    // memory.grow

    /** Exports {@code grow(delta)}, {@code size()}, {@code load(addr)}, {@code store(addr, v)}. */
    private static WasmBuilder growModule(long min, long max) {
        WasmBuilder b = new WasmBuilder();
        int unary = b.type(types(I32), types(I32));
        int nullary = b.type(NONE, types(I32));
        int store = b.type(types(I32, I32), NONE);
        b.memory(min, max);
        WasmBuilder.Code grow = b.function(unary);
        grow.op(LOCAL_GET, 0).op(MEMORY_GROW, 0).end();
        WasmBuilder.Code size = b.function(nullary);
        size.op(MEMORY_SIZE, 0).end();
        WasmBuilder.Code load = b.function(unary);
        load.op(LOCAL_GET, 0).mem(0x28, 2, 0).end();
        WasmBuilder.Code st = b.function(store);
        st.op(LOCAL_GET, 0).op(LOCAL_GET, 1).mem(0x36, 2, 0).end();
        b.exportFunction("grow", grow.functionIndex);
        b.exportFunction("size", size.functionIndex);
        b.exportFunction("load", load.functionIndex);
        b.exportFunction("store", st.functionIndex);
        b.export("mem", 2, 0);
        return b;
    }

    private static void assertGrowFails(Instance instance, int delta, int pagesBefore) {
        assertEquals(-1, call1(instance.function("grow"), delta), "memory.grow " + Integer.toUnsignedString(delta));
        assertEquals(pagesBefore, call1(instance.function("size")));
        assertEquals(pagesBefore, instance.memory().pages());
        assertEquals(pagesBefore * PAGE, instance.memory().byteSize());
    }

    @ParameterizedTest(name = "delta {0}")
    @ValueSource(ints = {0xFFFF, 0x10000, 0xFFFF_FFFF, 0x8000_0000, 0x7FFF_FFFF, Memory.MAX_PAGES_ON_JVM})
    void growToHugeSizesReturnsMinusOneAndChangesNothing(int delta) {
        Instance instance = RobustnessSupport.instantiate(growModule(1, -1));
        callOk(instance.function("store"), 0, 0x12345678);
        callOk(instance.function("store"), PAGE - 4, 0x0BADF00D);
        byte[] before = instance.memory().read(0, PAGE);

        assertGrowFails(instance, delta, 1);
        assertArrayEquals(before, instance.memory().read(0, PAGE));
        assertEquals(0x12345678, call1(instance.function("load"), 0));
        assertEquals(0x0BADF00D, call1(instance.function("load"), PAGE - 4));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> instance.function("load").call(PAGE));

        // A normal grow still works, and Wasm code sees the new page at once.
        assertEquals(1, call1(instance.function("grow"), 1));
        assertEquals(2, call1(instance.function("size")));
        callOk(instance.function("store"), 2 * PAGE - 4, 77);
        assertEquals(77, call1(instance.function("load"), 2 * PAGE - 4));
        assertEquals(0, call1(instance.function("load"), PAGE));
        assertEquals(0x12345678, call1(instance.function("load"), 0));
    }

    /**
     * Generated code caches the memory array; after a grow, by the function itself inside nested
     * blocks, by a callee, or by a host function, the rest of the function must see the new size
     * (split into region methods or not).
     */
    @ParameterizedTest(name = "split into regions: {0}")
    @ValueSource(booleans = {false, true})
    void growIsSeenByTheRestOfTheFunction(boolean split) {
        WasmBuilder b = new WasmBuilder();
        int ri = b.type(NONE, types(I32));
        int v = b.type(NONE, NONE);
        int hostGrow = b.importFunction("host", "grow", v);
        b.memory(1, -1);
        WasmBuilder.Code callee = b.function(v);
        callee.block(0x02, null).i32Const(1).op(MEMORY_GROW, 0).op(0x1A).end().end();
        // In nested blocks: grow by 1, store at the new page; call the callee (grows to 3), store
        // in page 2; call the host (grows to 4), store in page 3; return the sum of the three loads.
        WasmBuilder.Code f = b.function(ri);
        f.block(0x02, null).block(0x02, null).i32Const(1).op(MEMORY_GROW, 0).op(0x1A).end().end()
                .block(0x02, null).i32Const(PAGE).i32Const(1).mem(0x36, 2, 0).end()
                .block(0x02, null).op(0x10, callee.functionIndex).end()
                .i32Const(2 * PAGE).i32Const(20).mem(0x36, 2, 0)
                .block(0x02, null).block(0x02, null).op(0x10, hostGrow).end().end()
                .i32Const(3 * PAGE).i32Const(300).mem(0x36, 2, 0)
                .block(0x02, I32)
                .i32Const(PAGE).mem(0x28, 2, 0).i32Const(2 * PAGE).mem(0x28, 2, 0).op(0x6A)
                .i32Const(3 * PAGE).mem(0x28, 2, 0).op(0x6A)
                .end()
                .op(MEMORY_SIZE, 0).i32Const(1000).op(0x6C).op(0x6A)
                .end();
        b.exportFunction("f", f.functionIndex);
        HostFunction grow = HostFunction.of(FuncType.of(NONE, NONE), (caller, args) -> {
            assertEquals(3, caller.memory().grow(1));
            return null;
        });
        Instance instance = RobustnessSupport.compile(b, split).instantiate(new Imports().function("host", "grow", grow));
        assertEquals(321 + 4000, call1(instance.function("f")));
        assertEquals(4, instance.memory().pages());
    }

    @Test
    void growBeyondTheConfiguredCapReturnsMinusOne() {
        Instance instance = WasmModule.compile(growModule(1, -1).build())
                .instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxMemoryPages(4));
        assertEquals(4, instance.memory().maxPages());
        assertGrowFails(instance, 4, 1);
        assertGrowFails(instance, 0xFFFF_FFFF, 1);
        assertEquals(1, call1(instance.function("grow"), 3));
        assertEquals(4, call1(instance.function("grow"), 0));
        assertGrowFails(instance, 1, 4);
        callOk(instance.function("store"), 4 * PAGE - 4, 9);
        assertEquals(9, call1(instance.function("load"), 4 * PAGE - 4));
        // The host's Memory.grow obeys the same cap.
        assertEquals(-1, instance.memory().grow(1));
        assertEquals(4, instance.memory().pages());
    }

    @Test
    void growBeyondTheDeclaredMaximumReturnsMinusOne() {
        Instance instance = RobustnessSupport.instantiate(growModule(1, 3));
        assertEquals(3, instance.memory().maxPages());
        assertGrowFails(instance, 3, 1);
        assertGrowFails(instance, 0x10000, 1);
        assertEquals(1, call1(instance.function("grow"), 2));
        assertGrowFails(instance, 1, 3);
        assertEquals(3, call1(instance.function("grow"), 0));
    }

    @Test
    void growOfAMemoryWithMaximumZeroFails() {
        Instance instance = RobustnessSupport.instantiate(growModule(0, 0));
        assertEquals(0, call1(instance.function("grow"), 0));
        assertGrowFails(instance, 1, 0);
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> instance.function("load").call(0));
    }

    @ParameterizedTest(name = "min {0} pages, cap {1}")
    @CsvSource({
        "10, 5", "6, 5", "1, 0", "65536, " + Memory.MAX_PAGES_ON_JVM, "32768, " + Memory.MAX_PAGES_ON_JVM})
    void minimumAboveTheCapFailsInstantiationWithResourceExhausted(long min, int cap) {
        WasmModule module = WasmModule.compile(growModule(min, -1).build());
        assertTrap(TrapKind.RESOURCE_EXHAUSTED,
                () -> module.instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxMemoryPages(cap)));
        // The module is still usable with a cap that fits (for the small cases).
        if (min <= 10) {
            Instance ok = module.instantiate(new Imports(), InstanceConfig.DEFAULT.withMaxMemoryPages((int) min));
            assertEquals((int) min, call1(ok.function("size")));
        }
    }

    @Test
    void declaredMinimumOfFourGibibytesFailsWithResourceExhaustedUnderTheDefaultConfig() {
        WasmModule module = WasmModule.compile(growModule(65536, 65536).build());
        assertTrap(TrapKind.RESOURCE_EXHAUSTED, () -> module.instantiate(new Imports()));
    }

    // ---------------------------------------------------------------------------------------
    // Loads and stores

    /** An access instruction: opcode, width in bytes, value type, load or store. */
    private record Access(String name, int opcode, int width, ValType type, boolean store) {
        int alignExponent() {
            return Integer.numberOfTrailingZeros(width);
        }
    }

    private static final List<Access> ACCESSES = List.of(
            new Access("i32.load", 0x28, 4, I32, false),
            new Access("i64.load", 0x29, 8, I64, false),
            new Access("f32.load", 0x2A, 4, F32, false),
            new Access("f64.load", 0x2B, 8, F64, false),
            new Access("i32.load8_s", 0x2C, 1, I32, false),
            new Access("i32.load8_u", 0x2D, 1, I32, false),
            new Access("i32.load16_s", 0x2E, 2, I32, false),
            new Access("i32.load16_u", 0x2F, 2, I32, false),
            new Access("i64.load8_s", 0x30, 1, I64, false),
            new Access("i64.load8_u", 0x31, 1, I64, false),
            new Access("i64.load16_s", 0x32, 2, I64, false),
            new Access("i64.load16_u", 0x33, 2, I64, false),
            new Access("i64.load32_s", 0x34, 4, I64, false),
            new Access("i64.load32_u", 0x35, 4, I64, false),
            new Access("i32.store", 0x36, 4, I32, true),
            new Access("i64.store", 0x37, 8, I64, true),
            new Access("f32.store", 0x38, 4, F32, true),
            new Access("f64.store", 0x39, 8, F64, true),
            new Access("i32.store8", 0x3A, 1, I32, true),
            new Access("i32.store16", 0x3B, 2, I32, true),
            new Access("i64.store8", 0x3C, 1, I64, true),
            new Access("i64.store16", 0x3D, 2, I64, true),
            new Access("i64.store32", 0x3E, 4, I64, true));

    /** Memory of the access tests: 1 page. */
    private static final int SIZE = PAGE;

    /** Static offsets: the small ones, ones that reach or pass the end, and ones that wrap in 32 bits. */
    private static final long[] OFFSETS = {
        0, 1, 3, 8, SIZE - 8, SIZE - 1, SIZE, SIZE + 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_0000L, 0xFFFF_FFFFL};

    /** Constants the stores write (the value type's bits): chosen so every byte is distinct and non-zero. */
    private static long storedBits(ValType t) {
        switch (t) {
            case I32: return 0xA1B2C3D4L;
            case I64: return 0x1122334455667788L;
            case F32: return 0x40490FDBL;           // 3.1415927f
            default: return 0x400921FB54442D18L;    // Math.PI
        }
    }

    /**
     * One function per (access, offset): loads {@code (param i32 addr) (result T)}, stores
     * {@code (param i32 addr)} writing {@link #storedBits}. Export names: {@code name@offset}.
     */
    private static Instance accessModule() {
        return accessModule(false);
    }

    /** With {@code split}, each access sits in two nested blocks and every function is split into regions. */
    private static Instance accessModule(boolean split) {
        WasmBuilder b = new WasmBuilder();
        int[] loadType = new int[4];
        ValType[] valueTypes = {I32, I64, F32, F64};
        for (int k = 0; k < 4; k++) {
            loadType[k] = b.type(types(I32), types(valueTypes[k]));
        }
        int storeType = b.type(types(I32), NONE);
        b.memory(SIZE / PAGE, -1);
        b.export("mem", 2, 0);
        for (Access a : ACCESSES) {
            for (long offset : OFFSETS) {
                WasmBuilder.Code f = b.function(a.store ? storeType : loadType[Arrays.asList(valueTypes).indexOf(a.type)]);
                if (split) {
                    f.block(0x02, a.store ? null : a.type).block(0x02, a.store ? null : a.type);
                }
                f.op(LOCAL_GET, 0);
                if (a.store) {
                    long bits = storedBits(a.type);
                    switch (a.type) {
                        case I32: f.i32Const((int) bits); break;
                        case I64: f.i64Const(bits); break;
                        case F32: f.f32Const((int) bits); break;
                        default: f.f64Const(bits); break;
                    }
                }
                f.mem(a.opcode, a.alignExponent(), offset);
                if (split) {
                    f.end().end();
                }
                f.end();
                b.exportFunction(a.name + "@" + offset, f.functionIndex);
            }
        }
        return RobustnessSupport.compile(b, split).instantiate();
    }

    /** Addresses (as u32 in an int) tried with every offset. */
    private static int[] addresses(int width) {
        return new int[] {
            0, 1, width, SIZE - 2 * width, SIZE - width - 1, SIZE - width, SIZE - width + 1, SIZE - 1, SIZE, SIZE + 1,
            0x7FFF_FFFF, 0x8000_0000, 0x8000_0000 + width, 0xFFFF_0000, -width, -width + 1, -2, -1};
    }

    private static byte[] pattern() {
        byte[] p = new byte[SIZE];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 131 + 17 + (i >>> 8));
        }
        return p;
    }

    /** The value a load of {@code a} reads at {@code ea} of {@code mem}, boxed as {@code call} returns it. */
    private static Object expectedLoad(Access a, byte[] mem, int ea) {
        long raw = 0;
        for (int i = a.width - 1; i >= 0; i--) {
            raw = (raw << 8) | (mem[ea + i] & 0xFF);
        }
        boolean signed = a.name.endsWith("_s");
        boolean narrow = a.name.contains("load8") || a.name.contains("load16") || a.name.contains("load32");
        if (narrow && signed) {
            int shift = 64 - 8 * a.width;
            raw = (raw << shift) >> shift;
        }
        switch (a.type) {
            case I32: return (int) raw;
            case I64: return raw;
            case F32: return Float.intBitsToFloat((int) raw);
            default: return Double.longBitsToDouble(raw);
        }
    }

    private static void assertSameValue(Object expected, Object actual, String what) {
        if (expected instanceof Float && ((Float) expected).isNaN()) {
            assertTrue(actual instanceof Float && ((Float) actual).isNaN(), what + ": expected NaN, got " + actual);
        } else if (expected instanceof Double && ((Double) expected).isNaN()) {
            assertTrue(actual instanceof Double && ((Double) actual).isNaN(), what + ": expected NaN, got " + actual);
        } else if (expected instanceof Float) {
            assertEquals(Float.floatToRawIntBits((Float) expected), Float.floatToRawIntBits((Float) actual), what);
        } else if (expected instanceof Double) {
            assertEquals(Double.doubleToRawLongBits((Double) expected), Double.doubleToRawLongBits((Double) actual), what);
        } else {
            assertEquals(expected, actual, what);
        }
    }

    /**
     * Every load and store width, at every address of {@link #addresses} with every static offset
     * of {@link #OFFSETS}: traps with {@code out of bounds memory access} exactly when the 33-bit
     * effective address plus the width passes the end; otherwise loads read the right bytes and
     * stores write exactly their bytes. A trapping store changes nothing.
     */
    @ParameterizedTest(name = "split into regions: {0}")
    @ValueSource(booleans = {false, true})
    void everyAccessWidthTrapsExactlyPastTheEndAndNeverWrapsAround(boolean split) {
        Instance instance = accessModule(split);
        Memory memory = instance.memory();
        byte[] pattern = pattern();
        memory.write(0, pattern);
        int checked = 0;
        int trapped = 0;
        for (Access a : ACCESSES) {
            for (long offset : OFFSETS) {
                FunctionInstance f = instance.function(a.name + "@" + offset);
                for (int addr : addresses(a.width)) {
                    long ea = Integer.toUnsignedLong(addr) + offset;
                    boolean inBounds = ea + a.width <= SIZE;
                    String what = a.name + " offset=" + offset + " at address " + Integer.toUnsignedString(addr)
                            + " (effective " + ea + ")";
                    if (!inBounds) {
                        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> f.call(addr));
                        trapped++;
                        if (a.store) {
                            assertArrayEquals(pattern, memory.read(0, SIZE), what + ": a trapping store wrote");
                        }
                    } else if (a.store) {
                        callOk(f, addr);
                        byte[] after = memory.read(0, SIZE);
                        long bits = storedBits(a.type);
                        for (int i = 0; i < SIZE; i++) {
                            byte expected = i >= ea && i < ea + a.width ? (byte) (bits >>> (8 * (i - ea))) : pattern[i];
                            if (after[i] != expected) {
                                throw new AssertionError(what + ": byte " + i + " is " + after[i] + ", expected " + expected);
                            }
                        }
                        memory.write(0, pattern);
                    } else {
                        assertSameValue(expectedLoad(a, pattern, (int) ea), RobustnessSupport.call1(f, addr), what);
                    }
                    checked++;
                }
            }
        }
        assertEquals(ACCESSES.size() * OFFSETS.length * 18, checked);
        assertTrue(trapped > checked / 2, "most combinations are out of bounds: " + trapped + " of " + checked);
    }

    @Test
    void lastInBoundsByteIsReadableAndWritableFromEveryWidth() {
        Instance instance = accessModule();
        Memory memory = instance.memory();
        for (Access a : ACCESSES) {
            FunctionInstance f = instance.function(a.name + "@0");
            memory.write(0, pattern());
            if (a.store) {
                callOk(f, SIZE - a.width);
                long bits = storedBits(a.type);
                assertEquals((byte) (bits >>> (8 * (a.width - 1))), memory.readByte(SIZE - 1), a.name);
                assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> f.call(SIZE - a.width + 1));
            } else {
                assertSameValue(expectedLoad(a, pattern(), SIZE - a.width), call1(f, SIZE - a.width), a.name);
                assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> f.call(SIZE - a.width + 1));
            }
        }
    }

    @Test
    void accessThatAlwaysTrapsCompilesInsideLargerExpressions() {
        // (i32.add (i32.load offset=0xFFFFFFFF (local.get 0)) (i32.const 1)), and a store under a block.
        WasmBuilder b = new WasmBuilder();
        int t = b.type(types(I32), types(I32));
        b.memory(1, -1);
        WasmBuilder.Code f = b.function(t);
        f.op(LOCAL_GET, 0).mem(0x28, 2, 0xFFFF_FFFFL).i32Const(1).op(0x6A).end();
        WasmBuilder.Code g = b.function(t);
        g.block(0x02, I32).op(LOCAL_GET, 0).op(LOCAL_GET, 0).mem(0x37 - 1, 2, 0x8000_0000L).i32Const(5).end().end();
        b.exportFunction("f", f.functionIndex);
        b.exportFunction("g", g.functionIndex);
        Instance instance = RobustnessSupport.instantiate(b);
        for (int addr : new int[] {0, 1, -1, 0x8000_0000}) {
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> instance.function("f").call(addr));
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> instance.function("g").call(addr));
        }
        assertEquals(0, instance.memory().readInt(0));
    }

    // ---------------------------------------------------------------------------------------
    // Bulk memory

    /** Exports {@code fill(d, v, n)}, {@code copy(d, s, n)}, {@code init(d, s, n)} (passive segment 0 of 16 bytes). */
    private static Instance bulkModule() {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(types(I32, I32, I32), NONE);
        b.memory(1, -1);
        WasmBuilder.Code fill = b.function(t);
        fill.op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(LOCAL_GET, 2).fc(MEMORY_FILL).op(0x00).end();
        WasmBuilder.Code copy = b.function(t);
        copy.op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(LOCAL_GET, 2).fc(MEMORY_COPY).op(0x00).op(0x00).end();
        WasmBuilder.Code init = b.function(t);
        init.op(LOCAL_GET, 0).op(LOCAL_GET, 1).op(LOCAL_GET, 2).fc(MEMORY_INIT).op(0x00).op(0x00).end();
        byte[] segment = new byte[16];
        for (int i = 0; i < segment.length; i++) {
            segment[i] = (byte) (0xE0 + i);
        }
        b.passiveData(segment);
        b.exportFunction("fill", fill.functionIndex);
        b.exportFunction("copy", copy.functionIndex);
        b.exportFunction("init", init.functionIndex);
        Instance instance = RobustnessSupport.instantiate(b);
        instance.memory().write(0, pattern());
        return instance;
    }

    /** (d, n) pairs for fill: out of bounds by one byte, wrapping in 32 bits, huge, past the end with n = 0. */
    private static final int[][] BAD_FILLS = {
        {SIZE - 10, 11}, {SIZE, 1}, {SIZE + 1, 0}, {-1, 1}, {-1, 2}, {1, -1}, {0, SIZE + 1}, {0x8000_0000, 16},
        {16, 0x8000_0000}, {-16, 32}, {SIZE - 1, -1}};

    @Test
    void fillOutOfBoundsTrapsWithoutPartialWrite() {
        Instance instance = bulkModule();
        byte[] before = instance.memory().read(0, SIZE);
        for (int[] c : BAD_FILLS) {
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> instance.function("fill").call(c[0], 0x55, c[1]));
            assertArrayEquals(before, instance.memory().read(0, SIZE), "fill " + Arrays.toString(c));
        }
        // At the edge: n = 0 at the end, and the last 10 bytes, both work.
        callOk(instance.function("fill"), SIZE, 0x55, 0);
        callOk(instance.function("fill"), SIZE - 10, 0x155, 10);
        assertEquals(0x55, instance.memory().readByte(SIZE - 1));
        assertEquals(before[SIZE - 11], instance.memory().readByte(SIZE - 11));
    }

    @Test
    void fillSetsExactlyItsRangeAtEverySizeAndValue() {
        // Sizes around the implementation's steps: the stored head (64 bytes), the zero block (4 KiB),
        // several blocks; values 0 (copied from zeros) and others (doubled copies), odd offsets.
        Instance instance = bulkModule();
        int[] sizes = {0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 1000, 4095, 4096, 4097, 8192, 9001, 20_000, SIZE - 3};
        for (int value : new int[] {0, 0xAB, 0x100, -1}) {
            for (int n : sizes) {
                for (int d : new int[] {0, 3, SIZE - n}) {
                    byte[] expected = pattern();
                    Arrays.fill(expected, d, d + n, (byte) value);
                    instance.memory().write(0, pattern());
                    callOk(instance.function("fill"), d, value, n);
                    assertArrayEquals(expected, instance.memory().read(0, SIZE), "fill(" + d + ", " + value + ", " + n + ")");
                }
            }
        }
    }

    @Test
    void copyOutOfBoundsTrapsWithoutPartialWrite() {
        Instance instance = bulkModule();
        byte[] before = instance.memory().read(0, SIZE);
        int[][] bad = {
            {SIZE - 10, 0, 11}, {0, SIZE - 10, 11}, {SIZE + 1, 0, 0}, {0, SIZE + 1, 0}, {-1, 0, 1}, {0, -1, 1},
            {0, 16, -1}, {16, 0, 0x8000_0000}, {-16, 0, 32}, {0, -16, 32}, {SIZE / 2, 0, SIZE / 2 + 1}};
        for (int[] c : bad) {
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> instance.function("copy").call(c[0], c[1], c[2]));
            assertArrayEquals(before, instance.memory().read(0, SIZE), "copy " + Arrays.toString(c));
        }
        callOk(instance.function("copy"), SIZE, SIZE, 0);
        callOk(instance.function("copy"), SIZE - 8, 0, 8);
        assertArrayEquals(Arrays.copyOfRange(before, 0, 8), instance.memory().read(SIZE - 8, 8));
    }

    @Test
    void initOutOfBoundsTrapsWithoutPartialWrite() {
        Instance instance = bulkModule();
        byte[] before = instance.memory().read(0, SIZE);
        int[][] bad = {
            {SIZE - 10, 0, 11}, {0, 0, 17}, {0, 1, 16}, {0, 17, 0}, {SIZE + 1, 0, 0}, {-1, 0, 1}, {0, -1, 1},
            {-8, 0, 16}, {0, 8, -1}};
        for (int[] c : bad) {
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> instance.function("init").call(c[0], c[1], c[2]));
            assertArrayEquals(before, instance.memory().read(0, SIZE), "init " + Arrays.toString(c));
        }
        callOk(instance.function("init"), SIZE - 16, 0, 16);
        assertEquals((byte) 0xEF, instance.memory().readByte(SIZE - 1));
        callOk(instance.function("init"), SIZE, 16, 0);
    }

    // ---------------------------------------------------------------------------------------
    // Host accessors: hostile addresses are IndexOutOfBoundsException, never a wrapped-around access

    @Test
    void hostAccessorsRejectHostileAddresses() {
        Memory memory = new Memory(1, 1);
        long[] addresses = {-1, SIZE, SIZE - 3, Long.MAX_VALUE, Long.MAX_VALUE - 2, Long.MIN_VALUE,
            0x1_0000_0000L, 0x1_0000_0000L + 16, 0xFFFF_FFFFL};
        for (long address : addresses) {
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readInt(address), "readInt " + address);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.writeInt(address, 1), "writeInt " + address);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readLong(address), "readLong " + address);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.read(address, 4), "read " + address);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.write(address, new byte[4]), "write " + address);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.fill(address, 4, (byte) 1), "fill " + address);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> memory.read(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.fill(8, Integer.MAX_VALUE, (byte) 1));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.readCString(SIZE + 1, 10));
        assertEquals("", memory.readCString(SIZE, 10));
        assertArrayEquals(new byte[SIZE], memory.read(0, SIZE));
    }

    @Test
    void memoryIsUnchangedAfterEveryKindOfFailedAccessInOneRandomSequence() {
        // A compact mix: failing loads, stores, fills, copies, inits and grows between good ones.
        Instance access = accessModule();
        Instance bulk = bulkModule();
        access.memory().write(0, pattern());
        byte[] a = access.memory().read(0, SIZE);
        byte[] b = bulk.memory().read(0, SIZE);
        List<Object[]> results = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            Access acc = ACCESSES.get(random.nextInt(ACCESSES.size()));
            long offset = OFFSETS[random.nextInt(OFFSETS.length)];
            int addr = SIZE - acc.width + 1 + random.nextInt(Integer.MAX_VALUE - SIZE);
            results.add(callOrTrap(access.function(acc.name + "@" + offset), addr));
            int[] fill = BAD_FILLS[random.nextInt(BAD_FILLS.length)];
            results.add(callOrTrap(bulk.function("fill"), fill[0], random.nextInt(), fill[1]));
        }
        for (Object[] r : results) {
            assertNull(r, "every call above is out of bounds");
        }
        assertArrayEquals(a, access.memory().read(0, SIZE));
        assertArrayEquals(b, bulk.memory().read(0, SIZE));
        assertNotNull(callOrTrap(access.function("i32.load@0"), 0));
    }
}
