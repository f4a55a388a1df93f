package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.Limits;
import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.TableType;
import dev.airlock.wasm.ValType;
import org.junit.jupiter.api.Test;

class TypeDecoderTest {
    private static ByteReader reader(int... b) {
        return new ByteReader(bytes(b));
    }

    @Test
    void valueTypes() {
        assertEquals(ValType.I32, TypeDecoder.valueType(reader(0x7F)));
        assertEquals(ValType.I64, TypeDecoder.valueType(reader(0x7E)));
        assertEquals(ValType.F32, TypeDecoder.valueType(reader(0x7D)));
        assertEquals(ValType.F64, TypeDecoder.valueType(reader(0x7C)));
        assertEquals(ValType.FUNCREF, TypeDecoder.valueType(reader(0x70)));
        assertEquals(ValType.EXTERNREF, TypeDecoder.valueType(reader(0x6F)));
    }

    @Test
    void badValueTypes() {
        assertFails("malformed value type", () -> TypeDecoder.valueType(reader(0x7A)));
        assertFails("malformed value type", () -> TypeDecoder.valueType(reader(0x00)));
        assertFails("malformed value type", () -> TypeDecoder.valueType(reader(0x40)));
        assertFails("integer representation too long", () -> TypeDecoder.valueType(reader(0xFF, 0x7F)));
        assertFails("unexpected end of section or function", () -> TypeDecoder.valueType(reader()));
    }

    @Test
    void v128IsUnsupported() {
        MalformedModuleException e = assertThrows(MalformedModuleException.class,
                () -> TypeDecoder.valueType(reader(0x7B)));
        assertEquals("unsupported feature: simd", e.getMessage());
    }

    @Test
    void referenceTypes() {
        assertEquals(ValType.FUNCREF, TypeDecoder.referenceType(reader(0x70)));
        assertEquals(ValType.EXTERNREF, TypeDecoder.referenceType(reader(0x6F)));
        assertFails("malformed reference type", () -> TypeDecoder.referenceType(reader(0x7F)));
        assertFails("malformed reference type", () -> TypeDecoder.referenceType(reader(0x7B)));
    }

    @Test
    void functionType() {
        FuncType t = TypeDecoder.functionType(reader(0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7C));
        assertEquals(FuncType.of(new ValType[] {ValType.I32, ValType.I64}, new ValType[] {ValType.F64}), t);
        FuncType empty = TypeDecoder.functionType(reader(0x60, 0x00, 0x00));
        assertEquals(0, empty.paramCount());
        assertEquals(0, empty.resultCount());
        FuncType multi = TypeDecoder.functionType(reader(0x60, 0x00, 0x03, 0x7F, 0x6F, 0x70));
        assertEquals(3, multi.resultCount());
        assertEquals(ValType.EXTERNREF, multi.result(1));
    }

    @Test
    void badFunctionTypes() {
        assertFails("malformed function type", () -> TypeDecoder.functionType(reader(0x61, 0x00, 0x00)));
        assertFails("integer representation too long", () -> TypeDecoder.functionType(reader(0xE0, 0x7F, 0x00, 0x00)));
        assertFails("length out of bounds", () -> TypeDecoder.functionType(reader(0x60, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        assertFails("unsupported feature: simd", () -> TypeDecoder.functionType(reader(0x60, 0x01, 0x7B, 0x00)));
    }

    @Test
    void limits() {
        assertEquals(new Limits(2, Limits.NO_MAX), TypeDecoder.limits(reader(0x00, 0x02)));
        assertEquals(new Limits(1, 0xFFFFFFFFL), TypeDecoder.limits(reader(0x01, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        assertEquals(new Limits(2, 2), TypeDecoder.limits(reader(0x01, 0x82, 0x00, 0x82, 0x80, 0x80, 0x80, 0x00)));
    }

    @Test
    void badLimitsFlags() {
        assertFails("integer too large", () -> TypeDecoder.limits(reader(0x02, 0x00)));
        assertFails("integer too large", () -> TypeDecoder.limits(reader(0x03, 0x00, 0x00)));
        assertFails("integer representation too long", () -> TypeDecoder.limits(reader(0x81, 0x00, 0x00)));
        assertFails("integer representation too long", () -> TypeDecoder.limits(reader(0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00)));
    }

    @Test
    void tableAndMemoryTypes() {
        TableType t = TypeDecoder.tableType(reader(0x6F, 0x01, 0x00, 0x0A));
        assertEquals(ValType.EXTERNREF, t.elementType());
        assertEquals(new Limits(0, 10), t.limits());
        assertEquals(new Limits(3, Limits.NO_MAX), TypeDecoder.memoryType(reader(0x00, 0x03)).limits());
        assertFails("malformed reference type", () -> TypeDecoder.tableType(reader(0x7F, 0x00, 0x00)));
    }

    @Test
    void globalTypes() {
        GlobalType c = TypeDecoder.globalType(reader(0x7E, 0x00));
        assertEquals(ValType.I64, c.valueType());
        assertFalse(c.mutable());
        assertTrue(TypeDecoder.globalType(reader(0x6F, 0x01)).mutable());
        assertFails("malformed mutability", () -> TypeDecoder.globalType(reader(0x7F, 0x02)));
        assertFails("malformed mutability", () -> TypeDecoder.globalType(reader(0x7F, 0xFF)));
        assertFails("malformed mutability", () -> TypeDecoder.globalType(reader(0x7F, 0x81, 0x00)));
    }
}
