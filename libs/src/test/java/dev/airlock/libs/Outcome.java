package dev.airlock.libs;

import java.util.function.Supplier;

/**
 * What one call of a binding gave: a result or the library's failure (its reason). A
 * {@link SandboxException} is recorded too, so that a comparison reports it as a mismatch.
 */
record Outcome<T>(T value, String failure) {
    static <T> Outcome<T> of(Supplier<T> call) {
        try {
            return new Outcome<>(call.get(), null);
        } catch (DecodeException e) {
            return new Outcome<>(null, "DecodeException: " + e.reason());
        } catch (SandboxException e) {
            return new Outcome<>(null, "SandboxException: " + e.getMessage());
        }
    }

    boolean failed() {
        return failure != null;
    }
}
