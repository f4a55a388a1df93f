package dev.airlock.wasm;

/**
 * The root of every exception the engine throws on purpose. Each phase of the pipeline has its own
 * subclass, as in the reference interpreter: {@link MalformedModuleException} (decoding),
 * {@link InvalidModuleException} (validation), {@link LinkException} (import resolution) and
 * {@link Trap} (execution, including instantiation).
 */
public abstract class WasmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected WasmException(String message) {
        super(message);
    }

    protected WasmException(String message, Throwable cause) {
        super(message, cause);
    }

    protected WasmException(String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, false, writableStackTrace);
    }
}
