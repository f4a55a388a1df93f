package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.assertFails;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static dev.airlock.wasm.binary.TestBytes.concat;
import static dev.airlock.wasm.binary.TestBytes.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.Limits;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TableType;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.Import;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportSectionDecoderTest {
    private static List<Import> decode(byte[] contents) {
        ByteReader r = new ByteReader(contents);
        ModuleDefinition.Builder module = new ModuleDefinition.Builder();
        ImportSectionDecoder.decode(r, module);
        assertTrue(r.atEnd());
        return module.imports;
    }

    @Test
    void allFourKinds() {
        List<Import> imports = decode(concat(bytes(0x04),
                name("env"), name("f"), bytes(0x00, 0x02),
                name("env"), name("t"), bytes(0x01, 0x70, 0x01, 0x01, 0x05),
                name("env"), name("m"), bytes(0x02, 0x00, 0x10),
                name("spectest"), name("g"), bytes(0x03, 0x7E, 0x01)));
        assertEquals(4, imports.size());
        assertEquals(Import.function("env", "f", 2), imports.get(0));
        assertEquals(Import.table("env", "t", new TableType(ValType.FUNCREF, new Limits(1, 5))), imports.get(1));
        assertEquals(Import.memory("env", "m", new MemoryType(new Limits(16, Limits.NO_MAX))), imports.get(2));
        Import g = imports.get(3);
        assertEquals(ExternKind.GLOBAL, g.kind());
        assertEquals("spectest", g.module());
        assertEquals(new GlobalType(ValType.I64, true), g.globalType());
        assertNull(g.tableType());
    }

    @Test
    void unicodeNames() {
        Import i = decode(concat(bytes(0x01), name("模块"), name("é"), bytes(0x00, 0x00))).get(0);
        assertEquals("模块", i.module());
        assertEquals("é", i.name());
    }

    @Test
    void malformed() {
        assertFails("malformed import kind", () -> decode(bytes(0x01, 0x00, 0x00, 0x04)));
        assertFails("malformed import kind", () -> decode(bytes(0x01, 0x00, 0x00, 0x80, 0x00)));
        assertFails("malformed UTF-8 encoding", () -> decode(bytes(0x01, 0x01, 0x80, 0x00, 0x00, 0x00)));
        assertFails("malformed UTF-8 encoding", () -> decode(bytes(0x01, 0x00, 0x01, 0xFF, 0x00, 0x00)));
        assertFails("malformed mutability", () -> decode(bytes(0x01, 0x00, 0x00, 0x03, 0x7F, 0x04)));
        assertFails("integer too large", () -> decode(bytes(0x01, 0x00, 0x00, 0x02, 0x02, 0x00)));
        assertFails("malformed reference type", () -> decode(bytes(0x01, 0x00, 0x00, 0x01, 0x7F, 0x00, 0x00)));
        assertFails("unsupported feature: simd", () -> decode(bytes(0x01, 0x00, 0x00, 0x03, 0x7B, 0x00)));
        assertFails("unexpected end of section or function", () -> decode(bytes(0x02, 0x00, 0x00, 0x00, 0x00)));
        assertFails("length out of bounds", () -> decode(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00)));
    }
}
