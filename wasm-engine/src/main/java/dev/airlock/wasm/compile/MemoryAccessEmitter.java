package dev.airlock.wasm.compile;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.Opcode;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/*
 * ============================================================================================
 *  THIS IS THE SANDBOX. Every load and store a Wasm module performs is emitted here.
 *  Any change to this file must be reviewed twice, by two people, against the argument below.
 * ============================================================================================
 *
 * The argument. Linear memory is one Java byte[] (Memory.bytes) whose length is exactly the
 * memory's size. Generated code reaches it only through the JVM local that caches the array,
 * and accesses it only with baload/bastore or a little-endian byte-array VarHandle (through the
 * static methods LittleEndian.getI32 etc., each one VarHandle access and nothing else). Both
 * check the JVM index against the array's length and throw IndexOutOfBoundsException when
 * [index, index + size) does not fit; the JVM guarantees this check, so no access can touch
 * anything outside the array, whatever the index.
 *
 * What remains is WebAssembly's own rule (spec 4.4.7): the effective address is the 33-bit sum
 * ea = u32(base) + u32(offset), and the access traps unless ea + size <= memory size. The JVM
 * index is a 32-bit int, so we must make sure that no ea >= 2^31 is turned into a small index
 * that the array check would accept (2^31 - 1 bytes is also the most a byte[] holds, so every
 * ea >= 2^31 is out of bounds):
 *
 *   - offset == 0: index = base. A base >= 2^31 is a negative int; the array check rejects it.
 *   - 0 < offset < 2^31: we require 0 <= base < 2^31 - offset, with Objects.checkIndex(base,
 *     2^31 - offset); then index = base + offset (int arithmetic) cannot overflow and equals ea,
 *     and the array check decides. If the requirement fails, ea >= 2^31: out of bounds anyway.
 *     (checkIndex is a JIT intrinsic, a range check like the array's own, which the JIT can hoist
 *     out of loops together with it.)
 *   - offset >= 2^31: every access is out of bounds; we emit an unconditional trap.
 *
 * The IndexOutOfBoundsException of either check is turned into a Trap of kind
 * OUT_OF_BOUNDS_MEMORY by an exception handler covering the whole generated method
 * (MethodEmitter installs it); generated code raises IndexOutOfBoundsException nowhere else.
 */

/**
 * Emits loads and stores (spec 4.4.7 "Memory Instructions") against the cached linear-memory
 * array. See the comment at the top of this file for why these accesses cannot leave the
 * sandbox.
 */
final class MemoryAccessEmitter {
    private static final String LITTLE_ENDIAN = JvmTypes.RUNTIME + "LittleEndian";

    private MemoryAccessEmitter() {
    }

    /**
     * Emits a load: the operand stack holds the base address; afterwards it holds the value.
     *
     * @param memSlot the JVM local holding the memory's byte[]
     * @return false if the access always traps (its offset alone is out of bounds): the code after
     *     it is unreachable
     */
    static boolean load(MethodVisitor mv, Instruction insn, int memSlot) {
        Opcode op = insn.opcode;
        if (!effectiveIndex(mv, insn.value)) {
            return false;
        }
        switch (op) {
            case I32_LOAD: viewGet(mv, memSlot, "I32", "I"); break;
            case I64_LOAD: viewGet(mv, memSlot, "I64", "J"); break;
            case F32_LOAD: viewGet(mv, memSlot, "F32", "F"); break;
            case F64_LOAD: viewGet(mv, memSlot, "F64", "D"); break;
            case I32_LOAD8_S: byteGet(mv, memSlot); break;
            case I32_LOAD8_U: byteGet(mv, memSlot); mask8(mv); break;
            case I32_LOAD16_S: viewGet(mv, memSlot, "I16", "S"); break;
            case I32_LOAD16_U: viewGet(mv, memSlot, "I16", "S"); mask16(mv); break;
            case I64_LOAD8_S: byteGet(mv, memSlot); mv.visitInsn(Opcodes.I2L); break;
            case I64_LOAD8_U: byteGet(mv, memSlot); mask8(mv); mv.visitInsn(Opcodes.I2L); break;
            case I64_LOAD16_S: viewGet(mv, memSlot, "I16", "S"); mv.visitInsn(Opcodes.I2L); break;
            case I64_LOAD16_U: viewGet(mv, memSlot, "I16", "S"); mask16(mv); mv.visitInsn(Opcodes.I2L); break;
            case I64_LOAD32_S: viewGet(mv, memSlot, "I32", "I"); mv.visitInsn(Opcodes.I2L); break;
            case I64_LOAD32_U:
                viewGet(mv, memSlot, "I32", "I");
                mv.visitInsn(Opcodes.I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(Opcodes.LAND);
                break;
            default:
                throw new IllegalArgumentException("not a load: " + op);
        }
        return true;
    }

    /**
     * Emits a store: the operand stack holds the base address and the value; afterwards it holds
     * neither.
     *
     * @param memSlot the JVM local holding the memory's byte[]
     * @param valueSlot a free JVM local able to hold the value while the index is computed
     * @return false if the access always traps: the code after it is unreachable
     */
    static boolean store(MethodVisitor mv, Instruction insn, int memSlot, int valueSlot) {
        Opcode op = insn.opcode;
        ValType valueType = op.params[1];
        mv.visitVarInsn(JvmTypes.storeOpcode(valueType), valueSlot);
        if (!effectiveIndex(mv, insn.value)) {
            return false;
        }
        switch (op) {
            case I32_STORE: viewSet(mv, memSlot, valueSlot, valueType, "I32", "I", -1); break;
            case I64_STORE: viewSet(mv, memSlot, valueSlot, valueType, "I64", "J", -1); break;
            case F32_STORE: viewSet(mv, memSlot, valueSlot, valueType, "F32", "F", -1); break;
            case F64_STORE: viewSet(mv, memSlot, valueSlot, valueType, "F64", "D", -1); break;
            case I32_STORE8: byteSet(mv, memSlot, valueSlot, valueType); break;
            case I32_STORE16: viewSet(mv, memSlot, valueSlot, valueType, "I16", "S", Opcodes.I2S); break;
            case I64_STORE8: byteSet(mv, memSlot, valueSlot, valueType); break;
            case I64_STORE16: viewSet(mv, memSlot, valueSlot, valueType, "I16", "S", Opcodes.I2S); break;
            case I64_STORE32: viewSet(mv, memSlot, valueSlot, valueType, "I32", "I", -1); break;
            default:
                throw new IllegalArgumentException("not a store: " + op);
        }
        return true;
    }

    /**
     * Turns the base address on the stack into the JVM index for a static {@code offset}, trapping
     * where the 33-bit effective address could alias (see the file comment). Returns false when
     * the access always traps (the trap has been emitted and the base popped).
     */
    private static boolean effectiveIndex(MethodVisitor mv, long offset) {
        if (offset == 0) {
            return true;
        }
        if (offset >= 0x8000_0000L) {
            mv.visitInsn(Opcodes.POP);
            throwOutOfBounds(mv);
            return false;
        }
        Emit.intConst(mv, (int) (0x8000_0000L - offset));
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Objects", "checkIndex", "(II)I", false);
        Emit.intConst(mv, (int) offset);
        mv.visitInsn(Opcodes.IADD);
        return true;
    }

    private static void throwOutOfBounds(MethodVisitor mv) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, JvmTypes.TRAPS, "outOfBoundsMemory", "()" + JvmTypes.TRAP_DESC, false);
        mv.visitInsn(Opcodes.ATHROW);
    }

    /** index -> value, through {@code LittleEndian.get<view>}. */
    private static void viewGet(MethodVisitor mv, int memSlot, String view, String valueDesc) {
        mv.visitVarInsn(Opcodes.ALOAD, memSlot);  // index mem
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, LITTLE_ENDIAN, "get" + view, "(I[B)" + valueDesc, false);
    }

    /** index -> (), storing the value held in {@code valueSlot} through {@code LittleEndian.set<view>}. */
    private static void viewSet(MethodVisitor mv, int memSlot, int valueSlot, ValType valueType, String view,
                                String valueDesc, int narrowing) {
        mv.visitVarInsn(Opcodes.ALOAD, memSlot);  // index mem
        mv.visitVarInsn(JvmTypes.loadOpcode(valueType), valueSlot);
        if (valueType == ValType.I64 && !valueDesc.equals("J")) {
            mv.visitInsn(Opcodes.L2I);
        }
        if (narrowing >= 0) {
            mv.visitInsn(narrowing);
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, LITTLE_ENDIAN, "set" + view, "(I[B" + valueDesc + ")V", false);
    }

    private static void byteGet(MethodVisitor mv, int memSlot) {
        mv.visitVarInsn(Opcodes.ALOAD, memSlot);
        mv.visitInsn(Opcodes.SWAP);
        mv.visitInsn(Opcodes.BALOAD);
    }

    private static void byteSet(MethodVisitor mv, int memSlot, int valueSlot, ValType valueType) {
        mv.visitVarInsn(Opcodes.ALOAD, memSlot);
        mv.visitInsn(Opcodes.SWAP);
        mv.visitVarInsn(JvmTypes.loadOpcode(valueType), valueSlot);
        if (valueType == ValType.I64) {
            mv.visitInsn(Opcodes.L2I);
        }
        mv.visitInsn(Opcodes.BASTORE);
    }

    private static void mask8(MethodVisitor mv) {
        mv.visitIntInsn(Opcodes.SIPUSH, 0xFF);
        mv.visitInsn(Opcodes.IAND);
    }

    private static void mask16(MethodVisitor mv) {
        mv.visitLdcInsn(0xFFFF);
        mv.visitInsn(Opcodes.IAND);
    }
}
