package dev.airlock.wasm.valid;

import dev.airlock.wasm.InvalidModuleException;

/**
 * Builds the exceptions of validation (spec chapter 3, "Validation"). Every message starts with the
 * reference interpreter's wording (the {@code text} of the testsuite's {@code assert_invalid}
 * commands, e.g. {@code "type mismatch"} or {@code "unknown global 3"}), optionally followed by
 * detail in parentheses: what was expected and where.
 */
final class ValidationErrors {
    /** Not instantiable: this class only holds static rules. */
    private ValidationErrors() {
    }

    /** An error whose message is {@code text}, then {@code detail} in parentheses if not null. */
    static InvalidModuleException invalid(String text, String detail) {
        return new InvalidModuleException(detail == null ? text : text + " (" + detail + ")");
    }

    /**
     * An out-of-range index: {@code "unknown <space> <index>"}, e.g. {@code "unknown memory 0"}. The
     * index is printed unsigned, as the binary format encodes it.
     */
    static InvalidModuleException unknown(String space, int index, String detail) {
        return invalid("unknown " + space + " " + Integer.toUnsignedString(index), detail);
    }

    /** Whether {@code index}, read as an unsigned 32-bit number, is below {@code count}. */
    static boolean inRange(int index, int count) {
        return index >= 0 && index < count;
    }
}
