package dev.airlock.marshal;

import dev.airlock.taint.Pointee;
import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.SandboxMemoryException;
import dev.airlock.taint.TaintedPointer;

/**
 * Converts pointers between the sandbox's view and the host process's view ("swizzling").
 *
 * <p>A sandbox pointer is what the library stores and passes: a 4-byte offset into its linear
 * memory on wasm32, an 8-byte address natively. Host code that hands memory to native code (a
 * direct buffer, a JNA {@code Pointer}) needs the host address instead, and the reverse when native
 * code gives one back. Two cases exist:
 * <ul>
 *   <li>{@link #region}: the sandbox's memory occupies {@code [base, base + size)} of the host
 *       address space (a Wasm memory mapped at a host address, RLBox's {@code heap_base} scheme).
 *       A sandbox pointer is an offset; converting checks that it stays inside the region, and a
 *       host address outside the region is refused — it is not the sandbox's to see.</li>
 *   <li>{@link #identity}: the native (noop) backend, where the library shares the host's address
 *       space and sandbox pointers are host addresses. Nothing can be checked: there is no region.</li>
 * </ul>
 * The null pointer maps to the null pointer in both directions. The end of a region (one past the
 * last byte) converts like any other address, as C allows a pointer to one past an array.
 */
public final class PointerSwizzler {
    private final Abi abi;
    private final long base;
    private final long size;
    private final boolean hasRegion;

    private PointerSwizzler(Abi abi, long base, long size, boolean hasRegion) {
        this.abi = abi;
        this.base = base;
        this.size = size;
        this.hasRegion = hasRegion;
    }

    /**
     * Sandbox pointers are host addresses (the native backend, no isolation).
     *
     * @param abi the library's ABI
     * @return a swizzler that converts nothing
     */
    public static PointerSwizzler identity(Abi abi) {
        return new PointerSwizzler(abi, 0, Long.MAX_VALUE, false);
    }

    /**
     * Sandbox pointers are offsets into a region of the host address space.
     *
     * @param abi the library's ABI (on wasm32 offsets are 32-bit)
     * @param base the host address of sandbox address 0, not 0
     * @param size the region's size in bytes
     * @return a swizzler that checks every conversion against the region
     * @throws IllegalArgumentException if the region is empty, wraps around, or is larger than the
     *     ABI's pointers can address
     */
    public static PointerSwizzler region(Abi abi, long base, long size) {
        if (base == 0 || size <= 0 || base + size < base) {
            throw new IllegalArgumentException("bad region: base 0x" + Long.toHexString(base) + ", size " + size);
        }
        if (abi.pointerSize() == 4 && size > (1L << 32)) {
            throw new IllegalArgumentException("a wasm32 sandbox addresses at most 4 GiB, not " + size + " bytes");
        }
        return new PointerSwizzler(abi, base, size, true);
    }

    /**
     * The ABI whose pointers this converts.
     *
     * @return the ABI
     */
    public Abi abi() {
        return abi;
    }

    /**
     * Whether conversions are checked against a region.
     *
     * @return false for {@link #identity}
     */
    public boolean hasRegion() {
        return hasRegion;
    }

    /**
     * Converts a sandbox pointer to a host address.
     *
     * @param sandboxPointer the pointer as the library holds it (an unsigned offset on wasm32)
     * @return the host address (0 for the null pointer)
     * @throws SandboxMemoryException if the pointer lies outside the sandbox's region
     */
    public long toHost(long sandboxPointer) {
        long p = abi.pointerSize() == 4 ? sandboxPointer & 0xFFFF_FFFFL : sandboxPointer;
        if (p == 0 || !hasRegion) {
            return p;
        }
        if (p > size) {
            throw new SandboxMemoryException("sandbox pointer 0x" + Long.toHexString(p) + " lies outside the sandbox's "
                    + size + "-byte region");
        }
        return base + p;
    }

    /**
     * Converts a tainted pointer to a host address.
     *
     * @param pointer the pointer
     * @return the host address (0 for the null pointer)
     * @throws SandboxMemoryException if the pointer lies outside the sandbox's region
     */
    public long toHost(TaintedPointer<?> pointer) {
        String reason = "translated for the native library it came from; the region check follows";
        return toHost(pointer.unverifiedAddressBecause(pointer.unverifiedMemoryBecause(reason), reason));
    }

    /**
     * Converts a host address to a sandbox pointer.
     *
     * @param hostAddress the host address
     * @return the sandbox pointer (0 for 0)
     * @throws SandboxMemoryException if there is a region and the address lies outside it
     */
    public long toSandbox(long hostAddress) {
        if (hostAddress == 0 || !hasRegion) {
            return hostAddress;
        }
        if (hostAddress < base || hostAddress - base > size) {
            throw new SandboxMemoryException("host address 0x" + Long.toHexString(hostAddress) + " lies outside the sandbox's"
                    + " region [0x" + Long.toHexString(base) + ", 0x" + Long.toHexString(base + size) + ")");
        }
        return hostAddress - base;
    }

    /**
     * Converts a host address to a tainted sandbox pointer.
     *
     * @param memory the sandbox's memory
     * @param hostAddress the host address
     * @param type what it points to
     * @param <T> the Java type of what it points to
     * @return the tainted pointer
     * @throws SandboxMemoryException if there is a region and the address lies outside it
     * @throws IllegalArgumentException if the memory's pointer size is not this swizzler's ABI's
     */
    public <T> TaintedPointer<T> toSandbox(SandboxMemory memory, long hostAddress, Pointee<T> type) {
        if (memory.pointerSize() != abi.pointerSize()) {
            throw new IllegalArgumentException("memory has " + memory.pointerSize() + "-byte pointers, the swizzler is for " + abi);
        }
        return TaintedPointer.of(memory, toSandbox(hostAddress), type);
    }

    /**
     * Describes the mapping.
     *
     * @return for example {@code "PointerSwizzler[wasm32, region 0x7f00..., 65536 bytes]"}
     */
    @Override
    public String toString() {
        return hasRegion
                ? "PointerSwizzler[" + abi + ", region 0x" + Long.toHexString(base) + ", " + size + " bytes]"
                : "PointerSwizzler[" + abi + ", identity]";
    }
}
