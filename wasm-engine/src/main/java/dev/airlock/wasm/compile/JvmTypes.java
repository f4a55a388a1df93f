package dev.airlock.wasm.compile;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.ValType;
import org.objectweb.asm.Opcodes;

/**
 * How Wasm value types map to JVM types (JVMS 2.2–2.4): descriptors and the load, store, return
 * and pop opcodes for each. i32 is {@code int}, i64 {@code long}, f32 {@code float}, f64
 * {@code double}, funcref {@code FunctionInstance} and externref {@code Object}.
 */
final class JvmTypes {
    /** Internal names of the runtime classes generated code touches. */
    static final String RUNTIME = "dev/airlock/wasm/runtime/";
    static final String INSTANCE = RUNTIME + "Instance";
    static final String INSTANCE_DESC = "L" + INSTANCE + ";";
    static final String FUNCTION_INSTANCE = RUNTIME + "FunctionInstance";
    static final String MEMORY = RUNTIME + "Memory";
    static final String GLOBAL = RUNTIME + "Global";
    static final String TABLE = RUNTIME + "Table";
    static final String TRAPS = RUNTIME + "Traps";
    static final String TRAP_DESC = "Ldev/airlock/wasm/Trap;";

    private JvmTypes() {
    }

    /** The field descriptor of {@code t}'s representation. */
    static String descriptor(ValType t) {
        if (t.descriptor == null) {
            throw new IllegalArgumentException("unsupported value type " + t);
        }
        return t.descriptor;
    }

    /**
     * The descriptor of the static method implementing a function of {@code type}: its parameters,
     * the instance and the depth budget; it returns nothing, its single result, or — for several
     * results — nothing, leaving them in the instance's result area (see
     * {@code Instance.results}), so that direct calls allocate nothing.
     */
    static String functionDescriptor(FuncType type) {
        return parameters(type) + (type.resultCount() == 1 ? descriptor(type.result(0)) : "V");
    }

    /**
     * The descriptor of a {@code FunctionInstance}'s handle for {@code type}, as
     * {@code FunctionInstance.jvmType} defines it: like {@link #functionDescriptor}, but several
     * results come back boxed in an Object[].
     */
    static String handleDescriptor(FuncType type) {
        String result;
        switch (type.resultCount()) {
            case 0: result = "V"; break;
            case 1: result = descriptor(type.result(0)); break;
            default: result = "[Ljava/lang/Object;"; break;
        }
        return parameters(type) + result;
    }

    private static String parameters(FuncType type) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < type.paramCount(); i++) {
            sb.append(descriptor(type.param(i)));
        }
        return sb.append(INSTANCE_DESC).append("I)").toString();
    }

    /** JVM slots a value of {@code t} takes (2 for long and double). */
    static int size(ValType t) {
        return t.isWide() ? 2 : 1;
    }

    /** The load opcode (xLOAD) for {@code t}. */
    static int loadOpcode(ValType t) {
        switch (t) {
            case I32: return Opcodes.ILOAD;
            case I64: return Opcodes.LLOAD;
            case F32: return Opcodes.FLOAD;
            case F64: return Opcodes.DLOAD;
            default: return Opcodes.ALOAD;
        }
    }

    /** The store opcode (xSTORE) for {@code t}. */
    static int storeOpcode(ValType t) {
        switch (t) {
            case I32: return Opcodes.ISTORE;
            case I64: return Opcodes.LSTORE;
            case F32: return Opcodes.FSTORE;
            case F64: return Opcodes.DSTORE;
            default: return Opcodes.ASTORE;
        }
    }

    /** The return opcode (xRETURN) for {@code t}. */
    static int returnOpcode(ValType t) {
        switch (t) {
            case I32: return Opcodes.IRETURN;
            case I64: return Opcodes.LRETURN;
            case F32: return Opcodes.FRETURN;
            case F64: return Opcodes.DRETURN;
            default: return Opcodes.ARETURN;
        }
    }

    /** POP or POP2 for a value of {@code t}. */
    static int popOpcode(ValType t) {
        return t.isWide() ? Opcodes.POP2 : Opcodes.POP;
    }
}
