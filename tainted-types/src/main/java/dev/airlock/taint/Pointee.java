package dev.airlock.taint;

/**
 * What a {@link TaintedPointer} points to: how big one element is in a given ABI, and how to copy
 * one out of and into sandbox memory. The C scalars are in {@link Pointees}; struct layouts (in the
 * marshalling module) implement this interface too.
 *
 * <p>Implementations must be stateless and thread-safe, and {@link #read} must return a copy that
 * shares nothing with the memory, since it becomes the content of a {@link Tainted} value.
 *
 * @param <T> the Java type of one element
 */
public interface Pointee<T> {
    /**
     * The size of one element in bytes, which is also the stride of pointer arithmetic. Zero means
     * no size is known ({@code void}); such pointers cannot be dereferenced or moved.
     *
     * @param pointerSize the ABI's pointer size, 4 (wasm32) or 8 (LP64)
     * @return the size in bytes, including any tail padding
     */
    long size(int pointerSize);

    /**
     * The alignment of one element in bytes, a power of two.
     *
     * @param pointerSize the ABI's pointer size, 4 (wasm32) or 8 (LP64)
     * @return the alignment in bytes
     */
    long alignment(int pointerSize);

    /**
     * Copies one element out of sandbox memory. The caller has checked that the element's bytes
     * lie in memory; implementations read each byte at most once.
     *
     * @param memory the sandbox memory
     * @param address the element's sandbox address
     * @return a fresh copy
     */
    T read(SandboxMemory memory, long address);

    /**
     * Copies one element into sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the element's sandbox address
     * @param value the value to store
     */
    void write(SandboxMemory memory, long address, T value);
}
