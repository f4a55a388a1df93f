package dev.airlock.sandbox;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The sandbox memory the host allocated with {@link Sandbox#malloc} and not yet freed: the
 * ownership check behind {@link Sandbox#free}. Freeing a pointer the host did not allocate (a
 * pointer the library returned, one into the middle of a block, a forged one) or freeing twice
 * is refused with a clear message instead of being passed on to the library's allocator, where it
 * would corrupt the heap (harmlessly inside a Wasm sandbox, fatally natively).
 *
 * <p>Recently freed addresses are remembered (a bounded number) to tell a double free from a
 * foreign pointer. Guarded by the sandbox's gate.
 */
final class Allocations {
    /** How many freed addresses are remembered to recognise a double free. */
    static final int FREED_MEMORY = 4096;

    /** Live host allocations: address → size in bytes. */
    private final Map<Long, Long> live = new HashMap<>();
    /** Addresses freed recently and not allocated again since, oldest first. */
    private final LinkedHashSet<Long> freed = new LinkedHashSet<>();

    /** Records a new allocation. */
    void allocated(long address, long size) {
        live.put(address, size);
        freed.remove(address);
    }

    /**
     * Checks that {@code address} may be freed and records it as freed.
     *
     * @throws SandboxAllocationException for a double free or a pointer the host did not allocate
     */
    void release(String sandbox, long address) {
        if (live.remove(address) != null) {
            freed.add(address);
            if (freed.size() > FREED_MEMORY) {
                Iterator<Long> oldest = freed.iterator();
                oldest.next();
                oldest.remove();
            }
            return;
        }
        if (freed.contains(address)) {
            throw new SandboxAllocationException(sandbox + ": double free of 0x" + Long.toHexString(address)
                    + ": it was already freed");
        }
        throw new SandboxAllocationException(sandbox + ": cannot free 0x" + Long.toHexString(address)
                + ": it was not allocated by this sandbox's malloc on the host side (memory the library allocated is"
                + " released by the library's own function)");
    }

    /** Whether {@code address} is a live host allocation. */
    boolean isLive(long address) {
        return live.containsKey(address);
    }

    /** The number of live host allocations. */
    int count() {
        return live.size();
    }

    /** Forgets everything (the sandbox closed, its memory with it). */
    void clear() {
        live.clear();
        freed.clear();
    }
}
