package dev.airlock.marshal;

import static dev.airlock.marshal.CScalar.CHAR;
import static dev.airlock.marshal.CScalar.DOUBLE;
import static dev.airlock.marshal.CScalar.INT;
import static dev.airlock.marshal.CScalar.LONG;
import static dev.airlock.marshal.CScalar.LONG_LONG;
import static dev.airlock.marshal.CScalar.PTRDIFF_T;
import static dev.airlock.marshal.CScalar.SIZE_T;
import static dev.airlock.marshal.CScalar.UINT16;
import static dev.airlock.marshal.CScalar.UINT8;
import static dev.airlock.marshal.CScalar.UNSIGNED_LONG;
import static dev.airlock.marshal.CScalar.UNSIGNED_SHORT;

import dev.airlock.taint.TaintedPointer;
import java.util.List;

/**
 * The structs the layout tests use, each declared once in Java and once, by hand, in C: the C
 * compilers lay out the C text and the test compares with what {@link StructLayout} computed from
 * the Java text.
 */
final class TestStructs {
    private TestStructs() {}

    record Mixed(byte a, int b, short c, long d, byte e) {}

    record AbiDependent(@CType(CHAR) byte c, @CType(LONG) long l, @CType(SIZE_T) long s,
                        @CType(UNSIGNED_SHORT) int us) {}

    record WithPointers(@CType(INT) int n, TaintedPointer<Byte> data, @Pointer long raw, @CType(DOUBLE) double d) {}

    record Point(float x, float y) {}

    record Nested(byte tag, Point p, @CArray(length = 3) Point[] more, double z) {}

    record Arrays(@CArray(length = 5) byte[] name, @CArray(length = 3) @CType(UINT16) int[] codes,
                  @CArray(length = 2) TaintedPointer<Integer>[] ptrs, boolean flag) {}

    record Node(int value, TaintedPointer<Node> next) {}

    record Tail(double d, byte b) {}

    record Outer(Tail t, byte c) {}

    record LongLongAfterChar(byte b, @CType(LONG_LONG) long x) {}

    record Scalars(boolean a, @CType(UINT8) int b, @CType(UNSIGNED_LONG) long c, @CType(PTRDIFF_T) long d,
                   char e, float f) {}

    record PointerToPointer(TaintedPointer<TaintedPointer<Byte>> argv, byte tail) {}

    /** A record class and its C declaration (struct names are the record's simple name). */
    record Case(Class<? extends Record> type, String c) {}

    static final List<Case> CASES = List.of(
            new Case(Mixed.class, "struct Mixed { int8_t a; int32_t b; int16_t c; int64_t d; int8_t e; };"),
            new Case(AbiDependent.class, "struct AbiDependent { char c; long l; size_t s; unsigned short us; };"),
            new Case(WithPointers.class, "struct WithPointers { int n; uint8_t *data; void *raw; double d; };"),
            new Case(Point.class, "struct Point { float x; float y; };"),
            new Case(Nested.class, "struct Nested { int8_t tag; struct Point p; struct Point more[3]; double z; };"),
            new Case(Arrays.class, "struct Arrays { int8_t name[5]; uint16_t codes[3]; int32_t *ptrs[2]; _Bool flag; };"),
            new Case(Node.class, "struct Node { int32_t value; struct Node *next; };"),
            new Case(Tail.class, "struct Tail { double d; int8_t b; };"),
            new Case(Outer.class, "struct Outer { struct Tail t; int8_t c; };"),
            new Case(LongLongAfterChar.class, "struct LongLongAfterChar { int8_t b; long long x; };"),
            new Case(Scalars.class, "struct Scalars { _Bool a; uint8_t b; unsigned long c; ptrdiff_t d; uint16_t e; float f; };"),
            new Case(PointerToPointer.class, "struct PointerToPointer { uint8_t **argv; int8_t tail; };"));
}
