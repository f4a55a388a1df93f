package dev.airlock.marshal;

import dev.airlock.taint.SandboxMemory;

/**
 * A C data model: the sizes and alignments the C compiler uses for a backend.
 *
 * <ul>
 *   <li>{@link #WASM32}: clang's {@code wasm32-wasi} target, ILP32 — {@code int}, {@code long} and
 *       pointers are 4 bytes; {@code long long} and {@code double} are 8 bytes and 8-aligned.</li>
 *   <li>{@link #LP64}: the x86-64 System V ABI of the native backend — {@code long}, pointers and
 *       {@code size_t} are 8 bytes.</li>
 * </ul>
 * In both, every scalar is aligned to its size and structs follow the usual rules (each field at
 * the next multiple of its alignment, the struct aligned to its most aligned field, the size
 * rounded up to that alignment). Both are little-endian.
 */
public enum Abi {
    /** wasm32 (ILP32): 4-byte {@code long} and pointers. */
    WASM32(4),
    /** x86-64 System V (LP64): 8-byte {@code long} and pointers. */
    LP64(8);

    private final int pointerSize;

    Abi(int pointerSize) {
        this.pointerSize = pointerSize;
    }

    /**
     * The ABI whose pointers have the given size.
     *
     * @param pointerSize 4 or 8
     * @return {@link #WASM32} or {@link #LP64}
     * @throws IllegalArgumentException for any other size
     */
    public static Abi forPointerSize(int pointerSize) {
        switch (pointerSize) {
            case 4: return WASM32;
            case 8: return LP64;
            default: throw new IllegalArgumentException("no supported ABI has " + pointerSize + "-byte pointers");
        }
    }

    /**
     * The ABI of a sandbox's library.
     *
     * @param memory the sandbox's memory
     * @return the ABI matching its pointer size
     */
    public static Abi of(SandboxMemory memory) {
        return forPointerSize(memory.pointerSize());
    }

    /**
     * The size of a data pointer ({@code void *}).
     *
     * @return 4 or 8
     */
    public int pointerSize() {
        return pointerSize;
    }

    /**
     * The alignment of a data pointer.
     *
     * @return 4 or 8
     */
    public int pointerAlignment() {
        return pointerSize;
    }

    /**
     * The size of a C scalar type.
     *
     * @param type the type
     * @return its {@code sizeof}
     */
    public int sizeOf(CScalar type) {
        switch (type.rank) {
            case CHAR: case BOOL: return 1;
            case SHORT: return 2;
            case INT: case FLOAT: return 4;
            case LONG: case POINTER: return pointerSize;
            case LONG_LONG: case DOUBLE: return 8;
            default: throw new AssertionError(type);
        }
    }

    /**
     * The alignment of a C scalar type (its {@code _Alignof}); equal to its size in both ABIs.
     *
     * @param type the type
     * @return its alignment
     */
    public int alignmentOf(CScalar type) {
        return sizeOf(type);
    }

    /**
     * Checks that a sandbox address can be stored in a pointer of this ABI.
     *
     * @param address the address
     * @return {@code address}
     * @throws IllegalArgumentException if it does not fit (a negative or 33-bit value on wasm32)
     */
    public long checkPointer(long address) {
        if (pointerSize == 4 && (address >>> 32) != 0) {
            throw new IllegalArgumentException("not a wasm32 pointer: 0x" + Long.toHexString(address));
        }
        return address;
    }

    /**
     * The name clang uses for the target.
     *
     * @return {@code "wasm32"} or {@code "x86_64 (LP64)"}
     */
    @Override
    public String toString() {
        return this == WASM32 ? "wasm32" : "x86_64 (LP64)";
    }
}
