package dev.airlock.wasm.runtime;

/**
 * Resource limits of one instance. Immutable; start from {@link #DEFAULT} and change what you need
 * with the {@code with…} methods.
 *
 * @param maxCallDepth how many nested Wasm calls a call from the host may make before it traps
 *     with {@code call stack exhausted}; counted exactly, independent of the JVM thread's stack
 *     (which must be large enough for the depth: a JVM stack overflow also ends as that trap)
 * @param maxMemoryPages the most pages a memory the instance defines may have, below the module's
 *     declared maximum; {@code memory.grow} beyond it returns -1
 * @param maxTableElements the most elements a table the instance defines may have; beyond it
 *     {@code table.grow} returns -1
 * @param interruption the interruption request the instance shares with others, or null for one
 *     of its own
 */
public record InstanceConfig(int maxCallDepth, int maxMemoryPages, int maxTableElements, Interruption interruption) {
    /** Default depth budget: deep enough for real C code, shallow enough for a 1 MiB thread stack in compiled code. */
    public static final int DEFAULT_MAX_CALL_DEPTH = 10_000;

    /** Call depth 10,000; memory up to the JVM's limit (32,767 pages); tables up to 10,000,000 elements. */
    public static final InstanceConfig DEFAULT =
            new InstanceConfig(DEFAULT_MAX_CALL_DEPTH, Memory.MAX_PAGES_ON_JVM, Table.DEFAULT_MAX_ELEMENTS, null);

    public InstanceConfig {
        if (maxCallDepth < 1) {
            throw new IllegalArgumentException("maxCallDepth must be at least 1: " + maxCallDepth);
        }
        if (maxMemoryPages < 0 || maxTableElements < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    /** This configuration with another call-depth budget. */
    public InstanceConfig withMaxCallDepth(int depth) {
        return new InstanceConfig(depth, maxMemoryPages, maxTableElements, interruption);
    }

    /** This configuration with another memory cap, in 64 KiB pages. */
    public InstanceConfig withMaxMemoryPages(int pages) {
        return new InstanceConfig(maxCallDepth, pages, maxTableElements, interruption);
    }

    /** This configuration with another table cap, in elements. */
    public InstanceConfig withMaxTableElements(int elements) {
        return new InstanceConfig(maxCallDepth, maxMemoryPages, elements, interruption);
    }

    /**
     * This configuration with an interruption request shared with other instances (see
     * {@link Interruption}); null gives each instance its own.
     */
    public InstanceConfig withInterruption(Interruption shared) {
        return new InstanceConfig(maxCallDepth, maxMemoryPages, maxTableElements, shared);
    }
}
