package dev.airlock.wasm.valid;

import dev.airlock.wasm.syntax.Import;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.util.List;

/**
 * Imports (spec 3.4.8 "Imports"): a function import must name an existing type ("unknown type"),
 * a table, memory or global import must have a valid type (spec 3.2).
 */
final class ImportValidator {
    /** Not instantiable: this class only holds static rules. */
    private ImportValidator() {
    }

    /** Validates every import of {@code module}. */
    static void validate(ModuleDefinition module) {
        List<Import> imports = module.imports;
        int typeCount = module.types.size();
        for (int i = 0; i < imports.size(); i++) {
            Import imp = imports.get(i);
            String where = "import " + i;
            if (imp == null || imp.kind() == null) {
                throw ValidationErrors.invalid("malformed import kind", where);
            }
            switch (imp.kind()) {
                case FUNCTION:
                    if (!ValidationErrors.inRange(imp.functionTypeIndex(), typeCount)) {
                        throw ValidationErrors.unknown("type", imp.functionTypeIndex(), where);
                    }
                    break;
                case TABLE:
                    TypeValidator.validateTable(imp.tableType(), where);
                    break;
                case MEMORY:
                    TypeValidator.validateMemory(imp.memoryType(), where);
                    break;
                case GLOBAL:
                    TypeValidator.validateGlobal(imp.globalType(), where);
                    break;
                default:
                    throw ValidationErrors.invalid("malformed import kind", where);
            }
        }
    }
}
