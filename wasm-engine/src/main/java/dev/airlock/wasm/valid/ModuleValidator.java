package dev.airlock.wasm.valid;

import dev.airlock.wasm.InvalidModuleException;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TableType;
import dev.airlock.wasm.syntax.FunctionBody;
import dev.airlock.wasm.syntax.GlobalDefinition;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Validates a decoded module (spec chapter 3 "Validation", WebAssembly 2.0: MVP, sign extension,
 * non-trapping float-to-int, multi-value, bulk memory and reference types), following 3.4.10
 * "Modules":
 *
 * <ol>
 *   <li>imports ({@link ImportValidator}) and the function section's type indices ("unknown type");
 *   <li>table and memory types ({@link TypeValidator}), at most one memory ("multiple memories");
 *   <li>the context {@code C} ({@link ValidationContext}, with {@code C.refs} from {@link DeclaredReferences});
 *   <li>globals, element and data segments ({@link GlobalValidator}, {@link ElementSegmentValidator},
 *       {@link DataSegmentValidator}), whose constant expressions see only imported globals;
 *   <li>function bodies ({@link FunctionValidator});
 *   <li>the start function ({@link StartFunctionValidator}) and exports ({@link ExportValidator}).
 * </ol>
 *
 * <p>Every way a module can be invalid is reported as an {@link InvalidModuleException} whose
 * message starts with the reference interpreter's wording (e.g. "type mismatch", "unknown local").
 */
public final class ModuleValidator {
    /** Not instantiable: this class only holds static rules. */
    private ModuleValidator() {
    }

    /**
     * Checks that {@code module} is valid.
     *
     * @param module a module as the decoder produced it
     * @throws InvalidModuleException if it is not
     */
    public static void validate(ModuleDefinition module) {
        if (module == null) {
            throw ValidationErrors.invalid("malformed module", "null");
        }
        ImportValidator.validate(module);
        validateFunctionTypeIndices(module);
        validateTables(module.tables, module.importedTableCount());
        validateMemories(module);
        validateGlobalTypes(module.globals, module.importedGlobalCount());

        ValidationContext ctx = new ValidationContext(module);
        GlobalValidator.validate(ctx);
        ElementSegmentValidator.validate(ctx);
        DataSegmentValidator.validate(ctx);
        validateCode(ctx);
        StartFunctionValidator.validate(ctx);
        ExportValidator.validate(ctx);
    }

    /** The function section (spec 3.4.1): each defined function's type index must exist. */
    private static void validateFunctionTypeIndices(ModuleDefinition module) {
        int typeCount = module.types.size();
        int imported = module.importedFunctionCount();
        List<Integer> indices = module.functionTypeIndices;
        for (int i = 0; i < indices.size(); i++) {
            Integer index = indices.get(i);
            if (index == null || !ValidationErrors.inRange(index, typeCount)) {
                throw ValidationErrors.unknown("type", index == null ? -1 : index, "function " + (imported + i));
            }
        }
    }

    /** Tables (spec 3.4.2): each table type must be valid. */
    private static void validateTables(List<TableType> tables, int imported) {
        for (int i = 0; i < tables.size(); i++) {
            TypeValidator.validateTable(tables.get(i), "table " + (imported + i));
        }
    }

    /** Memories (spec 3.4.3): each memory type must be valid, and there may be at most one memory. */
    private static void validateMemories(ModuleDefinition module) {
        List<MemoryType> memories = module.memories;
        int imported = module.importedMemoryCount();
        for (int i = 0; i < memories.size(); i++) {
            TypeValidator.validateMemory(memories.get(i), "memory " + (imported + i));
        }
        if (module.memoryCount() > 1) {
            throw ValidationErrors.invalid("multiple memories", module.memoryCount() + " memories");
        }
    }

    /** Globals (spec 3.4.4), first part: each defined global must have a global type. */
    private static void validateGlobalTypes(List<GlobalDefinition> globals, int imported) {
        for (int i = 0; i < globals.size(); i++) {
            GlobalDefinition global = globals.get(i);
            TypeValidator.validateGlobal(global == null ? null : global.type(), "global " + (imported + i));
        }
    }

    /**
     * Bodies above this many instructions in all are validated in parallel; below it the cost of
     * starting threads exceeds the work.
     */
    private static final int PARALLEL_INSTRUCTIONS = 20_000;

    /**
     * Functions (spec 3.4.1): one body per defined function, each valid for its type.
     *
     * <p>Bodies are independent given the context, which is immutable, so large modules are
     * validated in parallel, one {@link FunctionValidator} per task. The error reported is the one
     * of the lowest-numbered invalid function, as a sequential validation would report it.
     */
    private static void validateCode(ValidationContext ctx) {
        ModuleDefinition module = ctx.module;
        List<FunctionBody> code = module.code;
        if (code.size() != module.functionTypeIndices.size()) {
            throw ValidationErrors.invalid("function and code section have inconsistent lengths",
                    module.functionTypeIndices.size() + " functions, " + code.size() + " bodies");
        }
        int imported = module.importedFunctionCount();
        long instructions = 0;
        for (FunctionBody body : code) {
            if (body != null && body.code() != null) {
                instructions += body.code().length;
            }
        }
        if (instructions < PARALLEL_INSTRUCTIONS) {
            FunctionValidator validator = new FunctionValidator(ctx);
            for (int i = 0; i < code.size(); i++) {
                validator.validate(imported + i, code.get(i));
            }
            return;
        }
        InvalidModuleException[] errors = new InvalidModuleException[code.size()];
        IntStream.range(0, code.size()).parallel().forEach(i -> {
            try {
                new FunctionValidator(ctx).validate(imported + i, code.get(i));
            } catch (InvalidModuleException e) {
                errors[i] = e;
            }
        });
        for (InvalidModuleException e : errors) {
            if (e != null) {
                throw e;
            }
        }
    }
}
