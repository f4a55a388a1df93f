package dev.airlock.marshal;

import static dev.airlock.marshal.CScalar.INT;
import static dev.airlock.marshal.CScalar.LONG;
import static dev.airlock.marshal.CScalar.SIZE_T;
import static dev.airlock.marshal.CScalar.UINT32;
import static dev.airlock.marshal.CScalar.UINT8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.taint.ForeignPointerException;
import dev.airlock.taint.HeapSandboxMemory;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.SandboxMemoryException;
import dev.airlock.taint.Tainted;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.VerificationException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StructLayoutTest {
    private static List<Long> offsets(StructLayout<?> layout, Abi abi) {
        return layout.fields(abi).stream().map(StructField::offset).collect(Collectors.toList());
    }

    @Test
    void paddingAndAlignmentFollowC() {
        StructLayout<TestStructs.Mixed> mixed = StructLayout.of(TestStructs.Mixed.class);
        for (Abi abi : Abi.values()) {
            assertEquals(List.of(0L, 4L, 8L, 16L, 24L), offsets(mixed, abi));
            assertEquals(32, mixed.size(abi));
            assertEquals(8, mixed.alignment(abi));
        }
    }

    @Test
    void longSizeTAndPointersDependOnTheAbi() {
        StructLayout<TestStructs.AbiDependent> l = StructLayout.of(TestStructs.AbiDependent.class);
        assertEquals(List.of(0L, 4L, 8L, 12L), offsets(l, Abi.WASM32));
        assertEquals(16, l.size(Abi.WASM32));
        assertEquals(List.of(0L, 8L, 16L, 24L), offsets(l, Abi.LP64));
        assertEquals(32, l.size(Abi.LP64));
        StructLayout<TestStructs.WithPointers> p = StructLayout.of(TestStructs.WithPointers.class);
        assertEquals(List.of(0L, 4L, 8L, 16L), offsets(p, Abi.WASM32));
        assertEquals(24, p.size(Abi.WASM32));
        assertEquals(List.of(0L, 8L, 16L, 24L), offsets(p, Abi.LP64));
        assertEquals(32, p.size(Abi.LP64));
    }

    @Test
    void nestedStructsArraysAndTailPadding() {
        StructLayout<TestStructs.Nested> n = StructLayout.of(TestStructs.Nested.class);
        assertEquals(List.of(0L, 4L, 12L, 40L), offsets(n, Abi.WASM32));
        assertEquals(48, n.size(Abi.WASM32));
        StructLayout<TestStructs.Outer> o = StructLayout.of(TestStructs.Outer.class);
        assertEquals(16, StructLayout.of(TestStructs.Tail.class).size(Abi.WASM32));
        assertEquals(List.of(0L, 16L), offsets(o, Abi.WASM32));
        assertEquals(24, o.size(Abi.LP64));
        StructLayout<TestStructs.Arrays> a = StructLayout.of(TestStructs.Arrays.class);
        assertEquals(List.of(0L, 6L, 12L, 20L), offsets(a, Abi.WASM32));
        assertEquals(24, a.size(Abi.WASM32));
        assertEquals(List.of(0L, 6L, 16L, 32L), offsets(a, Abi.LP64));
        assertEquals(40, a.size(Abi.LP64));
        assertEquals(8, StructLayout.of(TestStructs.LongLongAfterChar.class).offsetOf("x", Abi.WASM32));
    }

    @Test
    void declarationsReadLikeC() {
        StructLayout<TestStructs.Arrays> a = StructLayout.of(TestStructs.Arrays.class);
        assertEquals(List.of("int8_t name[5]", "uint16_t codes[3]", "int32_t *ptrs[2]", "_Bool flag"),
                a.fields(Abi.LP64).stream().map(StructField::declaration).collect(Collectors.toList()));
        String d = StructLayout.of(TestStructs.Node.class).describe(Abi.WASM32);
        assertTrue(d.contains("struct Node *next; /* offset 4 */"), d);
        assertTrue(d.endsWith("/* wasm32: size 8, align 4 */"), d);
        assertEquals("struct Node", StructLayout.of(TestStructs.Node.class).toString());
    }

    @Test
    void layoutsAreCachedPerRecord() {
        assertSame(StructLayout.of(TestStructs.Point.class), StructLayout.of(TestStructs.Point.class));
    }

    @Test
    void readAndWriteRoundTripInBothAbis() {
        for (int pointerSize : new int[] {4, 8}) {
            HeapSandboxMemory memory = new HeapSandboxMemory(256, pointerSize);
            StructLayout<TestStructs.Nested> layout = StructLayout.of(TestStructs.Nested.class);
            TestStructs.Nested value = new TestStructs.Nested((byte) -3, new TestStructs.Point(1f, 2f),
                    new TestStructs.Point[] {new TestStructs.Point(3f, 4f), new TestStructs.Point(5f, 6f),
                            new TestStructs.Point(7f, 8f)}, 9.5);
            TaintedPointer<TestStructs.Nested> p = TaintedPointer.of(memory, 16, layout);
            p.write(value);
            assertEquals(5f, memory.getFloat(16 + 12 + 8));
            TestStructs.Nested back = p.read().verify(n -> n.tag() == -3, "tag");
            assertEquals(value.p(), back.p());
            assertArrayEquals(value.more(), back.more());
            assertEquals(9.5, back.z());
        }
    }

    @Test
    void pointerFieldsUseTheAbiPointerSizeAndStayTainted() {
        for (int pointerSize : new int[] {4, 8}) {
            HeapSandboxMemory memory = new HeapSandboxMemory(256, pointerSize);
            StructLayout<TestStructs.Node> layout = StructLayout.of(TestStructs.Node.class);
            TaintedPointer<TestStructs.Node> second = TaintedPointer.of(memory, 64, layout);
            second.write(new TestStructs.Node(2, TaintedPointer.nullPointer(memory, layout)));
            TaintedPointer<TestStructs.Node> first = TaintedPointer.of(memory, 32, layout);
            first.write(new TestStructs.Node(1, second));
            assertEquals(64, pointerSize == 4 ? memory.getInt(36) : memory.getLong(40));
            TaintedPointer<TestStructs.Node> next = first.read().verify(n -> n.next());
            assertEquals(2, next.read().mapToInt(TestStructs.Node::value).verifyRange(0, 9, "value"));
            assertTrue(next.read().verify(n -> n.next().isNullPointer(), "last node").next().isNullPointer());
        }
    }

    @Test
    void unsignedFieldsAreZeroExtendedAndRangeChecked() {
        HeapSandboxMemory memory = new HeapSandboxMemory(64, 4);
        StructLayout<TestStructs.Scalars> layout = StructLayout.of(TestStructs.Scalars.class);
        TestStructs.Scalars s = new TestStructs.Scalars(true, 255, 0xFFFF_FFFFL, -5, '\uffff', 0.5f);
        layout.copyIn(memory, 8, s);
        TestStructs.Scalars back = layout.copyOut(memory, 8).unverifiedSafeBecause("test");
        assertEquals(s, back);
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> layout.write(memory, 8, new TestStructs.Scalars(true, 256, 0, 0, 'a', 0f)));
        assertEquals("Scalars.b: 256 does not fit in a wasm32 uint8_t (8 bits, unsigned)", tooBig.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> layout.write(memory, 8, new TestStructs.Scalars(true, 1, 1L << 32, 0, 'a', 0f)));
        HeapSandboxMemory lp64 = new HeapSandboxMemory(64, 8);
        TestStructs.Scalars wide = new TestStructs.Scalars(false, 0, 1L << 32, Long.MIN_VALUE, 'a', 0f);
        layout.write(lp64, 0, wide);
        assertEquals(wide, layout.read(lp64, 0));
    }

    @Test
    void paddingIsZeroedOnWrite() {
        HeapSandboxMemory memory = new HeapSandboxMemory(64);
        memory.fill(0, 64, (byte) 0x5A);
        StructLayout.of(TestStructs.Mixed.class).write(memory, 0, new TestStructs.Mixed((byte) 1, 2, (short) 3, 4, (byte) 5));
        assertEquals(0, memory.getByte(1));
        assertEquals(0, memory.getByte(31));
        assertEquals(0x5A, memory.getByte(32));
    }

    @Test
    void writingChecksArraysNullsAndOwners() {
        HeapSandboxMemory memory = new HeapSandboxMemory(128);
        StructLayout<TestStructs.Arrays> layout = StructLayout.of(TestStructs.Arrays.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        TaintedPointer<Integer>[] ptrs = new TaintedPointer[] {
            TaintedPointer.of(memory, 4, Pointees.INT32), TaintedPointer.nullPointer(memory, Pointees.INT32)};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layout.write(memory, 0,
                new TestStructs.Arrays(new byte[4], new int[3], ptrs, true)));
        assertEquals("Arrays.name: the C array has 5 elements, the Java array 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layout.write(memory, 0,
                new TestStructs.Arrays(null, new int[3], ptrs, true)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        TaintedPointer<Integer>[] foreign = new TaintedPointer[] {
            TaintedPointer.of(new HeapSandboxMemory(8), 4, Pointees.INT32), ptrs[1]};
        assertThrows(ForeignPointerException.class, () -> layout.write(memory, 0,
                new TestStructs.Arrays(new byte[5], new int[3], foreign, true)));
        layout.write(memory, 0, new TestStructs.Arrays("abcde".getBytes(), new int[] {1, 2, 65535}, ptrs, true));
        TestStructs.Arrays back = layout.read(memory, 0);
        assertArrayEquals(new int[] {1, 2, 65535}, back.codes());
        assertEquals(4, back.ptrs()[0].unverifiedAddressBecause(memory, "test: compared only"));
    }

    record Checked(@CType(INT) int width) {
        Checked {
            if (width <= 0) {
                throw new IllegalArgumentException("width must be positive");
            }
        }
    }

    @Test
    void aRecordConstructorThatRejectsTheCopyIsAVerificationFailure() {
        HeapSandboxMemory memory = new HeapSandboxMemory(16);
        memory.putInt(4, -1);
        VerificationException e = assertThrows(VerificationException.class,
                () -> TaintedPointer.of(memory, 4, StructLayout.of(Checked.class)).read());
        assertEquals("check failed: Checked's constructor accepts the values copied from the sandbox", e.getMessage());
        assertEquals("width must be positive", e.getCause().getMessage());
    }

    @Test
    void fieldPointersGiveInPlaceAccess() {
        HeapSandboxMemory memory = new HeapSandboxMemory(64);
        StructLayout<TestStructs.Mixed> layout = StructLayout.of(TestStructs.Mixed.class);
        TaintedPointer<TestStructs.Mixed> p = TaintedPointer.of(memory, 8, layout);
        layout.field(p, "d", Pointees.INT64).deref().write(77L);
        assertEquals(77L, memory.getLong(8 + 16));
        assertEquals(77L, p.read().mapToLong(TestStructs.Mixed::d).unverifiedSafeBecause("test"));
        assertThrows(IllegalArgumentException.class, () -> layout.field(p, "d", Pointees.INT32));
        assertThrows(IllegalArgumentException.class, () -> layout.field(p, "nope", Pointees.INT32));
        assertThrows(IllegalArgumentException.class, () -> layout.offsetOf("nope", Abi.LP64));
    }

    @Test
    void arraysOfStructsThroughPointerArithmetic() {
        HeapSandboxMemory memory = new HeapSandboxMemory(64);
        StructLayout<TestStructs.Point> layout = StructLayout.of(TestStructs.Point.class);
        TaintedPointer<TestStructs.Point> points = TaintedPointer.of(memory, 8, layout);
        for (int i = 0; i < 3; i++) {
            points.add(i).write(new TestStructs.Point(i, -i));
        }
        List<TestStructs.Point> copy = points.copyAndVerifyRange(3, 8, l -> l);
        assertEquals(new TestStructs.Point(2, -2), copy.get(2));
        assertThrows(SandboxMemoryException.class, () -> points.add(7).read());
        Tainted<TestStructs.Point> one = layout.copyOut(memory, 16);
        assertEquals(1f, one.verify(p -> p.x() == 1f, "x").x());
        assertThrows(SandboxMemoryException.class, () -> layout.copyOut(memory, 60));
    }

    record Image(@CType(UINT32) int width, @CType(UINT32) int height, @CType(SIZE_T) long stride,
                 TaintedPointer<Byte> pixels, @CArray(length = 16) byte[] format) {}

    @Test
    void theReadmeExampleHoldsInBothAbis() {
        StructLayout<Image> layout = StructLayout.of(Image.class);
        assertEquals(32, layout.size(Abi.WASM32));
        assertEquals(40, layout.size(Abi.LP64));
        for (int pointerSize : new int[] {4, 8}) {
            HeapSandboxMemory memory = new HeapSandboxMemory(128, pointerSize);
            byte[] format = java.util.Arrays.copyOf("rgba8".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 16);
            layout.write(memory, 8, new Image(640, 480, 2560, TaintedPointer.of(memory, 64, Pointees.UINT8), format));
            Tainted<Image> image = TaintedPointer.of(memory, 8, Pointees.VOID).cast(layout).read();
            assertEquals(640, image.mapToInt(Image::width).verifyRange(1, 16_384, "width"));
            assertEquals("rgba8", CStrings.decodeFixed(image.map(Image::format), CStrings.Malformed.REJECT)
                    .verify(f -> f.equals("rgba8"), "format is rgba8"));
        }
    }

    // ---- declaration errors ----

    record NoFields() {}

    record StringField(String name) {}

    record BareArray(int[] values) {}

    record TooNarrow(@CType(LONG) int l) {}

    record SignedChar(@CType(CScalar.INT16) char c) {}

    record FloatAsInt(@CType(CScalar.FLOAT) int f) {}

    record PointerOnInt(@Pointer int p) {}

    record ArrayOnScalar(@CArray(length = 2) int x) {}

    record ZeroArray(@CArray(length = 0) byte[] x) {}

    record TwoDimensional(@CArray(length = 2) int[][] grid) {}

    record Boxed(Integer x) {}

    record TaintedField(TaintedInt x) {}

    record PointerToString(TaintedPointer<String> s) {}

    record SelfByValue(int x, SelfByValue next) {}

    record SizeAsInt(@CType(SIZE_T) int n) {}

    record Uint32AsInt(@CType(UINT32) int bits, @CType(UINT8) byte raw) {}

    private static String error(Class<? extends Record> type) {
        return assertThrows(IllegalArgumentException.class, () -> StructLayout.of(type)).getMessage();
    }

    @Test
    void unsupportedDeclarationsAreRefusedWithTheComponentNamed() {
        assertEquals("NoFields: a C struct needs at least one field", error(NoFields.class));
        assertTrue(error(StringField.class).startsWith("StringField.name: unsupported component type String; declare a char* as "
                + "TaintedPointer<Byte>"), error(StringField.class));
        assertEquals("BareArray.values: a Java array component needs @CArray(length = N) to be a C array",
                error(BareArray.class));
        assertEquals("TooNarrow.l: a Java int (32 bits) cannot hold a C long (up to 64 bits); use long", error(TooNarrow.class));
        assertEquals("SizeAsInt.n: a Java int (32 bits) cannot hold a C size_t (up to 64 bits); use long", error(SizeAsInt.class));
        assertEquals("SignedChar.c: a Java char is unsigned and cannot hold a signed C int16_t", error(SignedChar.class));
        assertEquals("FloatAsInt.f: a C float needs a Java float", error(FloatAsInt.class));
        assertTrue(error(PointerOnInt.class).startsWith("PointerOnInt.p: @Pointer marks a long component"));
        assertEquals("ArrayOnScalar.x: @CArray is for array components, not int", error(ArrayOnScalar.class));
        assertEquals("ZeroArray.x: @CArray length must be at least 1, not 0", error(ZeroArray.class));
        assertTrue(error(TwoDimensional.class).startsWith("TwoDimensional.grid: multi-dimensional arrays are not supported"));
        assertEquals("Boxed.x: unsupported component type Integer; use the primitive type", error(Boxed.class));
        assertTrue(error(TaintedField.class).endsWith("the whole record is tainted when it is read from a sandbox"));
        assertTrue(error(PointerToString.class).startsWith("PointerToString.s: a TaintedPointer component must point to"));
        assertTrue(error(SelfByValue.class).startsWith("SelfByValue contains itself by value"), error(SelfByValue.class));
    }

    @Test
    void sameWidthUnsignedTypesHoldTheBits() {
        HeapSandboxMemory memory = new HeapSandboxMemory(16);
        StructLayout<Uint32AsInt> layout = StructLayout.of(Uint32AsInt.class);
        layout.write(memory, 0, new Uint32AsInt(-1, (byte) -1));
        assertEquals(-1, memory.getInt(0));
        assertEquals(new Uint32AsInt(-1, (byte) 0xFF), layout.read(memory, 0));
        assertEquals(8, layout.size(Abi.WASM32));
    }

    @Test
    void asAPointeeItPicksTheAbiFromThePointerSize() {
        StructLayout<TestStructs.WithPointers> layout = StructLayout.of(TestStructs.WithPointers.class);
        assertEquals(24, layout.size(4));
        assertEquals(32, layout.size(8));
        assertEquals(8, layout.alignment(4));
        assertThrows(IllegalArgumentException.class, () -> layout.size(2));
    }
}
