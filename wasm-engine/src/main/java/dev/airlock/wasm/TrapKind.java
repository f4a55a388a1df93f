package dev.airlock.wasm;

/**
 * Why execution trapped. {@link #specText} is the message the reference interpreter gives for the
 * same condition, which is also what the official testsuite's {@code assert_trap} expects.
 */
public enum TrapKind {
    /** The {@code unreachable} instruction was executed. */
    UNREACHABLE("unreachable"),
    /** A load, store or bulk memory operation touched bytes past the end of memory. */
    OUT_OF_BOUNDS_MEMORY("out of bounds memory access"),
    /** A table access, or a bulk table operation, was past the end of a table. */
    OUT_OF_BOUNDS_TABLE("out of bounds table access"),
    /** {@code call_indirect} with an index past the end of the table. */
    UNDEFINED_ELEMENT("undefined element"),
    /** {@code call_indirect} on a null table entry. */
    UNINITIALIZED_ELEMENT("uninitialized element"),
    /** {@code call_indirect} on a function of another type than the instruction names. */
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    /** Integer division or remainder by zero. */
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    /** Signed division overflow ({@code INT_MIN / -1}), or a float truncation out of range. */
    INTEGER_OVERFLOW("integer overflow"),
    /** Truncation of NaN to an integer. */
    INVALID_CONVERSION("invalid conversion to integer"),
    /** The configured call depth was exceeded (or the JVM thread's stack ran out). */
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    /** The instance was interrupted, explicitly or because its deadline passed. */
    INTERRUPTED("interrupted"),
    /** The instance used up the fuel it was given. */
    OUT_OF_FUEL("out of fuel"),
    /** The memory or a table could not be allocated, or a host resource limit was hit. */
    RESOURCE_EXHAUSTED("resource exhausted"),
    /** A host function threw; the host's exception is the trap's cause. */
    HOST_ERROR("host function failed"),
    /**
     * Not a failure: the program asked to end, with an exit status (WASI {@code proc_exit}; see
     * {@code dev.airlock.wasm.wasi.WasiExit}, which carries the status).
     */
    EXIT("exit");

    /** The reference interpreter's message for this condition. */
    public final String specText;

    TrapKind(String specText) {
        this.specText = specText;
    }
}
