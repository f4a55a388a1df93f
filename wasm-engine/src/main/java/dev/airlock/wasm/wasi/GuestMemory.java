package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Memory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The calling module's memory as WASI functions see it: pointers and lengths are unsigned 32-bit
 * values chosen by the module, and any range that is not entirely inside the memory ends the
 * function with {@code errno::fault} (21) instead of a host exception. This is how preview1's
 * {@code (@witx pointer T)} parameters, {@code string} parameters (pointer and length) and result
 * pointers are read and written.
 *
 * <p>A {@code GuestMemory} is made per call: the memory's byte array is never cached (the module
 * may grow its memory between calls), and every access goes through {@link Memory}'s own
 * bounds-checked accessors; bulk data moves with range copies, never byte by byte.
 */
final class GuestMemory {
    /** The caller's memory 0, or null if it has none (then every access faults). */
    private final Memory memory;

    GuestMemory(Memory memory) {
        this.memory = memory;
    }

    /** {@code v} as an unsigned 32-bit value. */
    static long unsigned(int v) {
        return v & 0xFFFF_FFFFL;
    }

    /**
     * Checks that {@code length} bytes at the unsigned pointer {@code ptr} lie inside the memory and
     * returns the address.
     *
     * @throws ErrnoException {@code fault} if they do not, or there is no memory
     */
    long check(int ptr, long length) {
        long address = unsigned(ptr);
        if (memory == null || length < 0 || address + length > memory.byteSize()) {
            throw new ErrnoException(Errno.FAULT);
        }
        return address;
    }

    /** Checks an array of {@code count} elements of {@code size} bytes at {@code ptr}. */
    long checkArray(int ptr, int count, int size) {
        return check(ptr, unsigned(count) * size);
    }

    /** The current size of the memory in bytes (0 if there is none). */
    long size() {
        return memory == null ? 0 : memory.byteSize();
    }

    /** The u8 at {@code ptr}. */
    int u8(int ptr) {
        return memory.readByte(check(ptr, 1)) & 0xFF;
    }

    /** The u16 at {@code ptr}. */
    int u16(int ptr) {
        long a = check(ptr, 2);
        return (memory.readByte(a) & 0xFF) | (memory.readByte(a + 1) & 0xFF) << 8;
    }

    /** The u32 at {@code ptr} (as the bits of an {@code int}). */
    int u32(int ptr) {
        return memory.readInt(check(ptr, 4));
    }

    /** The u64 at {@code ptr}. */
    long u64(int ptr) {
        return memory.readLong(check(ptr, 8));
    }

    /** Stores a u8. */
    void putU8(int ptr, int value) {
        memory.writeByte(check(ptr, 1), (byte) value);
    }

    /** Stores a u16, little-endian. */
    void putU16(int ptr, int value) {
        long a = check(ptr, 2);
        memory.writeByte(a, (byte) value);
        memory.writeByte(a + 1, (byte) (value >>> 8));
    }

    /** Stores a u32, little-endian. */
    void putU32(int ptr, int value) {
        memory.writeInt(check(ptr, 4), value);
    }

    /** Stores a u64, little-endian. */
    void putU64(int ptr, long value) {
        memory.writeLong(check(ptr, 8), value);
    }

    /** Copies {@code length} bytes at the checked address {@code address} into {@code dst}. */
    void read(long address, byte[] dst, int offset, int length) {
        memory.read(address, dst, offset, length);
    }

    /** Copies {@code src[offset..offset+length)} to the checked address {@code address}. */
    void write(long address, byte[] src, int offset, int length) {
        memory.write(address, src, offset, length);
    }

    /** Copies all of {@code src} to {@code ptr}. */
    void write(int ptr, byte[] src) {
        memory.write(check(ptr, src.length), src, 0, src.length);
    }

    /** Zeroes {@code length} bytes at {@code ptr}. */
    void zero(int ptr, int length) {
        memory.fill(check(ptr, length), length, (byte) 0);
    }

    /**
     * The path argument ({@code string}: pointer and length) at {@code ptr}.
     *
     * @throws ErrnoException {@code fault} outside memory, {@code nametoolong} past
     *     {@link WasiTypes#PATH_MAX} bytes, {@code ilseq} if not UTF-8, {@code inval} if it holds NUL
     */
    String path(int ptr, int length) {
        long address = check(ptr, unsigned(length));
        if (unsigned(length) > WasiTypes.PATH_MAX) {
            throw new ErrnoException(Errno.NAMETOOLONG);
        }
        byte[] bytes = memory.read(address, length);
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ErrnoException(Errno.ILSEQ);
        }
        if (s.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        return s;
    }
}
