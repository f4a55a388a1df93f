package dev.airlock.wasm.syntax;

import dev.airlock.wasm.ValType;

/**
 * One decoded instruction (spec 2.4) with its immediates. Instructions are immutable.
 *
 * <p>Function bodies and constant expressions are flat arrays of instructions in binary order;
 * {@code block}, {@code loop} and {@code if} are followed by their body and closed by an
 * {@link Opcode#END} (with an {@link Opcode#ELSE} between the arms of an {@code if}), exactly as in
 * the binary format. Which immediate field means what depends on {@link Opcode#immediate}:
 *
 * <table>
 *   <caption>Immediate fields by kind</caption>
 *   <tr><th>kind</th><th>{@link #index}</th><th>{@link #index2}</th><th>{@link #value}</th><th>{@link #extra}</th></tr>
 *   <tr><td>BLOCK_TYPE</td><td></td><td></td><td></td><td>{@link BlockType}</td></tr>
 *   <tr><td>LABEL</td><td>label depth</td><td></td><td></td><td></td></tr>
 *   <tr><td>LABEL_TABLE</td><td>default depth</td><td></td><td></td><td>{@code int[]} depths</td></tr>
 *   <tr><td>FUNCTION, LOCAL, GLOBAL, TABLE, ELEMENT, DATA, MEMORY</td><td>the index</td><td></td><td></td><td></td></tr>
 *   <tr><td>TYPE_AND_TABLE</td><td>type index</td><td>table index</td><td></td><td></td></tr>
 *   <tr><td>ELEMENT_AND_TABLE</td><td>element index</td><td>table index</td><td></td><td></td></tr>
 *   <tr><td>DATA_AND_MEMORY</td><td>data index</td><td>memory index</td><td></td><td></td></tr>
 *   <tr><td>TABLE_PAIR, MEMORY_PAIR</td><td>destination</td><td>source</td><td></td><td></td></tr>
 *   <tr><td>MEMARG</td><td>alignment exponent</td><td></td><td>offset (u32)</td><td></td></tr>
 *   <tr><td>I32, I64</td><td></td><td></td><td>the value (i32 sign-extended)</td><td></td></tr>
 *   <tr><td>F32, F64</td><td></td><td></td><td>the raw IEEE bits</td><td></td></tr>
 *   <tr><td>REF_TYPE</td><td></td><td></td><td></td><td>{@link ValType}</td></tr>
 *   <tr><td>VALUE_TYPES</td><td></td><td></td><td></td><td>{@code ValType[]}</td></tr>
 * </table>
 *
 * <p>A u32 index of 2^31 or more cannot be valid; the decoder stores it as
 * {@code Integer.MAX_VALUE} so that it never turns negative. F32 bits are zero-extended into
 * {@link #value}: read them as {@code (int) value}.
 */
public final class Instruction {
    /** What the instruction is. */
    public final Opcode opcode;
    /** The first index immediate (see the table above); 0 when unused. */
    public final int index;
    /** The second index immediate (see the table above); 0 when unused. */
    public final int index2;
    /** A numeric immediate: a constant's value or bits, or a memory offset; 0 when unused. */
    public final long value;
    /** An object immediate: block type, {@code br_table} depths or value types; null when unused. */
    public final Object extra;

    public Instruction(Opcode opcode, int index, int index2, long value, Object extra) {
        this.opcode = opcode;
        this.index = index;
        this.index2 = index2;
        this.value = value;
        this.extra = extra;
    }

    /** An instruction without immediates. */
    public static Instruction simple(Opcode opcode) {
        return new Instruction(opcode, 0, 0, 0, null);
    }

    /** An instruction with a single index immediate. */
    public static Instruction indexed(Opcode opcode, int index) {
        return new Instruction(opcode, index, 0, 0, null);
    }

    /** The block type of a {@code block}, {@code loop} or {@code if}. */
    public BlockType blockType() {
        return (BlockType) extra;
    }

    /** The label depths of a {@code br_table}, without the default. */
    public int[] labelTable() {
        return (int[]) extra;
    }

    /** The operand types of a typed {@code select}. */
    public ValType[] selectTypes() {
        return (ValType[]) extra;
    }

    /** The reference type of a {@code ref.null}. */
    public ValType refType() {
        return (ValType) extra;
    }

    /** The instruction roughly as the text format writes it, for messages and dumps. */
    @Override
    public String toString() {
        switch (opcode.immediate) {
            case NONE: return opcode.mnemonic;
            case BLOCK_TYPE: return opcode.mnemonic + " " + extra;
            case LABEL_TABLE: return opcode.mnemonic + " " + java.util.Arrays.toString(labelTable()) + " " + index;
            case MEMARG: return opcode.mnemonic + " offset=" + value + " align=" + (1 << index);
            case I32: case I64: return opcode.mnemonic + " " + value;
            case F32: return opcode.mnemonic + " " + Float.intBitsToFloat((int) value);
            case F64: return opcode.mnemonic + " " + Double.longBitsToDouble(value);
            case REF_TYPE: return opcode.mnemonic + " " + extra;
            case VALUE_TYPES: return opcode.mnemonic + " " + java.util.Arrays.toString(selectTypes());
            case TYPE_AND_TABLE: case ELEMENT_AND_TABLE: case DATA_AND_MEMORY: case TABLE_PAIR: case MEMORY_PAIR:
                return opcode.mnemonic + " " + index + " " + index2;
            default: return opcode.mnemonic + " " + index;
        }
    }
}
