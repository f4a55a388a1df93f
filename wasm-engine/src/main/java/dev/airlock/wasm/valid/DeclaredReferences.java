package dev.airlock.wasm.valid;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.DataSegment;
import dev.airlock.wasm.syntax.ElementSegment;
import dev.airlock.wasm.syntax.Export;
import dev.airlock.wasm.syntax.GlobalDefinition;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.Opcode;

/**
 * The set {@code C.refs} of declared function references (spec 3.4.10 "Modules"): the function
 * indices that occur in the module outside its functions and start function, that is in
 * {@code ref.func} instructions of global initialisers and element and data segments, and in
 * function exports. {@code ref.func x} inside a function body is valid only for such an {@code x}
 * (spec 3.3.2 "Reference Instructions").
 */
final class DeclaredReferences {
    /** Not instantiable: this class only holds static rules. */
    private DeclaredReferences() {
    }

    /** For each function index of {@code module}, whether it is in {@code C.refs}. */
    static boolean[] collect(ModuleDefinition module) {
        boolean[] declared = new boolean[module.functionCount()];
        for (GlobalDefinition global : module.globals) {
            if (global != null) {
                mark(global.init(), declared);
            }
        }
        for (ElementSegment segment : module.elements) {
            if (segment == null) {
                continue;
            }
            mark(segment.offset(), declared);
            if (segment.items() != null) {
                for (ConstantExpression item : segment.items()) {
                    mark(item, declared);
                }
            }
        }
        for (DataSegment segment : module.data) {
            if (segment != null) {
                mark(segment.offset(), declared);
            }
        }
        for (Export export : module.exports) {
            if (export != null && export.kind() == ExternKind.FUNCTION) {
                set(export.index(), declared);
            }
        }
        return declared;
    }

    /** Marks every function that a {@code ref.func} of {@code expression} names (null: none). */
    private static void mark(ConstantExpression expression, boolean[] declared) {
        if (expression == null || expression.instructions() == null) {
            return;
        }
        for (Instruction instruction : expression.instructions()) {
            if (instruction != null && instruction.opcode == Opcode.REF_FUNC) {
                set(instruction.index, declared);
            }
        }
    }

    /** Marks function {@code index}, ignoring indices out of range (they are reported elsewhere). */
    private static void set(int index, boolean[] declared) {
        if (ValidationErrors.inRange(index, declared.length)) {
            declared[index] = true;
        }
    }
}
