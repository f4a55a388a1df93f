package dev.airlock.marshal;

import dev.airlock.taint.SandboxAllocator;
import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.Tainted;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.VerificationException;
import dev.airlock.taint.Pointees;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * C strings in and out of a sandbox: UTF-8, NUL-terminated, always with an explicit maximum.
 *
 * <p><b>In</b> (host to sandbox): the string is encoded as UTF-8 followed by one NUL. Strings that C
 * cannot represent faithfully are refused with {@link IllegalArgumentException}: an embedded
 * U+0000 (C would see the string end there) and an unpaired surrogate (not encodable as UTF-8).
 * The destination's capacity counts the NUL, like {@code snprintf}'s size argument; a string that
 * does not fit is refused, never truncated.
 *
 * <p><b>Out</b> (sandbox to host): the bytes up to the first NUL are copied once, then decoded; the
 * result is {@link Tainted}. No NUL within {@code maxBytes + 1} bytes is a
 * {@link VerificationException}. Malformed UTF-8 (invalid bytes, overlong forms, encoded
 * surrogates, truncated sequences) is either rejected with a {@link VerificationException}
 * ({@link Malformed#REJECT}, the default) or replaced by U+FFFD per maximal invalid subsequence
 * ({@link Malformed#REPLACE}, the JDK decoder's behaviour), for text that is only displayed.
 */
public final class CStrings {
    /** Why writing a host string needs the raw memory: nothing is read from the sandbox. */
    private static final String WRITE_ONLY = "a host string is written into the sandbox; nothing is read";

    private CStrings() {}

    /** What to do with bytes that are not valid UTF-8. */
    public enum Malformed {
        /** Throw {@link VerificationException}: the library did not produce a valid string. */
        REJECT,
        /** Replace each malformed sequence with U+FFFD. */
        REPLACE
    }

    /**
     * Encodes a string as C will see it: UTF-8 bytes followed by a NUL.
     *
     * @param s the string
     * @return the bytes, NUL included
     * @throws IllegalArgumentException if {@code s} contains U+0000 or an unpaired surrogate
     */
    public static byte[] encode(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("string contains U+0000 at index " + s.indexOf('\0')
                    + "; C would see it end there");
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not encodable as UTF-8 (unpaired surrogate)", e);
        }
        byte[] bytes = new byte[encoded.remaining() + 1];
        encoded.get(bytes, 0, bytes.length - 1);
        return bytes;
    }

    /**
     * Writes a string into sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the destination's sandbox address
     * @param s the string
     * @param capacity the destination's size in bytes, NUL included
     * @return the number of bytes written, NUL included
     * @throws IllegalArgumentException if the encoded string and its NUL exceed {@code capacity}, or
     *     as for {@link #encode}
     */
    public static int write(SandboxMemory memory, long address, String s, long capacity) {
        byte[] bytes = encode(s);
        if (bytes.length > capacity) {
            throw new IllegalArgumentException("string needs " + bytes.length + " bytes with its NUL, the destination holds "
                    + capacity);
        }
        memory.copyIn(address, bytes, 0, bytes.length);
        return bytes.length;
    }

    /**
     * Writes a string through a tainted pointer (for example into a buffer the library handed out).
     *
     * @param destination where to write
     * @param s the string
     * @param capacity the destination's size in bytes, NUL included
     * @return the number of bytes written, NUL included
     * @throws IllegalArgumentException if the string does not fit, or as for {@link #encode}
     */
    public static int write(TaintedPointer<Byte> destination, String s, long capacity) {
        SandboxMemory memory = destination.unverifiedMemoryBecause(WRITE_ONLY);
        return write(memory, destination.requireNonNull("string destination").unverifiedAddressBecause(memory, WRITE_ONLY),
                s, capacity);
    }

    /**
     * Allocates a copy of a string in the sandbox ({@code strdup} from the host side). Free it with
     * the allocator.
     *
     * @param allocator the sandbox's allocator
     * @param s the string
     * @return a pointer to the NUL-terminated copy
     * @throws IllegalArgumentException as for {@link #encode}
     */
    public static TaintedPointer<Byte> copyIn(SandboxAllocator allocator, String s) {
        byte[] bytes = encode(s);
        TaintedPointer<Byte> p = allocator.malloc(Pointees.UINT8, bytes.length);
        SandboxMemory memory = allocator.unverifiedMemoryBecause(WRITE_ONLY);
        memory.copyIn(p.unverifiedAddressBecause(memory, WRITE_ONLY), bytes, 0, bytes.length);
        return p;
    }

    /**
     * Copies a NUL-terminated UTF-8 string out of the sandbox, rejecting malformed UTF-8.
     *
     * @param source the string's first byte
     * @param maxBytes the most bytes, NUL excluded, the host accepts
     * @return the string, tainted
     * @throws VerificationException if no NUL comes within {@code maxBytes + 1} bytes or the bytes
     *     are not valid UTF-8
     * @throws dev.airlock.taint.SandboxMemoryException if the pointer is null or memory ends first
     */
    public static Tainted<String> read(TaintedPointer<Byte> source, int maxBytes) {
        return read(source, maxBytes, Malformed.REJECT);
    }

    /**
     * Copies a NUL-terminated UTF-8 string out of the sandbox.
     *
     * @param source the string's first byte
     * @param maxBytes the most bytes, NUL excluded, the host accepts
     * @param malformed what to do with invalid UTF-8
     * @return the string, tainted
     * @throws VerificationException if no NUL comes within {@code maxBytes + 1} bytes, or the bytes
     *     are not valid UTF-8 and {@code malformed} is {@link Malformed#REJECT}
     */
    public static Tainted<String> read(TaintedPointer<Byte> source, int maxBytes, Malformed malformed) {
        return source.copyStringBytes(maxBytes).map(bytes -> decode(bytes, bytes.length, malformed));
    }

    /**
     * Decodes a fixed-size C character array ({@code char name[N]} read as a struct's
     * {@code @CArray byte[]} component): the bytes up to the first NUL, or all of them if the array
     * is full.
     *
     * @param chars the array, tainted (for example {@code header.map(Header::name)})
     * @param malformed what to do with invalid UTF-8
     * @return the string, tainted
     */
    public static Tainted<String> decodeFixed(Tainted<byte[]> chars, Malformed malformed) {
        return chars.map(bytes -> {
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return decode(bytes, end, malformed);
        });
    }

    private static String decode(byte[] bytes, int length, Malformed malformed) {
        CodingErrorAction action = malformed == Malformed.REPLACE ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(action)
                    .onUnmappableCharacter(action)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new VerificationException("check failed: string is valid UTF-8", e);
        }
    }
}
