package dev.airlock.wasm.compile;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A method visitor that writes nothing and counts the bytes of bytecode the instructions it sees
 * take (JVMS 6.5, each instruction's format), so that sizes can be known without assembling a
 * method: the sizing pass translates whole functions only to measure them, and split functions
 * have each method's size checked before it is added to its class.
 *
 * <p>A {@linkplain #upperBound() bounding} counter is exact or higher, never lower, for a method
 * that fits the JIT limit: constant loads count as {@code ldc_w} (3 bytes; the assembler picks the
 * 2-byte {@code ldc} when the constant's pool index is below 256) and jumps as 3 bytes, which they
 * are when the method is under 32 KiB. An {@linkplain #estimate() estimating} counter, for the
 * sizing pass, counts constant loads as 2 bytes, the usual case; above 32 KiB (whole functions in
 * the sizing pass) the assembler may also widen far jumps. Estimates are all the planner needs:
 * every method it plans is measured again with a bounding counter.
 */
final class CodeSizeCounter extends MethodVisitor {
    /** Bytes counted for an {@code ldc}: 3 when bounding, 2 when estimating. */
    private final int ldcBytes;
    /** Bytes counted so far: the offset of the next instruction. */
    private int size;

    private CodeSizeCounter(int ldcBytes) {
        super(Opcodes.ASM9);
        this.ldcBytes = ldcBytes;
    }

    /** A counter whose count is never below the assembled size of a method under 32 KiB. */
    static CodeSizeCounter upperBound() {
        return new CodeSizeCounter(3);
    }

    /** A counter that estimates, for planning. */
    static CodeSizeCounter estimate() {
        return new CodeSizeCounter(2);
    }

    /** The bytes of bytecode counted so far. */
    int size() {
        return size;
    }

    @Override
    public void visitInsn(int opcode) {
        size += 1;
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        size += opcode == Opcodes.SIPUSH ? 3 : 2; // bipush, newarray: 2
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        if (varIndex < 4 && opcode != Opcodes.RET) {
            size += 1;          // iload_0 ... astore_3
        } else if (varIndex < 256) {
            size += 2;
        } else {
            size += 4;          // wide
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        size += 3;
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        size += 3;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        size += opcode == Opcodes.INVOKEINTERFACE ? 5 : 3;
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        size += 5;
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        size += 3;
    }

    @Override
    public void visitLdcInsn(Object value) {
        boolean wide = value instanceof Long || value instanceof Double;
        size += wide ? 3 : ldcBytes; // ldc2_w; ldc_w (3) or ldc (2)
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        boolean wide = varIndex > 255 || increment < Byte.MIN_VALUE || increment > Byte.MAX_VALUE;
        size += wide ? 6 : 3;
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        size += 1 + padding() + 12 + 4 * labels.length;
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        size += 1 + padding() + 8 + 8 * keys.length;
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        size += 4;
    }

    /** The 0–3 bytes after a switch opcode at {@code size} that align its operands to 4 (JVMS 6.5 tableswitch). */
    private int padding() {
        return (4 - ((size + 1) & 3)) & 3;
    }
}
