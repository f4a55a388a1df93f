package dev.airlock.wasm.runtime;

import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.Instruction;

/**
 * Evaluates constant expressions (spec 3.3.10, 4.4.10) during instantiation: in Wasm 2.0 a
 * constant expression is a single {@code t.const}, {@code ref.null}, {@code ref.func} or
 * {@code global.get} of an imported global (the validator has checked this).
 */
final class ConstantEvaluator {
    /** The instance whose globals and functions the expressions refer to. */
    private final Instance instance;

    ConstantEvaluator(Instance instance) {
        this.instance = instance;
    }

    /** The raw bits of a numeric constant expression (0 for reference-typed ones). */
    long bits(ConstantExpression expr) {
        Instruction insn = single(expr);
        switch (insn.opcode) {
            case I32_CONST: return (int) insn.value;
            case I64_CONST:
            case F32_CONST:
            case F64_CONST:
                return insn.value;
            case GLOBAL_GET: return instance.globals[insn.index].bits;
            default: return 0;
        }
    }

    /** The value of a reference-typed constant expression. */
    Object reference(ConstantExpression expr) {
        Instruction insn = single(expr);
        switch (insn.opcode) {
            case REF_NULL: return null;
            case REF_FUNC: return instance.function(insn.index);
            case GLOBAL_GET: return instance.globals[insn.index].ref;
            default: throw new IllegalStateException("not a reference expression: " + expr);
        }
    }

    private static Instruction single(ConstantExpression expr) {
        Instruction[] insns = expr.instructions();
        if (insns.length != 1) {
            throw new IllegalStateException("constant expression of " + insns.length + " instructions: " + expr);
        }
        return insns[0];
    }
}
