package dev.airlock.wasm.binary;

import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.BlockType;
import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.Opcode;
import java.util.Arrays;

/**
 * Decodes instructions and expressions (spec 5.4 "Instructions": 5.4.1 control, 5.4.2 reference,
 * 5.4.3 parametric, 5.4.4 variable, 5.4.5 table, 5.4.6 memory and 5.4.7 numeric instructions, and
 * 5.4.9 expressions). 5.4.8 vector instructions (the 0xFD prefix) are rejected with
 * {@value Messages#UNSUPPORTED_SIMD}.
 *
 * <p>An expression is decoded into a flat array in binary order, as {@link Instruction} describes.
 * Nesting is tracked with an explicit stack of frame kinds, never by recursion, so deeply nested
 * blocks cannot overflow the Java stack. Instructions without immediates are shared instances, and
 * the instruction and frame buffers are reused from one expression to the next, so the loop
 * allocates only the instructions that carry immediates and the final array.
 *
 * <p>Syntax only: indices are not checked against anything, and constant expressions may contain
 * any instruction (the validator decides what is constant). One instance decodes the expressions
 * of one module, in order; it is not thread-safe.
 */
final class InstructionDecoder {
    /** Frame kind of a {@code block}, a {@code loop}, or the expression itself: no {@code else} allowed. */
    private static final int FRAME_PLAIN = 0;
    /** Frame kind of an {@code if} whose {@code else} has not been seen yet. */
    private static final int FRAME_IF = 1;
    /** Frame kind of an {@code if} after its {@code else}. */
    private static final int FRAME_ELSE = 2;

    /** Shared instances of the one-byte instructions without immediates, by opcode byte. */
    private static final Instruction[] SIMPLE = new Instruction[256];
    /** Shared instances of the 0xFC instructions without immediates, by sub-opcode. */
    private static final Instruction[] SIMPLE_FC = new Instruction[32];
    /** The one {@code [] -> [t]} block type per value type, by {@link ValType#ordinal()}. */
    private static final BlockType[] VALUE_BLOCK_TYPES = new BlockType[ValType.values().length];
    /** {@code memory.size 0}. */
    private static final Instruction MEMORY_SIZE = Instruction.indexed(Opcode.MEMORY_SIZE, 0);
    /** {@code memory.grow 0}. */
    private static final Instruction MEMORY_GROW = Instruction.indexed(Opcode.MEMORY_GROW, 0);
    /** {@code memory.fill 0}. */
    private static final Instruction MEMORY_FILL = Instruction.indexed(Opcode.MEMORY_FILL, 0);
    /** {@code memory.copy 0 0}. */
    private static final Instruction MEMORY_COPY = new Instruction(Opcode.MEMORY_COPY, 0, 0, 0, null);
    /** {@code ref.null func}. */
    private static final Instruction REF_NULL_FUNC = new Instruction(Opcode.REF_NULL, 0, 0, 0, ValType.FUNCREF);
    /** {@code ref.null extern}. */
    private static final Instruction REF_NULL_EXTERN = new Instruction(Opcode.REF_NULL, 0, 0, 0, ValType.EXTERNREF);

    static {
        for (Opcode op : Opcode.values()) {
            if (op.immediate == Opcode.Immediate.NONE) {
                if (op.code < 0x100) {
                    SIMPLE[op.code] = Instruction.simple(op);
                } else {
                    SIMPLE_FC[op.code & 0xFF] = Instruction.simple(op);
                }
            }
        }
        for (ValType t : ValType.values()) {
            VALUE_BLOCK_TYPES[t.ordinal()] = BlockType.of(t);
        }
    }

    /** Where the bytes come from. */
    private final ByteReader r;
    /** The instructions of the expression being decoded; reused. */
    private Instruction[] buffer = new Instruction[256];
    /** Number of instructions in {@link #buffer}. */
    private int count;
    /** The kinds of the open frames, innermost last; reused. */
    private int[] frames = new int[32];
    /** Whether {@code memory.init} or {@code data.drop} occurred since the last {@link #clearDataIndexUse()}. */
    private boolean dataIndexUsed;

    /** A decoder reading from {@code r}. */
    InstructionDecoder(ByteReader r) {
        this.r = r;
    }

    /**
     * An expression (5.4.9): instructions up to and including the {@code end} that closes it. The
     * result contains that final {@code end}.
     */
    Instruction[] expression() {
        decode();
        return Arrays.copyOf(buffer, count);
    }

    /** A constant expression (5.4.9): like {@link #expression()}, without the final {@code end}. */
    ConstantExpression constantExpression() {
        decode();
        return new ConstantExpression(Arrays.copyOf(buffer, count - 1));
    }

    /** Whether {@code memory.init} or {@code data.drop} was decoded since the last clear. */
    boolean dataIndexUsed() {
        return dataIndexUsed;
    }

    /** Resets {@link #dataIndexUsed()}. */
    void clearDataIndexUse() {
        dataIndexUsed = false;
    }

    /** Decodes one expression into {@link #buffer}. */
    private void decode() {
        count = 0;
        int depth = 1;
        frames[0] = FRAME_PLAIN;
        while (true) {
            int at = r.position();
            int b = r.u8();
            switch (b) {
                case 0x0B: // end
                    add(SIMPLE[0x0B]);
                    if (--depth == 0) {
                        return;
                    }
                    break;
                case 0x05: // else
                    if (frames[depth - 1] != FRAME_IF) {
                        throw r.error(Messages.END_EXPECTED + ": else outside if", at);
                    }
                    frames[depth - 1] = FRAME_ELSE;
                    add(SIMPLE[0x05]);
                    break;
                case 0x02: // block
                case 0x03: // loop
                case 0x04: { // if
                    BlockType type = blockType();
                    if (depth == frames.length) {
                        frames = Arrays.copyOf(frames, depth * 2);
                    }
                    frames[depth++] = b == 0x04 ? FRAME_IF : FRAME_PLAIN;
                    add(new Instruction(Opcode.fromByte(b), 0, 0, 0, type));
                    break;
                }
                case 0xFC:
                    add(prefixedFC(at));
                    break;
                case 0xFD:
                    throw TypeDecoder.unsupportedSimd();
                default: {
                    Instruction simple = SIMPLE[b];
                    add(simple != null ? simple : withImmediates(b, at));
                    break;
                }
            }
        }
    }

    /** Appends {@code insn} to the buffer. */
    private void add(Instruction insn) {
        if (count == buffer.length) {
            buffer = Arrays.copyOf(buffer, count * 2);
        }
        buffer[count++] = insn;
    }

    /** A one-byte instruction {@code b}, read at {@code at}, that has immediates. */
    private Instruction withImmediates(int b, int at) {
        Opcode op = Opcode.fromByte(b);
        if (op == null) {
            throw illegal(b, at);
        }
        switch (op.immediate) {
            case LABEL:
            case FUNCTION:
            case LOCAL:
            case GLOBAL:
            case TABLE:
                return Instruction.indexed(op, r.index());
            case LABEL_TABLE: {
                int n = r.length();
                int[] depths = new int[n];
                for (int i = 0; i < n; i++) {
                    depths[i] = r.index();
                }
                return new Instruction(op, r.index(), 0, 0, depths);
            }
            case TYPE_AND_TABLE: {
                int type = r.index();
                int table = r.index();
                return new Instruction(op, type, table, 0, null);
            }
            case REF_TYPE:
                return TypeDecoder.referenceType(r) == ValType.FUNCREF ? REF_NULL_FUNC : REF_NULL_EXTERN;
            case VALUE_TYPES:
                return new Instruction(op, 0, 0, 0, TypeDecoder.resultType(r));
            case MEMARG:
                return memoryAccess(op);
            case MEMORY:
                zeroByte();
                return op == Opcode.MEMORY_SIZE ? MEMORY_SIZE : MEMORY_GROW;
            case I32:
                return new Instruction(op, 0, 0, r.s32(), null);
            case I64:
                return new Instruction(op, 0, 0, r.s64(), null);
            case F32:
                return new Instruction(op, 0, 0, r.f32Bits() & 0xFFFFFFFFL, null);
            case F64:
                return new Instruction(op, 0, 0, r.f64Bits(), null);
            default:
                // Not reachable with a consistent opcode table; keep the decoder's contract anyway.
                throw illegal(b, at);
        }
    }

    /** An instruction behind the 0xFC prefix read at {@code at} (5.4.5, 5.4.6, 5.4.7). */
    private Instruction prefixedFC(int at) {
        long sub = r.u32();
        Opcode op = Opcode.fromPrefixFC(sub);
        if (op == null) {
            throw r.error(Messages.ILLEGAL_OPCODE + ": 0xfc " + sub, at);
        }
        switch (op.immediate) {
            case NONE:
                return SIMPLE_FC[(int) sub];
            case DATA_AND_MEMORY: {
                dataIndexUsed = true;
                int data = r.index();
                zeroByte();
                return new Instruction(op, data, 0, 0, null);
            }
            case DATA:
                dataIndexUsed = true;
                return Instruction.indexed(op, r.index());
            case MEMORY_PAIR:
                zeroByte();
                zeroByte();
                return MEMORY_COPY;
            case MEMORY:
                zeroByte();
                return MEMORY_FILL;
            case ELEMENT_AND_TABLE:
            case TABLE_PAIR: {
                int first = r.index();
                int second = r.index();
                return new Instruction(op, first, second, 0, null);
            }
            case ELEMENT:
            case TABLE:
                return Instruction.indexed(op, r.index());
            default:
                throw r.error(Messages.ILLEGAL_OPCODE + ": 0xfc " + sub, at);
        }
    }

    /**
     * A block type (5.4.1): 0x40 for {@code []}, a value type for {@code [] -> [t]}, or a
     * non-negative s33 type index.
     */
    private BlockType blockType() {
        int at = r.position();
        int b = r.peek();
        if (b == 0x40) {
            r.u8();
            return BlockType.EMPTY;
        }
        if (b >= 0 && (b & 0xC0) == 0x40) {
            r.u8();
            return VALUE_BLOCK_TYPES[TypeDecoder.valueType(r, b, at).ordinal()];
        }
        long index = r.s33();
        if (index < 0) {
            throw r.error(Messages.MALFORMED_BLOCK_TYPE + ": negative type index " + index, at);
        }
        return BlockType.ofTypeIndex(index > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) index);
    }

    /**
     * A load or store with its memarg (5.4.6): alignment exponent, then offset, both u32. An
     * exponent of 32 or more is {@value Messages#MALFORMED_MEMOP_FLAGS}; smaller ones that exceed
     * the natural alignment are left to the validator.
     */
    private Instruction memoryAccess(Opcode op) {
        int at = r.position();
        long align = r.u32();
        if (align >= 32) {
            throw r.error(Messages.MALFORMED_MEMOP_FLAGS + ": alignment exponent " + align, at);
        }
        long offset = r.u32();
        return new Instruction(op, (int) align, 0, offset, null);
    }

    /** The reserved 0x00 byte of a memory instruction (a single byte, not a LEB128 zero). */
    private void zeroByte() {
        int at = r.position();
        if (r.u8() != 0) {
            throw r.error(Messages.ZERO_BYTE_EXPECTED, at);
        }
    }

    /** The exception for an unknown opcode byte. */
    private MalformedModuleException illegal(int b, int at) {
        return r.error(Messages.ILLEGAL_OPCODE + ": 0x" + Integer.toHexString(b), at);
    }
}
