package dev.airlock.wasm.valid;

import dev.airlock.wasm.syntax.Export;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Exports (spec 3.4.9 "Exports" and 3.4.10 "Modules"): each export must name an existing function,
 * table, memory or global ("unknown function 3", ...), and export names must be unique
 * ("duplicate export name").
 */
final class ExportValidator {
    /** Not instantiable: this class only holds static rules. */
    private ExportValidator() {
    }

    /** Validates the exports of the module of {@code ctx}. */
    static void validate(ValidationContext ctx) {
        List<Export> exports = ctx.module.exports;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < exports.size(); i++) {
            Export export = exports.get(i);
            String where = "export " + i;
            if (export == null || export.kind() == null || export.name() == null) {
                throw ValidationErrors.invalid("malformed export", where);
            }
            int index = export.index();
            switch (export.kind()) {
                case FUNCTION:
                    require(index, ctx.functionCount(), "function", where);
                    break;
                case TABLE:
                    require(index, ctx.tableCount(), "table", where);
                    break;
                case MEMORY:
                    require(index, ctx.memoryCount, "memory", where);
                    break;
                case GLOBAL:
                    require(index, ctx.globalCount(), "global", where);
                    break;
                default:
                    throw ValidationErrors.invalid("malformed export kind", where);
            }
            if (!names.add(export.name())) {
                throw ValidationErrors.invalid("duplicate export name", where + " \"" + export.name() + "\"");
            }
        }
    }

    /** Rejects {@code index} unless it is below {@code count} in index space {@code space}. */
    private static void require(int index, int count, String space, String where) {
        if (!ValidationErrors.inRange(index, count)) {
            throw ValidationErrors.unknown(space, index, where);
        }
    }
}
