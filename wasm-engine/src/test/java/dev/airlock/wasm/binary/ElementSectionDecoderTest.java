package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.ElementSegment;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.Opcode;
import dev.airlock.wasm.syntax.SegmentMode;
import org.junit.jupiter.api.Test;

class ElementSectionDecoderTest {
    /** Decodes section contents consisting of one segment encoded by {@code b}. */
    private static ElementSegment one(int... b) {
        int[] contents = new int[b.length + 1];
        contents[0] = 1;
        System.arraycopy(b, 0, contents, 1, b.length);
        ByteReader r = new ByteReader(bytes(contents));
        ModuleDefinition.Builder module = new ModuleDefinition.Builder();
        ElementSectionDecoder.decode(r, new InstructionDecoder(r), module);
        assertTrue(r.atEnd());
        assertEquals(1, module.elements.size());
        return module.elements.get(0);
    }

    private static void assertRefFunc(int function, ConstantExpression e) {
        assertEquals(1, e.instructions().length);
        Instruction i = e.instructions()[0];
        assertEquals(Opcode.REF_FUNC, i.opcode);
        assertEquals(function, i.index);
    }

    private static void assertOffset(int value, ConstantExpression e) {
        assertEquals(1, e.instructions().length);
        assertEquals(Opcode.I32_CONST, e.instructions()[0].opcode);
        assertEquals(value, e.instructions()[0].value);
    }

    @Test
    void flags0ActiveTableZeroFunctionIndices() {
        ElementSegment s = one(0x00, 0x41, 0x05, 0x0B, 0x02, 0x03, 0x07);
        assertEquals(SegmentMode.ACTIVE, s.mode());
        assertEquals(0, s.tableIndex());
        assertOffset(5, s.offset());
        assertEquals(ValType.FUNCREF, s.type());
        assertEquals(2, s.items().size());
        assertRefFunc(3, s.items().get(0));
        assertRefFunc(7, s.items().get(1));
    }

    @Test
    void flags1PassiveFunctionIndices() {
        ElementSegment s = one(0x01, 0x00, 0x01, 0x04);
        assertEquals(SegmentMode.PASSIVE, s.mode());
        assertNull(s.offset());
        assertEquals(ValType.FUNCREF, s.type());
        assertRefFunc(4, s.items().get(0));
    }

    @Test
    void flags2ActiveExplicitTableFunctionIndices() {
        ElementSegment s = one(0x02, 0x03, 0x41, 0x0A, 0x0B, 0x00, 0x01, 0x02);
        assertEquals(SegmentMode.ACTIVE, s.mode());
        assertEquals(3, s.tableIndex());
        assertOffset(10, s.offset());
        assertRefFunc(2, s.items().get(0));
    }

    @Test
    void flags3DeclarativeFunctionIndices() {
        ElementSegment s = one(0x03, 0x00, 0x03, 0x00, 0x01, 0x02);
        assertEquals(SegmentMode.DECLARATIVE, s.mode());
        assertNull(s.offset());
        assertEquals(3, s.items().size());
        assertRefFunc(2, s.items().get(2));
    }

    @Test
    void flags4ActiveTableZeroExpressions() {
        ElementSegment s = one(0x04, 0x41, 0x01, 0x0B, 0x02, 0xD2, 0x06, 0x0B, 0xD0, 0x70, 0x0B);
        assertEquals(SegmentMode.ACTIVE, s.mode());
        assertEquals(0, s.tableIndex());
        assertOffset(1, s.offset());
        assertEquals(ValType.FUNCREF, s.type());
        assertRefFunc(6, s.items().get(0));
        assertEquals(Opcode.REF_NULL, s.items().get(1).instructions()[0].opcode);
    }

    @Test
    void flags5PassiveExpressions() {
        ElementSegment s = one(0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B);
        assertEquals(SegmentMode.PASSIVE, s.mode());
        assertEquals(ValType.EXTERNREF, s.type());
        assertEquals(ValType.EXTERNREF, s.items().get(0).instructions()[0].refType());
    }

    @Test
    void flags6ActiveExplicitTableExpressions() {
        ElementSegment s = one(0x06, 0x02, 0x23, 0x00, 0x0B, 0x70, 0x01, 0xD2, 0x01, 0x0B);
        assertEquals(SegmentMode.ACTIVE, s.mode());
        assertEquals(2, s.tableIndex());
        assertEquals(Opcode.GLOBAL_GET, s.offset().instructions()[0].opcode);
        assertEquals(ValType.FUNCREF, s.type());
        assertRefFunc(1, s.items().get(0));
    }

    @Test
    void flags7DeclarativeExpressions() {
        ElementSegment s = one(0x07, 0x70, 0x00);
        assertEquals(SegmentMode.DECLARATIVE, s.mode());
        assertEquals(0, s.items().size());
    }

    @Test
    void itemsAreImmutable() {
        ElementSegment s = one(0x01, 0x00, 0x01, 0x04);
        assertThrows(UnsupportedOperationException.class, () -> s.items().set(0, null));
    }

    @Test
    void malformedSegments() {
        assertFails("malformed elements segment kind", () -> one(0x08, 0x00));
        assertFails("malformed elements segment kind", () -> one(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        assertFails("malformed element kind", () -> one(0x01, 0x01, 0x00));
        assertFails("malformed element kind", () -> one(0x03, 0x70, 0x00));
        assertFails("malformed reference type", () -> one(0x05, 0x7F, 0x00));
        assertFails("illegal opcode", () -> one(0x05, 0x70, 0x01, 0xF3, 0x00, 0x0B));
        assertFails("length out of bounds", () -> one(0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        assertFails("unexpected end of section or function", () -> one(0x00, 0x41, 0x00, 0x0B, 0x02, 0x00));
    }
}
