package dev.airlock.wasm.compile;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.FunctionBody;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.ModuleDefinition;

/** What every method generated for one Wasm function needs to know about it and its module. */
final class FunctionContext {
    /** The module. */
    final ModuleDefinition module;
    /** Where each function's method is, for calls. */
    final CallTargets targets;
    /** The function's index in the function index space. */
    final int functionIndex;
    /** The function's type. */
    final FuncType type;
    /** Types of all locals, parameters first. */
    final ValType[] localTypes;
    /** The body, ending with the body's {@code end}. */
    final Instruction[] code;
    /** Where constructs open and close. */
    final BlockStructure structure;
    /** Whether the module has a memory (then every method caches its array). */
    final boolean hasMemory;
    /** Internal name of the class the function's methods go into. */
    final String className;
    /** Index of that class among the module's classes. */
    final int classIndex;

    FunctionContext(ModuleDefinition module, CallTargets targets, int functionIndex, String className, int classIndex) {
        this.module = module;
        this.targets = targets;
        this.functionIndex = functionIndex;
        this.type = module.functionType(functionIndex);
        FunctionBody body = module.code.get(functionIndex - module.importedFunctionCount());
        this.localTypes = new ValType[type.paramCount() + body.locals().length];
        for (int i = 0; i < type.paramCount(); i++) {
            localTypes[i] = type.param(i);
        }
        System.arraycopy(body.locals(), 0, localTypes, type.paramCount(), body.locals().length);
        this.code = body.code();
        this.structure = new BlockStructure(code);
        this.hasMemory = module.memoryCount() > 0;
        this.className = className;
        this.classIndex = classIndex;
    }

    /** Index of the body's final {@code end}. */
    int bodyEnd() {
        return code.length - 1;
    }

    /** First transfer slot in the frame arrays of a split function. */
    int transferBase() {
        return localTypes.length;
    }
}
