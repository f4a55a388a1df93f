package dev.airlock.taint;

/**
 * A sandbox address (or an address range) lies outside the sandbox's memory, or pointer arithmetic
 * on a sandbox address overflowed. The message names the address, the length and the memory size.
 */
public class SandboxMemoryException extends TaintException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message the offending address, length and memory size
     */
    public SandboxMemoryException(String message) {
        super(message);
    }

    /**
     * The standard message for a range that does not fit in a memory of {@code size} bytes.
     *
     * @param address the first sandbox address of the range
     * @param length the length of the range in bytes
     * @param size the number of addressable bytes
     * @return the exception to throw
     */
    public static SandboxMemoryException outOfRange(long address, long length, long size) {
        return new SandboxMemoryException("sandbox range out of bounds: address 0x" + Long.toHexString(address)
                + ", length " + Long.toUnsignedString(length) + ", memory size " + size);
    }
}
