package dev.airlock.marshal;

import dev.airlock.taint.SandboxMemory;
import java.nio.ByteBuffer;

/**
 * Encodes one C object (a scalar, a pointer, a nested struct, an array) to and from its bytes, in a
 * given ABI. Codecs work on a private little-endian snapshot of the struct's bytes, never on sandbox
 * memory directly: a struct is copied out in one piece, then decoded (see {@link StructLayout}).
 */
abstract class Codec {
    /** Where the codec is declared, for messages: {@code "Header.width"}. */
    final String where;

    Codec(String where) {
        this.where = where;
    }

    abstract long size(Abi abi);

    abstract long alignment(Abi abi);

    /**
     * Decodes the object at {@code offset} of {@code bytes}. {@code owner} is the memory the bytes
     * were copied from, for pointers read out of them.
     */
    abstract Object read(ByteBuffer bytes, int offset, SandboxMemory owner, Abi abi);

    /** Encodes {@code value} at {@code offset} of {@code bytes}; {@code owner} checks pointers. */
    abstract void write(ByteBuffer bytes, int offset, Object value, SandboxMemory owner, Abi abi);

    /** A C declaration of a field of this type named {@code name}: {@code "uint8_t name"}. */
    abstract String declaration(String name, Abi abi);

    /** Refuses a null where the C object needs a value. */
    final Object requireValue(Object value) {
        if (value == null) {
            throw new IllegalArgumentException(where + " is null; a C struct field needs a value");
        }
        return value;
    }
}
