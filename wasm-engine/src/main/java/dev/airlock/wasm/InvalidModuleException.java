package dev.airlock.wasm;

/**
 * The module decodes but is not valid (spec chapter 3, "Validation"): a type mismatch, an unknown
 * index, a constant expression that is not constant, and so on.
 */
public class InvalidModuleException extends WasmException {
    private static final long serialVersionUID = 1L;

    public InvalidModuleException(String message) {
        super(message);
    }
}
