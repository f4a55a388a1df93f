package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.bytes;
import static dev.airlock.wasm.binary.TestBytes.concat;
import static dev.airlock.wasm.binary.TestBytes.name;
import static dev.airlock.wasm.binary.TestBytes.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.syntax.ModuleDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameSectionDecoderTest {
    private static byte[] subsection(int id, byte[] contents) {
        return concat(bytes(id), u32(contents.length), contents);
    }

    private static byte[] functionNames(Object... indexNamePairs) {
        byte[] out = u32(indexNamePairs.length / 2);
        for (int i = 0; i < indexNamePairs.length; i += 2) {
            out = concat(out, u32((Integer) indexNamePairs[i]), name((String) indexNamePairs[i + 1]));
        }
        return subsection(1, out);
    }

    private ModuleDefinition.Builder module;

    private boolean decode(byte[] contents) {
        module = new ModuleDefinition.Builder();
        return NameSectionDecoder.decode(contents, module);
    }

    @Test
    void moduleAndFunctionNames() {
        assertTrue(decode(concat(subsection(0, name("my module")), functionNames(0, "main", 3, "helper", 7, "ünï"))));
        assertEquals("my module", module.moduleName);
        assertEquals(Map.of(0, "main", 3, "helper", 7, "ünï"), module.functionNames);
    }

    @Test
    void localNamesAndLaterSubsectionsAreSkipped() {
        byte[] localNames = subsection(2, bytes(0x01, 0x00, 0x01, 0x00, 0x01, 'x'));
        byte[] globalNames = subsection(7, bytes(0xAA, 0xBB)); // not even well formed: skipped unread
        assertTrue(decode(concat(functionNames(1, "f"), localNames, globalNames)));
        assertEquals(Map.of(1, "f"), module.functionNames);
        assertNull(module.moduleName);
    }

    @Test
    void emptyNameSection() {
        assertTrue(decode(new byte[0]));
        assertNull(module.moduleName);
        assertTrue(module.functionNames.isEmpty());
    }

    @Test
    void malformedSectionsDropAllNames() {
        byte[] good = subsection(0, name("m"));
        // Truncated function name map.
        assertFalse(decode(concat(good, subsection(1, bytes(0x02, 0x00, 0x01, 'a')))));
        assertNull(module.moduleName);
        assertTrue(module.functionNames.isEmpty());
        // A subsection out of order after skipped ones.
        assertFalse(decode(concat(good, functionNames(0, "ok"), subsection(2, bytes()), subsection(3, bytes()),
                subsection(4, bytes(0x01, 0xFF)), subsection(1, bytes(0x00)))));
        // Bad UTF-8.
        assertFalse(decode(subsection(1, bytes(0x01, 0x00, 0x02, 0xC0, 0x80))));
        assertFalse(decode(subsection(0, bytes(0x01, 0xFF))));
        // Subsections out of order or repeated.
        assertFalse(decode(concat(functionNames(0, "a"), good)));
        assertFalse(decode(concat(good, good)));
        // Indices not increasing.
        assertFalse(decode(functionNames(2, "a", 1, "b")));
        assertFalse(decode(functionNames(1, "a", 1, "b")));
        // Subsection size disagrees with its contents.
        assertFalse(decode(concat(bytes(0x00, 0x03), name("m"))));
        assertFalse(decode(concat(bytes(0x00, 0x01), name("mm"))));
        // Subsection larger than the section, and huge counts.
        assertFalse(decode(bytes(0x01, 0x7F, 0x00)));
        assertFalse(decode(bytes(0x01, 0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00)));
        assertFalse(decode(bytes(0x00)));
        assertNull(module.moduleName);
        assertTrue(module.functionNames.isEmpty());
    }

    @Test
    void indicesBeyondIntRangeAreIgnored() {
        assertTrue(decode(functionNames(0, "a", Integer.MAX_VALUE, "b")));
        assertEquals(2, module.functionNames.size());
        byte[] big = subsection(1, concat(u32(1), u32(0xFFFFFFFFL), name("c")));
        assertTrue(decode(big));
        assertTrue(module.functionNames.isEmpty());
    }
}
