package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.script.ExternRef;
import dev.airlock.wasm.ValType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and printing of {@code TYPE:VALUE}. */
class ValueFormatTest {
    @Test
    void formatsIntegersAsSignedDecimal() {
        assertEquals("i32:0", ValueFormat.format(ValType.I32, 0));
        assertEquals("i32:-1", ValueFormat.format(ValType.I32, -1));
        assertEquals("i32:-2147483648", ValueFormat.format(ValType.I32, Integer.MIN_VALUE));
        assertEquals("i32:2147483647", ValueFormat.format(ValType.I32, Integer.MAX_VALUE));
        assertEquals("i64:-1", ValueFormat.format(ValType.I64, -1L));
        assertEquals("i64:-9223372036854775808", ValueFormat.format(ValType.I64, Long.MIN_VALUE));
        assertEquals("i64:1234567890123", ValueFormat.format(ValType.I64, 1234567890123L));
    }

    @Test
    void formatsFloatsAsRawBitsWithFixedWidth() {
        assertEquals("f32:0x3fc00000", ValueFormat.format(ValType.F32, 1.5f));
        assertEquals("f32:0x00000000", ValueFormat.format(ValType.F32, 0.0f));
        assertEquals("f32:0x80000000", ValueFormat.format(ValType.F32, -0.0f));
        assertEquals("f32:0x00000001", ValueFormat.format(ValType.F32, Float.MIN_VALUE));
        assertEquals("f32:0xff800000", ValueFormat.format(ValType.F32, Float.NEGATIVE_INFINITY));
        assertEquals("f32:0x7fc00000", ValueFormat.format(ValType.F32, Float.intBitsToFloat(0x7fc00000)));
        assertEquals("f32:0xffc00001", ValueFormat.format(ValType.F32, Float.intBitsToFloat(0xffc00001)));
        assertEquals("f32:0x7fa00000", ValueFormat.format(ValType.F32, Float.intBitsToFloat(0x7fa00000)));
        assertEquals("f64:0x3ff8000000000000", ValueFormat.format(ValType.F64, 1.5));
        assertEquals("f64:0x0000000000000000", ValueFormat.format(ValType.F64, 0.0));
        assertEquals("f64:0x8000000000000000", ValueFormat.format(ValType.F64, -0.0));
        assertEquals("f64:0xc000000000000000", ValueFormat.format(ValType.F64, -2.0));
        assertEquals("f64:0x7ff8000000000000", ValueFormat.format(ValType.F64, Double.longBitsToDouble(0x7ff8000000000000L)));
        assertEquals("f64:0xfff0000000000001", ValueFormat.format(ValType.F64, Double.longBitsToDouble(0xfff0000000000001L)));
    }

    @Test
    void formatsReferences() {
        assertEquals("ref.null", ValueFormat.format(ValType.FUNCREF, null));
        assertEquals("ref.null", ValueFormat.format(ValType.EXTERNREF, null));
        assertEquals("ref.extern:7", ValueFormat.format(ValType.EXTERNREF, new ExternRef(7)));
        assertEquals("ref.extern", ValueFormat.format(ValType.EXTERNREF, "some host object"));
    }

    @ParameterizedTest
    @CsvSource({
        "i32:0, I32, 0",
        "i32:-1, I32, -1",
        "i32:4294967295, I32, -1",
        "i32:+17, I32, 17",
        "i32:-2147483648, I32, -2147483648",
        "i32:2147483648, I32, -2147483648",
        "i32:0xffffffff, I32, -1",
        "i32:0x00000000000000010, I32, 16",
        "i64:-1, I64, -1",
        "i64:18446744073709551615, I64, -1",
        "i64:-9223372036854775808, I64, -9223372036854775808",
        "i64:9223372036854775808, I64, -9223372036854775808",
        "i64:0x8000000000000000, I64, -9223372036854775808",
    })
    void parsesIntegers(String text, ValType type, long expected) {
        ValueFormat.Value v = ValueFormat.parse(text);
        assertEquals(type, v.type());
        assertEquals(expected, ((Number) v.value()).longValue());
        assertEquals(type == ValType.I32 ? Integer.class : Long.class, v.value().getClass());
    }

    @ParameterizedTest
    @CsvSource({
        "f32:1.5, 3fc00000",
        "f32:-1.5, bfc00000",
        "f32:0.1, 3dcccccd",
        "f32:1e10, 501502f9",
        "f32:.5, 3f000000",
        "f32:-0, 80000000",
        "f32:0x3fc00000, 3fc00000",
        "f32:0x1, 00000001",
        "f32:inf, 7f800000",
        "f32:+inf, 7f800000",
        "f32:-inf, ff800000",
        "f32:-Infinity, ff800000",
        "f32:nan, 7fc00000",
        "f32:-nan, ffc00000",
        "f32:NaN, 7fc00000",
        "f32:nan:0x200000, 7fa00000",
        "f32:-nan:0x1, ff800001",
        "f32:0x7fa00001, 7fa00001",
        "f32:3.4028235e38, 7f7fffff",
        "f32:1e-50, 00000000",
    })
    void parsesF32(String text, String bits) {
        ValueFormat.Value v = ValueFormat.parse(text);
        assertEquals(ValType.F32, v.type());
        assertEquals(Integer.parseUnsignedInt(bits, 16), Float.floatToRawIntBits((Float) v.value()));
        assertEquals("f32:0x" + bits, v.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "f64:1.5, 3ff8000000000000",
        "f64:-2.5e-3, bf647ae147ae147b",
        "f64:0.1, 3fb999999999999a",
        "f64:-0.0, 8000000000000000",
        "f64:0x3ff8000000000000, 3ff8000000000000",
        "f64:inf, 7ff0000000000000",
        "f64:-inf, fff0000000000000",
        "f64:nan, 7ff8000000000000",
        "f64:-nan, fff8000000000000",
        "f64:nan:0x1, 7ff0000000000001",
        "f64:nan:0xfffffffffffff, 7fffffffffffffff",
        "f64:0xfff4000000000000, fff4000000000000",
    })
    void parsesF64(String text, String bits) {
        ValueFormat.Value v = ValueFormat.parse(text);
        assertEquals(ValType.F64, v.type());
        assertEquals(Long.parseUnsignedLong(bits, 16), Double.doubleToRawLongBits((Double) v.value()));
        assertEquals("f64:0x" + bits, v.toString());
    }

    @Test
    void parsesReferences() {
        ValueFormat.Value nul = ValueFormat.parse("ref.null");
        assertNull(nul.type());
        assertNull(nul.value());
        assertTrue(nul.fits(ValType.FUNCREF));
        assertTrue(nul.fits(ValType.EXTERNREF));
        assertFalse(nul.fits(ValType.I32));
        ValueFormat.Value ext = ValueFormat.parse("ref.extern:42");
        assertEquals(ValType.EXTERNREF, ext.type());
        assertEquals(new ExternRef(42), ext.value());
        assertTrue(ext.fits(ValType.EXTERNREF));
        assertFalse(ext.fits(ValType.FUNCREF));
        assertEquals("ref.extern:42", ext.toString());
    }

    @Test
    void formattedValuesParseBack() {
        Object[][] values = {
            {ValType.I32, -123}, {ValType.I64, Long.MIN_VALUE}, {ValType.F32, Float.intBitsToFloat(0xffa00001)},
            {ValType.F64, Double.longBitsToDouble(0x7ff4000000000001L)}, {ValType.EXTERNREF, new ExternRef(3)},
        };
        for (Object[] tv : values) {
            ValType type = (ValType) tv[0];
            String text = ValueFormat.format(type, tv[1]);
            assertEquals(text, ValueFormat.format(type, ValueFormat.parse(text).value()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "42", "i32", "i32:", "i32:abc", "i32:1.5", "i32:4294967296", "i32:-2147483649", "i32:0x100000000",
        "i32:-0x1", "i64:18446744073709551616", "i64:-9223372036854775809", "i64:0x10000000000000000",
        "f32:", "f32:abc", "f32:1e39", "f32:-1e39", "f32:0x100000000", "f32:nan:0", "f32:nan:0x0", "f32:nan:0x800000",
        "f32:0x1.8p1", "f32:1.5f", "f64:1e309", "f64:nan:0x10000000000000", "f64:--1", "v128:0", "u32:1",
        "ref.func", "ref.extern:", "ref.extern:-1", "ref.extern:x", "ref.extern:99999999999999999999", "ref.null:1",
    })
    void rejectsMalformedValuesWithAMessageNamingThem(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueFormat.parse(text));
        assertTrue(e.getMessage().startsWith("bad value '" + text + "': "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void zeroValues() {
        assertEquals(0, ValueFormat.zero(ValType.I32));
        assertEquals(0L, ValueFormat.zero(ValType.I64));
        assertEquals(0, Float.floatToRawIntBits((Float) ValueFormat.zero(ValType.F32)));
        assertEquals(0L, Double.doubleToRawLongBits((Double) ValueFormat.zero(ValType.F64)));
        assertNull(ValueFormat.zero(ValType.FUNCREF));
        assertNull(ValueFormat.zero(ValType.EXTERNREF));
    }
}
