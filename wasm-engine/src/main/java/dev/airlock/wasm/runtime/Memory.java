package dev.airlock.wasm.runtime;

import dev.airlock.wasm.Limits;
import dev.airlock.wasm.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A linear memory (spec 4.2.8 "Memory Instances"): a {@code byte[]} whose length is always a whole
 * number of 64 KiB pages.
 *
 * <p>Generated code reads {@link #bytes} directly and caches it in a JVM local; {@link #grow}
 * replaces the array, so generated code reloads it after every call and every {@code memory.grow}.
 * The JVM's array bounds check is the last line of the sandbox: no access can leave this array.
 *
 * <p>A Java array holds at most 2^31 - 1 bytes, so a memory has at most {@link #MAX_PAGES_ON_JVM}
 * pages (2 GiB - 64 KiB); {@code memory.grow} past that, past the declared maximum, or past the cap
 * the embedder set returns -1, as the spec allows.
 *
 * <p>The host-side accessors check bounds and throw {@link IndexOutOfBoundsException}; they are
 * not synchronised (a memory belongs to one thread at a time, like its instance).
 */
public final class Memory {
    /** The page count a {@code byte[]} can hold: floor((2^31 - 1) / 65536). */
    public static final int MAX_PAGES_ON_JVM = Integer.MAX_VALUE / MemoryType.PAGE_SIZE;

    /** The current contents; replaced (never shrunk) by {@link #grow}. Read by generated code. */
    byte[] bytes;
    /** The type this memory was created with (its minimum is the initial size). */
    private final MemoryType type;
    /** The largest page count {@link #grow} may reach: min(declared max, cap, JVM limit). */
    private final int maxPages;

    /**
     * A new memory of the type's minimum size, growable up to the type's maximum and at most
     * {@code capPages} pages.
     *
     * @throws IllegalArgumentException if the minimum exceeds the cap or the JVM limit
     * @throws OutOfMemoryError if the JVM cannot allocate the minimum
     */
    public Memory(MemoryType type, long capPages) {
        this.type = Objects.requireNonNull(type);
        long max = type.limits().hasMax() ? type.limits().max() : MemoryType.MAX_PAGES;
        max = Math.min(max, Math.min(capPages, MAX_PAGES_ON_JVM));
        long min = type.limits().min();
        if (min > max) {
            throw new IllegalArgumentException("memory of " + min + " pages exceeds the limit of " + max + " pages");
        }
        this.maxPages = (int) max;
        this.bytes = new byte[(int) min * MemoryType.PAGE_SIZE];
    }

    /** A new memory with the given limits and no cap beyond the JVM's. */
    public Memory(long minPages, long maxPages) {
        this(new MemoryType(new Limits(minPages, maxPages)), MAX_PAGES_ON_JVM);
    }

    /** The type: the current size as minimum and the declared maximum (for import matching). */
    public MemoryType type() {
        return new MemoryType(new Limits(pages(), type.limits().max()));
    }

    /** Current size in pages. */
    public int pages() {
        return bytes.length / MemoryType.PAGE_SIZE;
    }

    /** Current size in bytes. */
    public int byteSize() {
        return bytes.length;
    }

    /** The page count this memory may grow to. */
    public int maxPages() {
        return maxPages;
    }

    /**
     * Grows by {@code deltaPages} (an unsigned 32-bit value) as {@code memory.grow} does (spec
     * 4.4.7): returns the old size in pages, or -1 if the new size would exceed the maximum or the
     * JVM cannot allocate it. The contents are kept; the new pages are zero.
     */
    public int grow(int deltaPages) {
        int old = pages();
        long wanted = old + Integer.toUnsignedLong(deltaPages);
        if (wanted > maxPages) {
            return -1;
        }
        if (deltaPages == 0) {
            return old;
        }
        try {
            bytes = Arrays.copyOf(bytes, (int) wanted * MemoryType.PAGE_SIZE);
        } catch (OutOfMemoryError e) {
            return -1;
        }
        return old;
    }

    /** Copies {@code length} bytes at {@code address} into a new array. */
    public byte[] read(long address, int length) {
        checkRange(address, length);
        return Arrays.copyOfRange(bytes, (int) address, (int) address + length);
    }

    /** Copies {@code length} bytes at {@code address} into {@code dst[offset..]}. */
    public void read(long address, byte[] dst, int offset, int length) {
        checkRange(address, length);
        System.arraycopy(bytes, (int) address, dst, offset, length);
    }

    /** Copies all of {@code src} to {@code address}. */
    public void write(long address, byte[] src) {
        write(address, src, 0, src.length);
    }

    /** Copies {@code src[offset..offset+length)} to {@code address}. */
    public void write(long address, byte[] src, int offset, int length) {
        checkRange(address, length);
        System.arraycopy(src, offset, bytes, (int) address, length);
    }

    /** The byte at {@code address}. */
    public byte readByte(long address) {
        checkRange(address, 1);
        return bytes[(int) address];
    }

    /** Stores a byte at {@code address}. */
    public void writeByte(long address, byte value) {
        checkRange(address, 1);
        bytes[(int) address] = value;
    }

    /** The little-endian 32-bit integer at {@code address}. */
    public int readInt(long address) {
        checkRange(address, 4);
        return (int) LittleEndian.I32.get(bytes, (int) address);
    }

    /** Stores a little-endian 32-bit integer at {@code address}. */
    public void writeInt(long address, int value) {
        checkRange(address, 4);
        LittleEndian.I32.set(bytes, (int) address, value);
    }

    /** The little-endian 64-bit integer at {@code address}. */
    public long readLong(long address) {
        checkRange(address, 8);
        return (long) LittleEndian.I64.get(bytes, (int) address);
    }

    /** Stores a little-endian 64-bit integer at {@code address}. */
    public void writeLong(long address, long value) {
        checkRange(address, 8);
        LittleEndian.I64.set(bytes, (int) address, value);
    }

    /** The little-endian float at {@code address}. */
    public float readFloat(long address) {
        return Float.intBitsToFloat(readInt(address));
    }

    /** The little-endian double at {@code address}. */
    public double readDouble(long address) {
        return Double.longBitsToDouble(readLong(address));
    }

    /**
     * The NUL-terminated UTF-8 string at {@code address}, reading at most {@code maxBytes} bytes;
     * if no NUL is found within them, the string is those bytes.
     */
    public String readCString(long address, int maxBytes) {
        checkRange(address, 0);
        int start = (int) address;
        int limit = (int) Math.min((long) bytes.length, address + Math.max(0, maxBytes));
        int end = start;
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** Sets {@code length} bytes at {@code address} to {@code value}. */
    public void fill(long address, int length, byte value) {
        checkRange(address, length);
        Arrays.fill(bytes, (int) address, (int) address + length, value);
    }

    private void checkRange(long address, int length) {
        if (address < 0 || length < 0 || address + length > bytes.length) {
            throw new IndexOutOfBoundsException("memory range [" + address + ", " + (address + length)
                    + ") is outside the memory of " + bytes.length + " bytes");
        }
    }
}
