package dev.airlock.wasm.binary;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.function.Executable;

/** Small helpers for writing binary modules and fragments by hand in tests. */
final class TestBytes {
    /** The preamble: magic and version 1. */
    static final byte[] PREAMBLE = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    private TestBytes() {
    }

    /** The given values as bytes (each truncated to 8 bits). */
    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** The concatenation of the given arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Unsigned LEB128 of {@code v}. */
    static byte[] u32(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return out.toByteArray();
    }

    /** A length-prefixed UTF-8 name. */
    static byte[] name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(u32(b.length), b);
    }

    /** A section: id, size, contents. */
    static byte[] section(int id, byte[]... contents) {
        byte[] c = concat(contents);
        return concat(bytes(id), u32(c.length), c);
    }

    /** A module: preamble followed by the given sections. */
    static byte[] module(byte[]... sections) {
        return concat(PREAMBLE, concat(sections));
    }

    /** A type section with the single type {@code [] -> []}. */
    static byte[] voidTypeSection() {
        return section(1, bytes(0x01, 0x60, 0x00, 0x00));
    }

    /** A function section declaring {@code n} functions of type 0. */
    static byte[] functionSection(int n) {
        byte[] c = new byte[n];
        return section(3, u32(n), c);
    }

    /** A code section whose bodies are {@code bodies} (each: locals then expression), size-prefixed. */
    static byte[] codeSection(byte[]... bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(u32(bodies.length));
        for (byte[] b : bodies) {
            out.writeBytes(u32(b.length));
            out.writeBytes(b);
        }
        return section(10, out.toByteArray());
    }

    /** A module with one function of type {@code [] -> []}, a memory, and the given body (locals + code). */
    static byte[] moduleWithBody(byte[] body) {
        return module(voidTypeSection(), functionSection(1), section(5, bytes(0x01, 0x00, 0x01)), codeSection(body));
    }

    /** Decodes, expecting success. */
    static ModuleDefinition decode(byte[] bytes) {
        return ModuleDecoder.decode(bytes);
    }

    /** Asserts that decoding fails with a message starting with {@code prefix}; returns the exception. */
    static MalformedModuleException assertMalformed(String prefix, byte[] module) {
        return assertFails(prefix, () -> ModuleDecoder.decode(module));
    }

    /** Asserts that {@code action} throws a MalformedModuleException whose message starts with {@code prefix}. */
    static MalformedModuleException assertFails(String prefix, Executable action) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, action);
        assertTrue(e.getMessage().startsWith(prefix),
                () -> "expected message starting with '" + prefix + "', got '" + e.getMessage() + "'");
        return e;
    }
}
