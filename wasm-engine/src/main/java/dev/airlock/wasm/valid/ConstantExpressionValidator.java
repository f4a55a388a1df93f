package dev.airlock.wasm.valid;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.Instruction;

/**
 * Constant expressions (spec 3.3.10 "Expressions", "Constant Expressions"): global initialisers,
 * segment offsets and element-segment items.
 *
 * <p>An expression is constant if each of its instructions is {@code t.const}, {@code ref.null},
 * {@code ref.func} or {@code global.get x} of an immutable global; otherwise it is rejected with
 * "constant expression required". In WebAssembly 2.0 the module's constant expressions are
 * validated in the context {@code C'} whose globals are only the imported ones, so
 * {@code global.get} of a global the module defines is an "unknown global". A constant expression
 * must then leave exactly one value, of the expected type ("type mismatch" otherwise). As in the
 * reference interpreter, constness of every instruction is checked before typing.
 */
final class ConstantExpressionValidator {
    /** Not instantiable: this class only holds static rules. */
    private ConstantExpressionValidator() {
    }

    /**
     * Checks that {@code expression} is constant and of type {@code [expected]} in {@code ctx}, with
     * only the first {@code visibleGlobals} globals in scope. {@code where} names the expression for
     * messages.
     */
    static void validate(ConstantExpression expression, ValType expected, ValidationContext ctx,
                         int visibleGlobals, String where) {
        if (expression == null || expression.instructions() == null) {
            throw ValidationErrors.invalid("constant expression required", where);
        }
        Instruction[] instructions = expression.instructions();
        for (Instruction instruction : instructions) {
            checkConstant(instruction, ctx, visibleGlobals, where);
        }
        int produced = 0;
        int type = TypeCodes.UNKNOWN;
        for (Instruction instruction : instructions) {
            type = resultType(instruction, ctx, where);
            produced++;
        }
        if (produced != 1 || type != TypeCodes.of(expected)) {
            String actual = produced == 1 ? TypeCodes.name(type) : produced + " values";
            throw ValidationErrors.invalid("type mismatch",
                    where + ": expected " + expected.wasmName + " but expression produces " + actual);
        }
    }

    /** Rejects an instruction that may not occur in a constant expression. */
    private static void checkConstant(Instruction instruction, ValidationContext ctx, int visibleGlobals,
                                      String where) {
        if (instruction == null) {
            throw ValidationErrors.invalid("constant expression required", where);
        }
        switch (instruction.opcode) {
            case I32_CONST:
            case I64_CONST:
            case F32_CONST:
            case F64_CONST:
            case REF_NULL:
            case REF_FUNC:
                return;
            case GLOBAL_GET:
                if (!ValidationErrors.inRange(instruction.index, visibleGlobals)) {
                    throw ValidationErrors.unknown("global", instruction.index, where);
                }
                if (ctx.globalMutable[instruction.index]) {
                    throw ValidationErrors.invalid("constant expression required",
                            where + ": global " + instruction.index + " is mutable");
                }
                return;
            default:
                throw ValidationErrors.invalid("constant expression required", where + ": " + instruction);
        }
    }

    /** The type of the single value a constant instruction pushes (already known to be constant). */
    private static int resultType(Instruction instruction, ValidationContext ctx, String where) {
        switch (instruction.opcode) {
            case I32_CONST:
                return TypeCodes.I32;
            case I64_CONST:
                return TypeCodes.I64;
            case F32_CONST:
                return TypeCodes.F32;
            case F64_CONST:
                return TypeCodes.F64;
            case REF_NULL: {
                Object type = instruction.extra;
                if (!(type instanceof ValType) || !((ValType) type).isReference()) {
                    throw ValidationErrors.invalid("malformed reference type", where);
                }
                return TypeCodes.of((ValType) type);
            }
            case REF_FUNC:
                // A ref.func here is itself a declaration, so it is in C.refs by definition.
                if (!ValidationErrors.inRange(instruction.index, ctx.functionCount())) {
                    throw ValidationErrors.unknown("function", instruction.index, where);
                }
                return TypeCodes.FUNCREF;
            case GLOBAL_GET:
                return ctx.globalTypes[instruction.index];
            default:
                throw new AssertionError(instruction.opcode);
        }
    }
}
