package dev.airlock.wasm;

/**
 * A valid module could not be compiled to JVM bytecode because it exceeds a limit of the JVM or
 * of this engine (for example a function with more parameters than a JVM method may take).
 */
public class CompilationException extends WasmException {
    private static final long serialVersionUID = 1L;

    public CompilationException(String message) {
        super(message);
    }

    public CompilationException(String message, Throwable cause) {
        super(message, cause);
    }
}
