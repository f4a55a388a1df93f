package dev.airlock.sandbox;

/**
 * Allocating or freeing sandbox memory failed: the library's {@code malloc} returned null (its
 * heap, or the sandbox's memory cap, is exhausted), a requested size overflowed
 * ({@code count × size}), or {@code free} was given a pointer this sandbox's host side did not
 * allocate or already freed.
 */
public final class SandboxAllocationException extends SandboxException {
    private static final long serialVersionUID = 1L;

    SandboxAllocationException(String message) {
        super(message);
    }
}
