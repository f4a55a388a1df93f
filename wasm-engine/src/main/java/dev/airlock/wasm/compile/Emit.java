package dev.airlock.wasm.compile;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Shortest encodings of constants (JVMS 6.5 iconst, bipush, sipush, ldc). */
final class Emit {
    private Emit() {
    }

    /** Pushes an int constant with the shortest instruction. */
    static void intConst(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes a long constant with the shortest instruction. */
    static void longConst(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(Opcodes.LCONST_0 + (int) v);
        } else if (v == (int) v && v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            intConst(mv, (int) v);
            mv.visitInsn(Opcodes.I2L);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes a float by its exact bits (NaN payloads included). */
    static void floatConst(MethodVisitor mv, int bits) {
        if (bits == 0) {
            mv.visitInsn(Opcodes.FCONST_0);
        } else if (bits == Float.floatToRawIntBits(1f)) {
            mv.visitInsn(Opcodes.FCONST_1);
        } else if (bits == Float.floatToRawIntBits(2f)) {
            mv.visitInsn(Opcodes.FCONST_2);
        } else if (Float.isNaN(Float.intBitsToFloat(bits))) {
            // ldc of a NaN constant may not keep its payload through the class file's constant pool
            // handling; build it from its bits instead.
            intConst(mv, bits);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        } else {
            mv.visitLdcInsn(Float.intBitsToFloat(bits));
        }
    }

    /** Pushes a double by its exact bits (NaN payloads included). */
    static void doubleConst(MethodVisitor mv, long bits) {
        if (bits == 0) {
            mv.visitInsn(Opcodes.DCONST_0);
        } else if (bits == Double.doubleToRawLongBits(1d)) {
            mv.visitInsn(Opcodes.DCONST_1);
        } else if (Double.isNaN(Double.longBitsToDouble(bits))) {
            mv.visitLdcInsn(bits);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        } else {
            mv.visitLdcInsn(Double.longBitsToDouble(bits));
        }
    }
}
