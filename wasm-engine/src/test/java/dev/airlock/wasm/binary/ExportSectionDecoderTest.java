package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static dev.airlock.wasm.binary.TestBytes.concat;
import static dev.airlock.wasm.binary.TestBytes.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.syntax.Export;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportSectionDecoderTest {
    private static List<Export> decode(byte[] contents) {
        ByteReader r = new ByteReader(contents);
        ModuleDefinition.Builder module = new ModuleDefinition.Builder();
        ExportSectionDecoder.decode(r, module);
        assertTrue(r.atEnd());
        return module.exports;
    }

    @Test
    void allFourKinds() {
        List<Export> exports = decode(concat(bytes(0x04),
                name("f"), bytes(0x00, 0x03),
                name("t"), bytes(0x01, 0x00),
                name("m"), bytes(0x02, 0x00),
                name("g"), bytes(0x03, 0x80, 0x01)));
        assertEquals(List.of(new Export("f", ExternKind.FUNCTION, 3), new Export("t", ExternKind.TABLE, 0),
                new Export("m", ExternKind.MEMORY, 0), new Export("g", ExternKind.GLOBAL, 128)), exports);
    }

    @Test
    void duplicateNamesAreLeftToTheValidator() {
        assertEquals(2, decode(concat(bytes(0x02), name("a"), bytes(0x00, 0x00), name("a"), bytes(0x00, 0x01))).size());
    }

    @Test
    void malformed() {
        assertFails("malformed export kind", () -> decode(bytes(0x01, 0x00, 0x04, 0x00)));
        assertFails("malformed UTF-8 encoding", () -> decode(bytes(0x01, 0x01, 0xC0, 0x00, 0x00)));
        assertFails("integer representation too long",
                () -> decode(bytes(0x01, 0x00, 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)));
        assertFails("length out of bounds", () -> decode(bytes(0x01, 0x09, 'a', 0x00, 0x00)));
    }
}
