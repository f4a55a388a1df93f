package dev.airlock.wasm.compile;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes the stack map frames (JVMS 4.7.4, 4.10.1) of generated methods, so that ASM need not
 * compute them (which takes a third of the compiler's time): the translator knows the type of
 * every value on the stack and in every local at each jump target.
 *
 * <p>The translator announces a frame right after visiting a label ({@link #frameHere}); the frame
 * is written just before the next instruction, so that several labels at one position (the end of
 * a block that is also the end of its parent, say) share one frame, as the class file requires.
 */
final class FrameWriter extends MethodVisitor {
    private Object[] locals;
    private Object[] stack;
    private boolean pending;

    FrameWriter(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** The frame at the current position: {@code locals} and {@code stack} as ASM's F_NEW wants them. */
    void frameHere(Object[] frameLocals, Object[] frameStack) {
        this.locals = frameLocals;
        this.stack = frameStack;
        this.pending = true;
    }

    private void flush() {
        if (pending) {
            pending = false;
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        flush();
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        flush();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        flush();
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        flush();
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        flush();
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        flush();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        flush();
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        flush();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        flush();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        flush();
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        flush();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        flush();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        flush();
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }
}
