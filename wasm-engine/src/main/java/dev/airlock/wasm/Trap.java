package dev.airlock.wasm;

/**
 * Execution of WebAssembly code failed (spec 4.4.1, "trap"). This is the only throwable that leaves
 * a call into a module: the engine converts every other failure inside generated code (a stack
 * overflow, an allocation failure, an exception thrown by a host function) to a trap of the proper
 * {@link TrapKind}.
 *
 * <p>Traps are created without a Java stack trace unless they wrap a host exception: their cause
 * is in the Wasm program, and filling in JVM frames would only cost time.
 */
public class Trap extends WasmException {
    private static final long serialVersionUID = 1L;

    /** Why execution trapped. */
    private final TrapKind kind;

    public Trap(TrapKind kind, String detail) {
        super(detail == null || detail.isEmpty() ? kind.specText : kind.specText + ": " + detail, null, false);
        this.kind = kind;
    }

    public Trap(TrapKind kind) {
        this(kind, null);
    }

    public Trap(TrapKind kind, String detail, Throwable cause) {
        super(detail == null || detail.isEmpty() ? kind.specText : kind.specText + ": " + detail, cause, false);
        this.kind = kind;
    }

    /** Why execution trapped. */
    public TrapKind kind() {
        return kind;
    }
}
