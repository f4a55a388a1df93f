package dev.airlock.wasm.valid;

import dev.airlock.wasm.syntax.GlobalDefinition;
import java.util.List;

/**
 * Globals the module defines (spec 3.4.4 "Globals"): the initialiser must be a constant expression
 * of the global's value type, validated in the context {@code C'} that holds only the imported
 * globals ({@link ConstantExpressionValidator}).
 */
final class GlobalValidator {
    /** Not instantiable: this class only holds static rules. */
    private GlobalValidator() {
    }

    /** Validates the initialiser of every global the module of {@code ctx} defines. */
    static void validate(ValidationContext ctx) {
        List<GlobalDefinition> globals = ctx.module.globals;
        int imported = ctx.importedGlobalCount;
        for (int i = 0; i < globals.size(); i++) {
            GlobalDefinition global = globals.get(i);
            String where = "global " + (imported + i);
            ConstantExpressionValidator.validate(global.init(), global.type().valueType(), ctx, imported, where);
        }
    }
}
