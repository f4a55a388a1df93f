package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static dev.airlock.wasm.binary.TestBytes.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.BlockType;
import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.Opcode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InstructionDecoderTest {
    /** Decodes one expression from {@code b}, which must be consumed entirely. */
    private static Instruction[] expr(int... b) {
        ByteReader r = new ByteReader(bytes(b));
        Instruction[] code = new InstructionDecoder(r).expression();
        assertTrue(r.atEnd(), "expression did not consume all bytes");
        return code;
    }

    /** Decodes {@code b} followed by an {@code end}: one instruction. */
    private static Instruction single(int... b) {
        int[] withEnd = Arrays.copyOf(b, b.length + 1);
        withEnd[b.length] = 0x0B;
        Instruction[] code = expr(withEnd);
        assertEquals(2, code.length, () -> Arrays.toString(code));
        assertEquals(Opcode.END, code[1].opcode);
        return code[0];
    }

    private static Opcode[] opcodes(Instruction[] code) {
        return Arrays.stream(code).map(i -> i.opcode).toArray(Opcode[]::new);
    }

    @Test
    void emptyExpressionIsJustEnd() {
        Instruction[] code = expr(0x0B);
        assertArrayEquals(new Opcode[] {Opcode.END}, opcodes(code));
    }

    @Test
    void stopsAtTheClosingEnd() {
        ByteReader r = new ByteReader(bytes(0x01, 0x0B, 0x0B, 0x0B));
        Instruction[] code = new InstructionDecoder(r).expression();
        assertEquals(2, code.length);
        assertEquals(2, r.position());
    }

    @Test
    void simpleInstructionsAreShared() {
        Instruction[] a = expr(0x6A, 0x6A, 0x0B);
        assertSame(a[0], a[1]);
        assertEquals(Opcode.I32_ADD, a[0].opcode);
        assertSame(a[0], expr(0x6A, 0x0B)[0]);
    }

    @Test
    void nestedBlocksAreFlat() {
        Instruction[] code = expr(
                0x02, 0x40,             // block
                0x03, 0x7F,             //   loop (result i32)
                0x41, 0x01,             //     i32.const 1
                0x04, 0x7E,             //     if (result i64)
                0x42, 0x02,             //       i64.const 2
                0x05,                   //     else
                0x42, 0x03,             //       i64.const 3
                0x0B,                   //     end
                0x1A,                   //     drop
                0x41, 0x00,             //     i32.const 0
                0x0B,                   //   end
                0x1A,                   //   drop
                0x0B,                   // end
                0x0B);
        assertArrayEquals(new Opcode[] {Opcode.BLOCK, Opcode.LOOP, Opcode.I32_CONST, Opcode.IF, Opcode.I64_CONST,
            Opcode.ELSE, Opcode.I64_CONST, Opcode.END, Opcode.DROP, Opcode.I32_CONST, Opcode.END, Opcode.DROP,
            Opcode.END, Opcode.END}, opcodes(code));
        assertSame(BlockType.EMPTY, code[0].blockType());
        assertEquals(BlockType.of(ValType.I32), code[1].blockType());
        assertEquals(BlockType.of(ValType.I64), code[3].blockType());
        assertEquals(3, code[6].value);
    }

    @Test
    void blockTypeIndex() {
        assertEquals(BlockType.ofTypeIndex(0), expr(0x02, 0x00, 0x0B, 0x0B)[0].blockType());
        assertEquals(BlockType.ofTypeIndex(5), expr(0x02, 0x05, 0x0B, 0x0B)[0].blockType());
        assertEquals(BlockType.ofTypeIndex(200), expr(0x03, 0xC8, 0x01, 0x0B, 0x0B)[0].blockType());
        assertEquals(BlockType.ofTypeIndex(Integer.MAX_VALUE),
                expr(0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B, 0x0B)[0].blockType());
    }

    @Test
    void badBlockTypes() {
        assertFails("malformed block type", () -> expr(0x02, 0xFF, 0x7F, 0x0B, 0x0B));
        assertFails("malformed value type", () -> expr(0x02, 0x41, 0x0B, 0x0B));
        assertFails("integer too large", () -> expr(0x02, 0x80, 0x80, 0x80, 0x80, 0x40, 0x0B, 0x0B));
        assertFails("unsupported feature: simd", () -> expr(0x02, 0x7B, 0x0B, 0x0B));
    }

    @Test
    void elseRules() {
        assertFails("END opcode expected", () -> expr(0x05, 0x0B));
        assertFails("END opcode expected", () -> expr(0x02, 0x40, 0x05, 0x0B, 0x0B));
        assertFails("END opcode expected", () -> expr(0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B));
        assertEquals(4, expr(0x04, 0x40, 0x05, 0x0B, 0x0B).length);
    }

    @Test
    void missingEndIsUnexpectedEnd() {
        assertFails("unexpected end of section or function", () -> expr(0x01));
        assertFails("unexpected end of section or function", () -> expr(0x02, 0x40, 0x0B));
        assertFails("unexpected end of section or function", () -> expr());
    }

    @Test
    void illegalOpcodes() {
        for (int b : new int[] {0x06, 0x07, 0x08, 0x09, 0x0A, 0x12, 0x13, 0x14, 0x19, 0x1D, 0x27, 0xC5, 0xCF, 0xD3,
            0xF3, 0xFE, 0xFF}) {
            assertFails("illegal opcode", () -> expr(b, 0x0B));
        }
        assertFails("illegal opcode", () -> expr(0xFC, 0x12, 0x0B));
        assertFails("illegal opcode", () -> expr(0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B));
        assertFails("integer representation too long", () -> expr(0xFC, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B));
    }

    @Test
    void simdPrefixIsUnsupported() {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> expr(0xFD, 0x0C, 0x0B));
        assertEquals("unsupported feature: simd", e.getMessage());
        assertFails("unsupported feature: simd", () -> expr(0x1C, 0x01, 0x7B, 0x0B));
    }

    @Test
    void indexImmediates() {
        Instruction br = single(0x0C, 0x03);
        assertEquals(Opcode.BR, br.opcode);
        assertEquals(3, br.index);
        assertEquals(Opcode.BR_IF, single(0x0D, 0x00).opcode);
        Instruction call = single(0x10, 0xE5, 0x8E, 0x26);
        assertEquals(Opcode.CALL, call.opcode);
        assertEquals(624485, call.index);
        assertEquals(7, single(0x20, 0x07).index);
        assertEquals(Opcode.LOCAL_SET, single(0x21, 0x01).opcode);
        assertEquals(Opcode.LOCAL_TEE, single(0x22, 0x01).opcode);
        assertEquals(2, single(0x23, 0x02).index);
        assertEquals(Opcode.GLOBAL_SET, single(0x24, 0x02).opcode);
        assertEquals(Opcode.TABLE_GET, single(0x25, 0x01).opcode);
        assertEquals(1, single(0x26, 0x01).index);
        Instruction refFunc = single(0xD2, 0x09);
        assertEquals(Opcode.REF_FUNC, refFunc.opcode);
        assertEquals(9, refFunc.index);
        assertEquals(Integer.MAX_VALUE, single(0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F).index);
    }

    @Test
    void brTable() {
        Instruction t = single(0x0E, 0x03, 0x00, 0x01, 0x02, 0x04);
        assertEquals(Opcode.BR_TABLE, t.opcode);
        assertArrayEquals(new int[] {0, 1, 2}, t.labelTable());
        assertEquals(4, t.index);
        Instruction empty = single(0x0E, 0x00, 0x02);
        assertEquals(0, empty.labelTable().length);
        assertEquals(2, empty.index);
        assertFails("length out of bounds", () -> expr(0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x0B));
    }

    @Test
    void callIndirect() {
        Instruction c = single(0x11, 0x04, 0x02);
        assertEquals(Opcode.CALL_INDIRECT, c.opcode);
        assertEquals(4, c.index);
        assertEquals(2, c.index2);
    }

    @Test
    void referenceInstructions() {
        assertEquals(ValType.FUNCREF, single(0xD0, 0x70).refType());
        assertEquals(ValType.EXTERNREF, single(0xD0, 0x6F).refType());
        assertEquals(Opcode.REF_IS_NULL, single(0xD1).opcode);
        assertFails("malformed reference type", () -> expr(0xD0, 0x7F, 0x0B));
    }

    @Test
    void select() {
        Instruction plain = single(0x1B);
        assertEquals(Opcode.SELECT, plain.opcode);
        assertNull(plain.extra);
        Instruction typed = single(0x1C, 0x01, 0x7E);
        assertEquals(Opcode.SELECT_TYPED, typed.opcode);
        assertArrayEquals(new ValType[] {ValType.I64}, typed.selectTypes());
        assertEquals(2, single(0x1C, 0x02, 0x7F, 0x6F).selectTypes().length);
    }

    @Test
    void constants() {
        assertEquals(-1, single(0x41, 0x7F).value);
        assertEquals(Integer.MIN_VALUE, single(0x41, 0x80, 0x80, 0x80, 0x80, 0x78).value);
        assertEquals(Long.MIN_VALUE, single(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).value);
        Instruction f32 = single(0x43, 0x00, 0x00, 0xC0, 0xFF);
        assertEquals(Opcode.F32_CONST, f32.opcode);
        assertEquals(0xFFC00000L, f32.value);
        assertEquals(0xFFC00000, (int) f32.value);
        assertEquals(0x400921FB54442D18L, single(0x44, 0x18, 0x2D, 0x44, 0x54, 0xFB, 0x21, 0x09, 0x40).value);
        assertFails("integer too large", () -> expr(0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x0B));
        assertFails("integer representation too long", () -> expr(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
                0x80, 0x80, 0x80, 0x80, 0x00, 0x0B));
        assertFails("unexpected end of section or function", () -> expr(0x44, 0x00, 0x00));
    }

    @Test
    void memoryAccess() {
        Instruction load = single(0x28, 0x02, 0x10);
        assertEquals(Opcode.I32_LOAD, load.opcode);
        assertEquals(2, load.index);
        assertEquals(16, load.value);
        Instruction store = single(0x3E, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
        assertEquals(Opcode.I64_STORE32, store.opcode);
        assertEquals(0xFFFFFFFFL, store.value);
        assertEquals(31, single(0x29, 0x1F, 0x00).index); // too large for i64.load: the validator's job
        assertFails("malformed memop flags", () -> expr(0x28, 0x20, 0x00, 0x0B));
        assertFails("malformed memop flags", () -> expr(0x28, 0x40, 0x00, 0x0B));
        assertFails("integer representation too long", () -> expr(0x28, 0x02, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B));
    }

    @Test
    void reservedZeroBytes() {
        Instruction size = single(0x3F, 0x00);
        assertEquals(Opcode.MEMORY_SIZE, size.opcode);
        assertEquals(0, size.index);
        assertEquals(Opcode.MEMORY_GROW, single(0x40, 0x00).opcode);
        assertFails("zero byte expected", () -> expr(0x3F, 0x01, 0x0B));
        assertFails("zero byte expected", () -> expr(0x40, 0x80, 0x00, 0x0B));
        assertFails("zero byte expected", () -> expr(0xFC, 0x08, 0x00, 0x01, 0x0B));
        assertFails("zero byte expected", () -> expr(0xFC, 0x0A, 0x00, 0x01, 0x0B));
        assertFails("zero byte expected", () -> expr(0xFC, 0x0A, 0x01, 0x00, 0x0B));
        assertFails("zero byte expected", () -> expr(0xFC, 0x0B, 0x80, 0x00, 0x0B));
    }

    @Test
    void prefixedInstructions() {
        for (int sub = 0; sub <= 7; sub++) {
            Instruction i = single(0xFC, sub);
            assertEquals(0xFC00 | sub, i.opcode.code);
        }
        assertEquals(Opcode.I64_TRUNC_SAT_F64_U, single(0xFC, 0x87, 0x00).opcode); // non-minimal sub-opcode
        Instruction init = single(0xFC, 0x08, 0x03, 0x00);
        assertEquals(Opcode.MEMORY_INIT, init.opcode);
        assertEquals(3, init.index);
        assertEquals(0, init.index2);
        assertEquals(4, single(0xFC, 0x09, 0x04).index);
        assertEquals(Opcode.MEMORY_COPY, single(0xFC, 0x0A, 0x00, 0x00).opcode);
        assertEquals(Opcode.MEMORY_FILL, single(0xFC, 0x0B, 0x00).opcode);
        Instruction tableInit = single(0xFC, 0x0C, 0x05, 0x01);
        assertEquals(Opcode.TABLE_INIT, tableInit.opcode);
        assertEquals(5, tableInit.index);
        assertEquals(1, tableInit.index2);
        assertEquals(6, single(0xFC, 0x0D, 0x06).index);
        Instruction copy = single(0xFC, 0x0E, 0x02, 0x03);
        assertEquals(Opcode.TABLE_COPY, copy.opcode);
        assertEquals(2, copy.index);
        assertEquals(3, copy.index2);
        assertEquals(Opcode.TABLE_GROW, single(0xFC, 0x0F, 0x01).opcode);
        assertEquals(Opcode.TABLE_SIZE, single(0xFC, 0x10, 0x01).opcode);
        assertEquals(Opcode.TABLE_FILL, single(0xFC, 0x11, 0x01).opcode);
    }

    @Test
    void dataIndexUseIsTracked() {
        ByteReader r = new ByteReader(bytes(0x01, 0x0B, 0xFC, 0x09, 0x00, 0x0B, 0x01, 0x0B, 0xFC, 0x08, 0x00, 0x00, 0x0B));
        InstructionDecoder d = new InstructionDecoder(r);
        d.expression();
        assertFalse(d.dataIndexUsed());
        d.expression();
        assertTrue(d.dataIndexUsed());
        d.clearDataIndexUse();
        d.expression();
        assertFalse(d.dataIndexUsed());
        d.expression();
        assertTrue(d.dataIndexUsed());
    }

    @Test
    void constantExpressionDropsTheFinalEnd() {
        ByteReader r = new ByteReader(bytes(0x41, 0x2A, 0x0B, 0x23, 0x01, 0x0B));
        InstructionDecoder d = new InstructionDecoder(r);
        ConstantExpression first = d.constantExpression();
        assertEquals(1, first.instructions().length);
        assertEquals(42, first.instructions()[0].value);
        ConstantExpression second = d.constantExpression();
        assertEquals(Opcode.GLOBAL_GET, second.instructions()[0].opcode);
        assertEquals(1, second.instructions()[0].index);
        assertTrue(r.atEnd());
    }

    @Test
    void constantExpressionsMayContainAnythingSyntactically() {
        ByteReader r = new ByteReader(bytes(0x02, 0x40, 0x0B, 0x6A, 0x0B));
        ConstantExpression e = new InstructionDecoder(r).constantExpression();
        assertArrayEquals(new Opcode[] {Opcode.BLOCK, Opcode.END, Opcode.I32_ADD}, opcodes(e.instructions()));
    }

    @Test
    void deepNestingNeedsNoRecursion() {
        int depth = 500_000;
        byte[] open = new byte[depth * 2];
        for (int i = 0; i < depth; i++) {
            open[2 * i] = 0x02;
            open[2 * i + 1] = 0x40;
        }
        byte[] close = new byte[depth + 1];
        Arrays.fill(close, (byte) 0x0B);
        ByteReader r = new ByteReader(concat(open, close));
        Instruction[] code = new InstructionDecoder(r).expression();
        assertEquals(2 * depth + 1, code.length);
        assertTrue(r.atEnd());
    }

    @Test
    void everyOpcodeOfTheTableDecodes() {
        for (Opcode op : Opcode.values()) {
            byte[] encoding;
            switch (op.immediate) {
                case NONE: encoding = new byte[0]; break;
                case BLOCK_TYPE: encoding = bytes(0x40, 0x0B); break;
                case LABEL: case FUNCTION: case LOCAL: case GLOBAL: case TABLE: case ELEMENT: case DATA:
                    encoding = bytes(0x01); break;
                case LABEL_TABLE: encoding = bytes(0x01, 0x00, 0x00); break;
                case TYPE_AND_TABLE: case ELEMENT_AND_TABLE: case TABLE_PAIR: encoding = bytes(0x01, 0x00); break;
                case REF_TYPE: encoding = bytes(0x70); break;
                case VALUE_TYPES: encoding = bytes(0x01, 0x7F); break;
                case MEMARG: encoding = bytes(0x00, 0x00); break;
                case MEMORY: encoding = bytes(0x00); break;
                case DATA_AND_MEMORY: encoding = bytes(0x01, 0x00); break;
                case MEMORY_PAIR: encoding = bytes(0x00, 0x00); break;
                case I32: case I64: encoding = bytes(0x05); break;
                case F32: encoding = new byte[4]; break;
                case F64: encoding = new byte[8]; break;
                default: throw new AssertionError(op.immediate);
            }
            if (op == Opcode.END || op == Opcode.ELSE) {
                continue;
            }
            byte[] prefix = op.code < 0x100 ? bytes(op.code) : concat(bytes(0xFC), TestBytes.u32(op.code & 0xFF));
            ByteReader r = new ByteReader(concat(prefix, encoding, bytes(0x0B)));
            Instruction[] code = new InstructionDecoder(r).expression();
            assertEquals(op, code[0].opcode, op.mnemonic);
            assertTrue(r.atEnd(), op.mnemonic);
        }
    }
}
