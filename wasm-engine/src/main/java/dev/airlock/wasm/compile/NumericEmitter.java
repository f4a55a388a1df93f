package dev.airlock.wasm.compile;

import dev.airlock.wasm.syntax.Opcode;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Emits the numeric instructions (spec 4.3 "Numerics", 4.4.1 "Numeric Instructions"): operands
 * are on the JVM operand stack in their JVM representation and the result replaces them.
 *
 * <p>Where JVM and Wasm semantics agree the JVM instruction is used directly (JVMS 6.5: iadd,
 * lmul, fdiv, the saturating f2i/d2l for {@code trunc_sat_*_s}, ...). Unsigned comparisons flip
 * the sign bit and compare signed. Operations whose Wasm semantics differ — trapping division,
 * float min/max/rounding, trapping and unsigned conversions — call the small static helpers of
 * {@code IntegerOps}, {@code FloatOps} and {@code Conversions}. {@code abs}, {@code neg} and
 * {@code copysign} are bit operations, so NaN payloads pass through unchanged as the spec requires.
 */
final class NumericEmitter {
    private static final String INTEGER_OPS = JvmTypes.RUNTIME + "IntegerOps";
    private static final String FLOAT_OPS = JvmTypes.RUNTIME + "FloatOps";
    private static final String CONVERSIONS = JvmTypes.RUNTIME + "Conversions";

    private NumericEmitter() {
    }

    /** Whether {@code op} is emitted by {@link #emit}. */
    static boolean handles(Opcode op) {
        return op.code >= 0x45 && op.code <= 0xC4 || op.code >= 0xFC00 && op.code <= 0xFC07;
    }

    /**
     * Places a jump target and declares its stack map frame: the operand stack there is the one
     * under the instruction's operands, plus the int result if {@code pushedInt}.
     */
    interface Labels {
        void place(Label label, boolean pushedInt);
    }

    /** Emits {@code op}; see {@link #handles}. {@code labels} places the jump targets it needs. */
    static void emit(MethodVisitor mv, Opcode op, Labels labels) {
        int jump = fusedJump(op);
        if (jump >= 0) {
            // A comparison: the same jump a fused cmp+br_if would use, then 0 or 1.
            prepareFusedCompare(mv, op);
            Label yes = new Label();
            Label done = new Label();
            mv.visitJumpInsn(jump, yes);
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitJumpInsn(Opcodes.GOTO, done);
            labels.place(yes, false);
            mv.visitInsn(Opcodes.ICONST_1);
            labels.place(done, true);
            return;
        }
        switch (op) {
            // i32 arithmetic
            case I32_CLZ: staticCall(mv, "java/lang/Integer", "numberOfLeadingZeros", "(I)I"); break;
            case I32_CTZ: staticCall(mv, "java/lang/Integer", "numberOfTrailingZeros", "(I)I"); break;
            case I32_POPCNT: staticCall(mv, "java/lang/Integer", "bitCount", "(I)I"); break;
            case I32_ADD: mv.visitInsn(Opcodes.IADD); break;
            case I32_SUB: mv.visitInsn(Opcodes.ISUB); break;
            case I32_MUL: mv.visitInsn(Opcodes.IMUL); break;
            case I32_DIV_S: staticCall(mv, INTEGER_OPS, "i32DivS", "(II)I"); break;
            case I32_DIV_U: staticCall(mv, INTEGER_OPS, "i32DivU", "(II)I"); break;
            case I32_REM_S: staticCall(mv, INTEGER_OPS, "i32RemS", "(II)I"); break;
            case I32_REM_U: staticCall(mv, INTEGER_OPS, "i32RemU", "(II)I"); break;
            case I32_AND: mv.visitInsn(Opcodes.IAND); break;
            case I32_OR: mv.visitInsn(Opcodes.IOR); break;
            case I32_XOR: mv.visitInsn(Opcodes.IXOR); break;
            case I32_SHL: mv.visitInsn(Opcodes.ISHL); break;
            case I32_SHR_S: mv.visitInsn(Opcodes.ISHR); break;
            case I32_SHR_U: mv.visitInsn(Opcodes.IUSHR); break;
            case I32_ROTL: staticCall(mv, "java/lang/Integer", "rotateLeft", "(II)I"); break;
            case I32_ROTR: staticCall(mv, "java/lang/Integer", "rotateRight", "(II)I"); break;

            // i64 arithmetic; shift counts are i64 in Wasm and int on the JVM (both use the low 6 bits)
            case I64_CLZ: staticCall(mv, "java/lang/Long", "numberOfLeadingZeros", "(J)I"); mv.visitInsn(Opcodes.I2L); break;
            case I64_CTZ: staticCall(mv, "java/lang/Long", "numberOfTrailingZeros", "(J)I"); mv.visitInsn(Opcodes.I2L); break;
            case I64_POPCNT: staticCall(mv, "java/lang/Long", "bitCount", "(J)I"); mv.visitInsn(Opcodes.I2L); break;
            case I64_ADD: mv.visitInsn(Opcodes.LADD); break;
            case I64_SUB: mv.visitInsn(Opcodes.LSUB); break;
            case I64_MUL: mv.visitInsn(Opcodes.LMUL); break;
            case I64_DIV_S: staticCall(mv, INTEGER_OPS, "i64DivS", "(JJ)J"); break;
            case I64_DIV_U: staticCall(mv, INTEGER_OPS, "i64DivU", "(JJ)J"); break;
            case I64_REM_S: staticCall(mv, INTEGER_OPS, "i64RemS", "(JJ)J"); break;
            case I64_REM_U: staticCall(mv, INTEGER_OPS, "i64RemU", "(JJ)J"); break;
            case I64_AND: mv.visitInsn(Opcodes.LAND); break;
            case I64_OR: mv.visitInsn(Opcodes.LOR); break;
            case I64_XOR: mv.visitInsn(Opcodes.LXOR); break;
            case I64_SHL: mv.visitInsn(Opcodes.L2I); mv.visitInsn(Opcodes.LSHL); break;
            case I64_SHR_S: mv.visitInsn(Opcodes.L2I); mv.visitInsn(Opcodes.LSHR); break;
            case I64_SHR_U: mv.visitInsn(Opcodes.L2I); mv.visitInsn(Opcodes.LUSHR); break;
            case I64_ROTL: mv.visitInsn(Opcodes.L2I); staticCall(mv, "java/lang/Long", "rotateLeft", "(JI)J"); break;
            case I64_ROTR: mv.visitInsn(Opcodes.L2I); staticCall(mv, "java/lang/Long", "rotateRight", "(JI)J"); break;

            // f32 arithmetic
            case F32_ABS: floatBits(mv, 0x7FFF_FFFF, Opcodes.IAND); break;
            case F32_NEG: floatBits(mv, 0x8000_0000, Opcodes.IXOR); break;
            case F32_CEIL: staticCall(mv, FLOAT_OPS, "f32Ceil", "(F)F"); break;
            case F32_FLOOR: staticCall(mv, FLOAT_OPS, "f32Floor", "(F)F"); break;
            case F32_TRUNC: staticCall(mv, FLOAT_OPS, "f32Trunc", "(F)F"); break;
            case F32_NEAREST: staticCall(mv, FLOAT_OPS, "f32Nearest", "(F)F"); break;
            case F32_SQRT: staticCall(mv, FLOAT_OPS, "f32Sqrt", "(F)F"); break;
            case F32_ADD: mv.visitInsn(Opcodes.FADD); break;
            case F32_SUB: mv.visitInsn(Opcodes.FSUB); break;
            case F32_MUL: mv.visitInsn(Opcodes.FMUL); break;
            case F32_DIV: mv.visitInsn(Opcodes.FDIV); break;
            case F32_MIN: staticCall(mv, FLOAT_OPS, "f32Min", "(FF)F"); break;
            case F32_MAX: staticCall(mv, FLOAT_OPS, "f32Max", "(FF)F"); break;
            case F32_COPYSIGN: copysignFloat(mv); break;

            // f64 arithmetic
            case F64_ABS: doubleBits(mv, 0x7FFF_FFFF_FFFF_FFFFL, Opcodes.LAND); break;
            case F64_NEG: doubleBits(mv, 0x8000_0000_0000_0000L, Opcodes.LXOR); break;
            case F64_CEIL: staticCall(mv, FLOAT_OPS, "f64Ceil", "(D)D"); break;
            case F64_FLOOR: staticCall(mv, FLOAT_OPS, "f64Floor", "(D)D"); break;
            case F64_TRUNC: staticCall(mv, FLOAT_OPS, "f64Trunc", "(D)D"); break;
            case F64_NEAREST: staticCall(mv, FLOAT_OPS, "f64Nearest", "(D)D"); break;
            case F64_SQRT: staticCall(mv, "java/lang/Math", "sqrt", "(D)D"); break;
            case F64_ADD: mv.visitInsn(Opcodes.DADD); break;
            case F64_SUB: mv.visitInsn(Opcodes.DSUB); break;
            case F64_MUL: mv.visitInsn(Opcodes.DMUL); break;
            case F64_DIV: mv.visitInsn(Opcodes.DDIV); break;
            case F64_MIN: staticCall(mv, FLOAT_OPS, "f64Min", "(DD)D"); break;
            case F64_MAX: staticCall(mv, FLOAT_OPS, "f64Max", "(DD)D"); break;
            case F64_COPYSIGN: copysignDouble(mv); break;

            // conversions
            case I32_WRAP_I64: mv.visitInsn(Opcodes.L2I); break;
            case I32_TRUNC_F32_S: staticCall(mv, CONVERSIONS, "i32TruncF32S", "(F)I"); break;
            case I32_TRUNC_F32_U: staticCall(mv, CONVERSIONS, "i32TruncF32U", "(F)I"); break;
            case I32_TRUNC_F64_S: staticCall(mv, CONVERSIONS, "i32TruncF64S", "(D)I"); break;
            case I32_TRUNC_F64_U: staticCall(mv, CONVERSIONS, "i32TruncF64U", "(D)I"); break;
            case I64_EXTEND_I32_S: mv.visitInsn(Opcodes.I2L); break;
            case I64_EXTEND_I32_U:
                mv.visitInsn(Opcodes.I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(Opcodes.LAND);
                break;
            case I64_TRUNC_F32_S: staticCall(mv, CONVERSIONS, "i64TruncF32S", "(F)J"); break;
            case I64_TRUNC_F32_U: staticCall(mv, CONVERSIONS, "i64TruncF32U", "(F)J"); break;
            case I64_TRUNC_F64_S: staticCall(mv, CONVERSIONS, "i64TruncF64S", "(D)J"); break;
            case I64_TRUNC_F64_U: staticCall(mv, CONVERSIONS, "i64TruncF64U", "(D)J"); break;
            case F32_CONVERT_I32_S: mv.visitInsn(Opcodes.I2F); break;
            case F32_CONVERT_I32_U: unsignedIntToLong(mv); mv.visitInsn(Opcodes.L2F); break;
            case F32_CONVERT_I64_S: mv.visitInsn(Opcodes.L2F); break;
            case F32_CONVERT_I64_U: staticCall(mv, CONVERSIONS, "f32ConvertI64U", "(J)F"); break;
            case F32_DEMOTE_F64: mv.visitInsn(Opcodes.D2F); break;
            case F64_CONVERT_I32_S: mv.visitInsn(Opcodes.I2D); break;
            case F64_CONVERT_I32_U: unsignedIntToLong(mv); mv.visitInsn(Opcodes.L2D); break;
            case F64_CONVERT_I64_S: mv.visitInsn(Opcodes.L2D); break;
            case F64_CONVERT_I64_U: staticCall(mv, CONVERSIONS, "f64ConvertI64U", "(J)D"); break;
            case F64_PROMOTE_F32: mv.visitInsn(Opcodes.F2D); break;
            case I32_REINTERPRET_F32: staticCall(mv, "java/lang/Float", "floatToRawIntBits", "(F)I"); break;
            case I64_REINTERPRET_F64: staticCall(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J"); break;
            case F32_REINTERPRET_I32: staticCall(mv, "java/lang/Float", "intBitsToFloat", "(I)F"); break;
            case F64_REINTERPRET_I64: staticCall(mv, "java/lang/Double", "longBitsToDouble", "(J)D"); break;

            // sign extension
            case I32_EXTEND8_S: mv.visitInsn(Opcodes.I2B); break;
            case I32_EXTEND16_S: mv.visitInsn(Opcodes.I2S); break;
            case I64_EXTEND8_S: mv.visitInsn(Opcodes.L2I); mv.visitInsn(Opcodes.I2B); mv.visitInsn(Opcodes.I2L); break;
            case I64_EXTEND16_S: mv.visitInsn(Opcodes.L2I); mv.visitInsn(Opcodes.I2S); mv.visitInsn(Opcodes.I2L); break;
            case I64_EXTEND32_S: mv.visitInsn(Opcodes.L2I); mv.visitInsn(Opcodes.I2L); break;

            // saturating truncation: the JVM's conversions saturate and map NaN to 0 (JVMS 6.5 f2i)
            case I32_TRUNC_SAT_F32_S: mv.visitInsn(Opcodes.F2I); break;
            case I32_TRUNC_SAT_F32_U: staticCall(mv, CONVERSIONS, "i32TruncSatF32U", "(F)I"); break;
            case I32_TRUNC_SAT_F64_S: mv.visitInsn(Opcodes.D2I); break;
            case I32_TRUNC_SAT_F64_U: staticCall(mv, CONVERSIONS, "i32TruncSatF64U", "(D)I"); break;
            case I64_TRUNC_SAT_F32_S: mv.visitInsn(Opcodes.F2L); break;
            case I64_TRUNC_SAT_F32_U: staticCall(mv, CONVERSIONS, "i64TruncSatF32U", "(F)J"); break;
            case I64_TRUNC_SAT_F64_S: mv.visitInsn(Opcodes.D2L); break;
            case I64_TRUNC_SAT_F64_U: staticCall(mv, CONVERSIONS, "i64TruncSatF64U", "(D)J"); break;
            default:
                throw new IllegalArgumentException("not a numeric instruction: " + op);
        }
    }

    /**
     * The conditional jump that branches when comparison {@code op} is true, given its operands on
     * the stack, or -1 if {@code op} is not a comparison that can be fused this way. Used to
     * translate {@code cmp; br_if} and {@code cmp; if} without materialising 0/1. Unsigned and
     * i64 comparisons need preparation, emitted by {@link #prepareFusedCompare}.
     */
    static int fusedJump(Opcode op) {
        switch (op) {
            case I32_EQZ: return Opcodes.IFEQ;
            case I32_EQ: return Opcodes.IF_ICMPEQ;
            case I32_NE: return Opcodes.IF_ICMPNE;
            case I32_LT_S: case I32_LT_U: return Opcodes.IF_ICMPLT;
            case I32_GT_S: case I32_GT_U: return Opcodes.IF_ICMPGT;
            case I32_LE_S: case I32_LE_U: return Opcodes.IF_ICMPLE;
            case I32_GE_S: case I32_GE_U: return Opcodes.IF_ICMPGE;
            case I64_EQZ: case I64_EQ: return Opcodes.IFEQ;
            case I64_NE: return Opcodes.IFNE;
            case I64_LT_S: case I64_LT_U: return Opcodes.IFLT;
            case I64_GT_S: case I64_GT_U: return Opcodes.IFGT;
            case I64_LE_S: case I64_LE_U: return Opcodes.IFLE;
            case I64_GE_S: case I64_GE_U: return Opcodes.IFGE;
            // Floats: after fcmpl/fcmpg chosen so that NaN makes the comparison false (see
            // prepareFusedCompare), the inverted jump is taken for NaN, as it must be.
            case F32_EQ: case F64_EQ: return Opcodes.IFEQ;
            case F32_NE: case F64_NE: return Opcodes.IFNE;
            case F32_LT: case F64_LT: return Opcodes.IFLT;
            case F32_GT: case F64_GT: return Opcodes.IFGT;
            case F32_LE: case F64_LE: return Opcodes.IFLE;
            case F32_GE: case F64_GE: return Opcodes.IFGE;
            default: return -1;
        }
    }

    /** Emits what must precede {@link #fusedJump}{@code (op)}: sign flips, {@code lcmp}. */
    static void prepareFusedCompare(MethodVisitor mv, Opcode op) {
        switch (op) {
            case I32_LT_U: case I32_GT_U: case I32_LE_U: case I32_GE_U:
                flipIntSigns(mv);
                break;
            case I64_EQZ:
                mv.visitInsn(Opcodes.LCONST_0);
                mv.visitInsn(Opcodes.LCMP);
                break;
            case I64_LT_U: case I64_GT_U: case I64_LE_U: case I64_GE_U:
                flipLongSigns(mv);
                mv.visitInsn(Opcodes.LCMP);
                break;
            case I64_EQ: case I64_NE: case I64_LT_S: case I64_GT_S: case I64_LE_S: case I64_GE_S:
                mv.visitInsn(Opcodes.LCMP);
                break;
            case F32_EQ: case F32_NE: case F32_GT: case F32_GE:
                mv.visitInsn(Opcodes.FCMPL);
                break;
            case F32_LT: case F32_LE:
                mv.visitInsn(Opcodes.FCMPG);
                break;
            case F64_EQ: case F64_NE: case F64_GT: case F64_GE:
                mv.visitInsn(Opcodes.DCMPL);
                break;
            case F64_LT: case F64_LE:
                mv.visitInsn(Opcodes.DCMPG);
                break;
            default:
                break;
        }
    }

    /** The jump opcode that branches exactly when {@code jump} does not. */
    static int invert(int jump) {
        switch (jump) {
            case Opcodes.IFEQ: return Opcodes.IFNE;
            case Opcodes.IFNE: return Opcodes.IFEQ;
            case Opcodes.IFLT: return Opcodes.IFGE;
            case Opcodes.IFGE: return Opcodes.IFLT;
            case Opcodes.IFGT: return Opcodes.IFLE;
            case Opcodes.IFLE: return Opcodes.IFGT;
            case Opcodes.IF_ICMPEQ: return Opcodes.IF_ICMPNE;
            case Opcodes.IF_ICMPNE: return Opcodes.IF_ICMPEQ;
            case Opcodes.IF_ICMPLT: return Opcodes.IF_ICMPGE;
            case Opcodes.IF_ICMPGE: return Opcodes.IF_ICMPLT;
            case Opcodes.IF_ICMPGT: return Opcodes.IF_ICMPLE;
            case Opcodes.IF_ICMPLE: return Opcodes.IF_ICMPGT;
            default: throw new IllegalArgumentException("not an invertible jump: " + jump);
        }
    }

    private static void staticCall(MethodVisitor mv, String owner, String name, String desc) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, desc, false);
    }

    /** a b -> (a ^ MIN) (b ^ MIN): unsigned order becomes signed order. */
    private static void flipIntSigns(MethodVisitor mv) {
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(Opcodes.IXOR);
        mv.visitInsn(Opcodes.SWAP);
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(Opcodes.IXOR);
        mv.visitInsn(Opcodes.SWAP);
    }

    /** a b -> (a ^ MIN) (b ^ MIN) for longs. */
    private static void flipLongSigns(MethodVisitor mv) {
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(Opcodes.LXOR);
        mv.visitInsn(Opcodes.DUP2_X2);
        mv.visitInsn(Opcodes.POP2);
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(Opcodes.LXOR);
        mv.visitInsn(Opcodes.DUP2_X2);
        mv.visitInsn(Opcodes.POP2);
    }

    private static void floatBits(MethodVisitor mv, int mask, int op) {
        staticCall(mv, "java/lang/Float", "floatToRawIntBits", "(F)I");
        mv.visitLdcInsn(mask);
        mv.visitInsn(op);
        staticCall(mv, "java/lang/Float", "intBitsToFloat", "(I)F");
    }

    private static void doubleBits(MethodVisitor mv, long mask, int op) {
        staticCall(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J");
        mv.visitLdcInsn(mask);
        mv.visitInsn(op);
        staticCall(mv, "java/lang/Double", "longBitsToDouble", "(J)D");
    }

    /** a b -> (a's magnitude with b's sign), on the bits. */
    private static void copysignFloat(MethodVisitor mv) {
        staticCall(mv, "java/lang/Float", "floatToRawIntBits", "(F)I");
        mv.visitLdcInsn(0x8000_0000);
        mv.visitInsn(Opcodes.IAND);                  // a signB
        mv.visitInsn(Opcodes.SWAP);                  // signB a
        staticCall(mv, "java/lang/Float", "floatToRawIntBits", "(F)I");
        mv.visitLdcInsn(0x7FFF_FFFF);
        mv.visitInsn(Opcodes.IAND);                  // signB magA
        mv.visitInsn(Opcodes.IOR);
        staticCall(mv, "java/lang/Float", "intBitsToFloat", "(I)F");
    }

    private static void copysignDouble(MethodVisitor mv) {
        staticCall(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J");
        mv.visitLdcInsn(0x8000_0000_0000_0000L);
        mv.visitInsn(Opcodes.LAND);                  // a signB
        mv.visitInsn(Opcodes.DUP2_X2);
        mv.visitInsn(Opcodes.POP2);                  // signB a
        staticCall(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J");
        mv.visitLdcInsn(0x7FFF_FFFF_FFFF_FFFFL);
        mv.visitInsn(Opcodes.LAND);
        mv.visitInsn(Opcodes.LOR);
        staticCall(mv, "java/lang/Double", "longBitsToDouble", "(J)D");
    }

    private static void unsignedIntToLong(MethodVisitor mv) {
        mv.visitInsn(Opcodes.I2L);
        mv.visitLdcInsn(0xFFFF_FFFFL);
        mv.visitInsn(Opcodes.LAND);
    }
}
