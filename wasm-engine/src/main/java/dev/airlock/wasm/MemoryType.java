package dev.airlock.wasm;

/**
 * A memory type (spec 2.3.8): limits in units of 64 KiB pages.
 *
 * @param limits the page limits
 */
public record MemoryType(Limits limits) {
    /** Bytes in one WebAssembly page. */
    public static final int PAGE_SIZE = 65536;
    /** The largest page count the 32-bit address space allows (4 GiB). */
    public static final long MAX_PAGES = 65536;

    @Override
    public String toString() {
        return "memory " + limits;
    }
}
