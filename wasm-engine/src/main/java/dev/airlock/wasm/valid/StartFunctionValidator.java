package dev.airlock.wasm.valid;

/**
 * The start function (spec 3.4.7 "Start Function"): it must exist ("unknown function") and have
 * type {@code [] -> []} ("start function").
 */
final class StartFunctionValidator {
    /** Not instantiable: this class only holds static rules. */
    private StartFunctionValidator() {
    }

    /** Validates the start function of the module of {@code ctx}, if it has one. */
    static void validate(ValidationContext ctx) {
        int start = ctx.module.startFunction;
        if (start == -1) {
            return;
        }
        if (!ValidationErrors.inRange(start, ctx.functionCount())) {
            throw ValidationErrors.unknown("function", start, "start function");
        }
        int type = ctx.functionTypes[start];
        if (ctx.typeParams[type].length != 0 || ctx.typeResults[type].length != 0) {
            throw ValidationErrors.invalid("start function",
                    "function " + start + " must have type [] -> [], not "
                            + TypeCodes.names(ctx.typeParams[type]) + " -> " + TypeCodes.names(ctx.typeResults[type]));
        }
    }
}
