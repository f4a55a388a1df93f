package dev.airlock.libs;

/**
 * The library refused its input: {@link #reason()} is what it said (for stb_image, the string of
 * {@code stbi_failure_reason()}), or the host's limit that the result would exceed. Both builds
 * of a library, sandboxed and native, report the same failures with the same reasons.
 */
public class DecodeException extends LibraryException {
    private static final long serialVersionUID = 1L;

    /** What the library (or the host's limit) said. */
    private final String reason;

    public DecodeException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** What the library (or the host's limit) said. */
    public String reason() {
        return reason;
    }
}
