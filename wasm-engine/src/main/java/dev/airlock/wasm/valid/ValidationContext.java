package dev.airlock.wasm.valid;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.ElementSegment;
import dev.airlock.wasm.syntax.ModuleDefinition;

/**
 * The validation context {@code C} of a module (spec 3.1.1 "Contexts", built as 3.4.10 "Modules"
 * describes): the types of every index space, flattened into int-coded arrays ({@link TypeCodes})
 * so that validating instructions needs no lookups through lists and no boxing.
 *
 * <p>It may only be built once every type index in the import and function sections is known to be
 * in range ({@link ImportValidator}, {@link ModuleValidator}); it does not check them itself.
 */
final class ValidationContext {
    /** The module being validated. */
    final ModuleDefinition module;
    /** {@code C.types}: the parameter types of each function type, by type index. */
    final int[][] typeParams;
    /** {@code C.types}: the result types of each function type, by type index. */
    final int[][] typeResults;
    /** {@code C.funcs}: the type index of each function, imported ones first. */
    final int[] functionTypes;
    /** {@code C.tables}: the element type code of each table, imported ones first. */
    final int[] tableElementTypes;
    /** {@code |C.mems|}: the number of memories, imported included. */
    final int memoryCount;
    /** {@code C.globals}: the value type code of each global, imported ones first. */
    final int[] globalTypes;
    /** {@code C.globals}: whether each global is mutable, imported ones first. */
    final boolean[] globalMutable;
    /**
     * The number of imported globals: the only globals constant expressions of the module (global
     * initialisers and segment offsets) may refer to in WebAssembly 2.0 (the context {@code C'}).
     */
    final int importedGlobalCount;
    /** {@code C.elems}: the reference type code of each element segment ({@link TypeCodes#UNKNOWN} if absent). */
    final int[] elementTypes;
    /** {@code |C.datas|}: the number of data segments. */
    final int dataCount;
    /** {@code C.refs}: for each function index, whether the module declares a reference to it. */
    final boolean[] declaredFunctions;

    /** Builds the context of {@code module}; its import and function type indices must be valid. */
    ValidationContext(ModuleDefinition module) {
        this.module = module;
        int typeCount = module.types.size();
        typeParams = new int[typeCount][];
        typeResults = new int[typeCount][];
        for (int i = 0; i < typeCount; i++) {
            FuncType type = module.types.get(i);
            if (type == null) {
                throw ValidationErrors.invalid("malformed function type", "type " + i);
            }
            typeParams[i] = TypeCodes.of(type.params());
            typeResults[i] = TypeCodes.of(type.results());
        }

        int functionCount = module.functionCount();
        functionTypes = new int[functionCount];
        for (int i = 0; i < functionCount; i++) {
            functionTypes[i] = module.functionTypeIndex(i);
        }

        int tableCount = module.tableCount();
        tableElementTypes = new int[tableCount];
        for (int i = 0; i < tableCount; i++) {
            tableElementTypes[i] = TypeCodes.of(module.tableType(i).elementType());
        }

        memoryCount = module.memoryCount();

        int globalCount = module.globalCount();
        globalTypes = new int[globalCount];
        globalMutable = new boolean[globalCount];
        for (int i = 0; i < globalCount; i++) {
            GlobalType type = module.globalType(i);
            globalTypes[i] = TypeCodes.of(type.valueType());
            globalMutable[i] = type.mutable();
        }
        importedGlobalCount = module.importedGlobalCount();

        elementTypes = new int[module.elements.size()];
        for (int i = 0; i < elementTypes.length; i++) {
            ElementSegment segment = module.elements.get(i);
            ValType type = segment == null ? null : segment.type();
            elementTypes[i] = type == null ? TypeCodes.UNKNOWN : TypeCodes.of(type);
        }

        dataCount = module.data.size();
        declaredFunctions = DeclaredReferences.collect(module);
    }

    /** The number of functions, imported included. */
    int functionCount() {
        return functionTypes.length;
    }

    /** The number of tables, imported included. */
    int tableCount() {
        return tableElementTypes.length;
    }

    /** The number of globals, imported included. */
    int globalCount() {
        return globalTypes.length;
    }

    /** The number of function types. */
    int typeCount() {
        return typeParams.length;
    }
}
