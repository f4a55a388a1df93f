package dev.airlock.taint;

/**
 * Allocation in a sandbox's memory, RLBox's {@code malloc_in_sandbox} / {@code free_in_sandbox}.
 * The sandbox API implements it (its {@code Sandbox} calls the library's own allocator); the grant
 * and deny helpers below build on it.
 */
public interface SandboxAllocator {
    /**
     * An escape, like RLBox's {@code get_memory_location}: the raw memory allocations live in.
     * Reads through it are not tainted; see {@link TaintedPointer#unverifiedMemoryBecause}.
     *
     * @param reason why the unchecked access is safe where it is used; must not be blank
     * @return the sandbox memory
     * @throws IllegalArgumentException if the reason is blank
     */
    SandboxMemory unverifiedMemoryBecause(String reason);

    /**
     * Allocates room for {@code count} elements of {@code type} in the sandbox.
     *
     * @param type the element type
     * @param count the number of elements, at least 1
     * @param <T> the Java type of an element
     * @return a pointer to the uninitialized elements (never null)
     * @throws IllegalArgumentException if {@code count} is not positive or the size overflows the
     *     sandbox's address space
     * @throws RuntimeException (implementation-specific) if the sandbox is out of memory
     */
    <T> TaintedPointer<T> malloc(Pointee<T> type, long count);

    /**
     * Frees what {@link #malloc} returned.
     *
     * @param pointer a pointer returned by {@link #malloc} of this allocator and not yet freed
     * @throws ForeignPointerException if the pointer belongs to another sandbox
     * @throws RuntimeException (implementation-specific) on a double free or a pointer that was
     *     not allocated here
     */
    void free(TaintedPointer<?> pointer);

    /**
     * RLBox's {@code grant_access}: makes host bytes visible to the sandbox. A Wasm sandbox cannot
     * see host memory, so this allocates sandbox memory and copies the bytes in; the sandbox works
     * on the copy. Release with {@link #denyAccess}.
     *
     * @param data the bytes to hand over (copied; later changes to the array are not seen)
     * @return a pointer to the sandbox copy
     */
    default TaintedPointer<Byte> grantAccess(byte[] data) {
        TaintedPointer<Byte> p = malloc(Pointees.UINT8, Math.max(1, data.length));
        SandboxMemory memory = unverifiedMemoryBecause("host bytes are written, nothing is read");
        memory.copyIn(p.addressIn(memory), data, 0, data.length);
        return p;
    }

    /**
     * RLBox's {@code deny_access}: takes back bytes granted with {@link #grantAccess}. Copies the
     * (possibly modified) bytes out and frees the sandbox copy. The copy is tainted: the sandbox
     * may have written anything there.
     *
     * @param granted the pointer {@link #grantAccess} returned
     * @param length the number of bytes to copy back (the granted length)
     * @return the bytes as the sandbox left them, tainted
     */
    default Tainted<byte[]> denyAccess(TaintedPointer<Byte> granted, int length) {
        SandboxMemory memory = unverifiedMemoryBecause("the bytes are copied once and returned tainted");
        long address = granted.addressIn(memory);
        byte[] copy = new byte[length];
        if (length > 0) {
            granted.checkDereferenceable(length);
            memory.copyOut(address, copy, 0, length);
        }
        free(granted);
        return Tainted.of(copy);
    }
}
