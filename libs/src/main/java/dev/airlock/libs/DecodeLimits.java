package dev.airlock.libs;

/**
 * The host's limits on what a library may hand back.
 *
 * @param maxOutputBytes the largest decoded result, in bytes (width x height x channels x bytes
 *     per sample; for an animated GIF, of all frames): the glue refuses, before decoding, an
 *     image whose header promises more, and the host checks again the sizes it reads back before
 *     allocating anything. Default 2^28 (256 MiB).
 */
public record DecodeLimits(int maxOutputBytes) {
    /** 256 MiB of output. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(1 << 28);

    public DecodeLimits {
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
        }
    }

    /** Throws {@link DecodeException} if a result of {@code bytes} bytes exceeds the limit. */
    void check(long bytes, String what) {
        if (bytes > maxOutputBytes) {
            throw new DecodeException(what + " of " + bytes + " bytes exceeds the host's limit of " + maxOutputBytes);
        }
    }
}
