package dev.airlock.wasm;

/**
 * Instantiation failed while resolving imports (spec 4.5.4 "Instantiation", steps on import
 * matching): an import that was not supplied ({@code "unknown import"}) or whose type does not
 * match ({@code "incompatible import type"}). No state was changed.
 */
public class LinkException extends WasmException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
