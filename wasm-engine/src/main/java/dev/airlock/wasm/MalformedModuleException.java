package dev.airlock.wasm;

/**
 * The bytes are not a well-formed binary module (spec chapter 5, "Binary Format"): bad magic or
 * version, a truncated or over-long LEB128, an unknown opcode or section, sizes that disagree, and
 * every other decoding failure. Also thrown for features the engine does not implement, with a
 * message starting {@code "unsupported feature: "}.
 */
public class MalformedModuleException extends WasmException {
    private static final long serialVersionUID = 1L;

    /** The byte offset in the module where the problem was found, or -1 if not known. */
    private final long offset;

    public MalformedModuleException(String message, long offset) {
        super(offset >= 0 ? message + " (at byte 0x" + Long.toHexString(offset) + ")" : message);
        this.offset = offset;
    }

    public MalformedModuleException(String message) {
        this(message, -1);
    }

    /** The byte offset in the module where the problem was found, or -1 if not known. */
    public long offset() {
        return offset;
    }
}
