package dev.airlock.wasm.binary;

import static dev.airlock.wasm.binary.TestBytes.PREAMBLE;
import static dev.airlock.wasm.binary.TestBytes.assertMalformed;
import static dev.airlock.wasm.binary.TestBytes.bytes;
import static dev.airlock.wasm.binary.TestBytes.codeSection;
import static dev.airlock.wasm.binary.TestBytes.concat;
import static dev.airlock.wasm.binary.TestBytes.decode;
import static dev.airlock.wasm.binary.TestBytes.functionSection;
import static dev.airlock.wasm.binary.TestBytes.module;
import static dev.airlock.wasm.binary.TestBytes.moduleWithBody;
import static dev.airlock.wasm.binary.TestBytes.name;
import static dev.airlock.wasm.binary.TestBytes.section;
import static dev.airlock.wasm.binary.TestBytes.u32;
import static dev.airlock.wasm.binary.TestBytes.voidTypeSection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.Limits;
import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.DataSegment;
import dev.airlock.wasm.syntax.ElementSegment;
import dev.airlock.wasm.syntax.Export;
import dev.airlock.wasm.syntax.FunctionBody;
import dev.airlock.wasm.syntax.Import;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.Opcode;
import dev.airlock.wasm.syntax.SegmentMode;
import dev.airlock.wasm.testing.WasmBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModuleDecoderTest {

    @Nested
    class Preamble {
        @Test
        void emptyModule() {
            ModuleDefinition m = decode(PREAMBLE);
            assertTrue(m.types.isEmpty());
            assertTrue(m.imports.isEmpty());
            assertTrue(m.code.isEmpty());
            assertTrue(m.customSections.isEmpty());
            assertEquals(-1, m.startFunction);
            assertEquals(-1, m.dataCount);
            assertNull(m.moduleName);
            assertTrue(m.functionNames.isEmpty());
        }

        @Test
        void truncated() {
            assertMalformed("unexpected end", bytes());
            assertMalformed("unexpected end", bytes(0x01));
            assertMalformed("unexpected end", bytes(0x00, 0x61, 0x73));
            assertMalformed("unexpected end", bytes(0x00, 0x61, 0x73, 0x6D));
            assertMalformed("unexpected end", bytes(0x00, 0x61, 0x73, 0x6D, 0x01));
            assertMalformed("unexpected end", bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00));
        }

        @Test
        void badMagic() {
            assertMalformed("magic header not detected", bytes('a', 's', 'm', 0x00));
            assertMalformed("magic header not detected", bytes('m', 's', 'a', 0x00, 0x01, 0x00, 0x00, 0x00));
            assertMalformed("magic header not detected", bytes(0x00, 'A', 'S', 'M', 0x01, 0x00, 0x00, 0x00));
            assertMalformed("magic header not detected", bytes(0xEF, 0xBB, 0xBF, 0x00, 'a', 's', 'm', 0x01, 0, 0, 0));
            assertMalformed("magic header not detected", bytes(0x00, 0x00, 0x00, 0x01, 'm', 's', 'a', 0x00));
        }

        @Test
        void badVersion() {
            assertMalformed("unknown binary version", bytes(0x00, 'a', 's', 'm', 0x00, 0x00, 0x00, 0x00));
            assertMalformed("unknown binary version", bytes(0x00, 'a', 's', 'm', 0x0D, 0x00, 0x00, 0x00));
            assertMalformed("unknown binary version", bytes(0x00, 'a', 's', 'm', 0x00, 0x00, 0x00, 0x01));
            assertMalformed("unknown binary version", bytes(0x00, 'a', 's', 'm', 0x01, 0x00, 0x01, 0x00));
        }

        @Test
        void concatenatedModules() {
            assertMalformed("length out of bounds", concat(PREAMBLE, PREAMBLE));
        }
    }

    @Nested
    class EverySection {
        private ModuleDefinition decoded;

        /** A module with every kind of section, assembled with the test-side builder. */
        private ModuleDefinition build() {
            WasmBuilder b = new WasmBuilder();
            int binary = b.type(new ValType[] {ValType.I32, ValType.I32}, new ValType[] {ValType.I32});
            int nullary = b.type();
            b.importFunction("env", "imported", nullary);
            b.importMemory("env", "mem", 1, 2);
            b.importTable("env", "tab", ValType.FUNCREF, 3, -1);
            b.importGlobal("env", "g", ValType.F64, true);
            b.table(ValType.EXTERNREF, 4, 8);
            b.global(ValType.I64, false, WasmBuilder.Code.expression().i64Const(-7));
            WasmBuilder.Code add = b.function(binary).locals(2, ValType.F32).locals(1, ValType.EXTERNREF);
            add.op(0x20, 0).op(0x20, 1).op(0x6A).end();
            WasmBuilder.Code start = b.function(nullary);
            start.fc(0x09).u32(0);
            start.end();
            b.exportFunction("add", add.functionIndex).export("table", 1, 1);
            b.start(start.functionIndex);
            b.activeElements(2, add.functionIndex, start.functionIndex);
            b.activeData(16, bytes(1, 2, 3));
            b.passiveData(bytes(9));
            b.custom("producers", bytes(0xAB));
            return decode(b.build());
        }

        @Test
        void typesAndImports() {
            decoded = build();
            assertEquals(List.of(FuncType.of(new ValType[] {ValType.I32, ValType.I32}, new ValType[] {ValType.I32}),
                    FuncType.of(new ValType[0], new ValType[0])), decoded.types);
            assertEquals(4, decoded.imports.size());
            assertEquals(Import.function("env", "imported", 1), decoded.imports.get(0));
            assertEquals(new Limits(1, 2), decoded.imports.get(1).memoryType().limits());
            assertEquals(new Limits(3, Limits.NO_MAX), decoded.imports.get(2).tableType().limits());
            assertEquals(new GlobalType(ValType.F64, true), decoded.imports.get(3).globalType());
            assertEquals(1, decoded.importedFunctionCount());
        }

        @Test
        void functionsTablesMemoriesGlobals() {
            decoded = build();
            assertEquals(List.of(0, 1), decoded.functionTypeIndices);
            assertEquals(1, decoded.tables.size());
            assertEquals(ValType.EXTERNREF, decoded.tables.get(0).elementType());
            assertEquals(new Limits(4, 8), decoded.tables.get(0).limits());
            assertTrue(decoded.memories.isEmpty());
            assertEquals(1, decoded.globals.size());
            assertEquals(-7, decoded.globals.get(0).init().instructions()[0].value);
        }

        @Test
        void exportsAndStart() {
            decoded = build();
            assertEquals(List.of(new Export("add", ExternKind.FUNCTION, 1), new Export("table", ExternKind.TABLE, 1)),
                    decoded.exports);
            assertEquals(2, decoded.startFunction);
        }

        @Test
        void elementsAndData() {
            decoded = build();
            assertEquals(1, decoded.elements.size());
            ElementSegment e = decoded.elements.get(0);
            assertEquals(SegmentMode.ACTIVE, e.mode());
            assertEquals(2, e.offset().instructions()[0].value);
            assertEquals(2, e.items().get(1).instructions()[0].index);
            assertEquals(2, decoded.dataCount);
            assertEquals(2, decoded.data.size());
            DataSegment active = decoded.data.get(0);
            assertEquals(SegmentMode.ACTIVE, active.mode());
            assertEquals(16, active.offset().instructions()[0].value);
            assertArrayEquals(bytes(1, 2, 3), active.bytes());
            assertEquals(SegmentMode.PASSIVE, decoded.data.get(1).mode());
        }

        @Test
        void code() {
            decoded = build();
            assertEquals(2, decoded.code.size());
            FunctionBody add = decoded.code.get(0);
            assertArrayEquals(new ValType[] {ValType.F32, ValType.F32, ValType.EXTERNREF}, add.locals());
            assertEquals(4, add.code().length);
            assertEquals(Opcode.I32_ADD, add.code()[2].opcode);
            assertEquals(Opcode.DATA_DROP, decoded.code.get(1).code()[0].opcode);
        }

        @Test
        void customSections() {
            decoded = build();
            assertEquals(1, decoded.customSections.size());
            assertEquals("producers", decoded.customSections.get(0).name());
            assertArrayEquals(bytes(0xAB), decoded.customSections.get(0).contents());
        }

        @Test
        void typeFunctionTableAndMemorySectionsByHand() {
            ModuleDefinition m = decode(module(
                    section(1, bytes(0x02, 0x60, 0x01, 0x7D, 0x00, 0x60, 0x00, 0x02, 0x6F, 0x70)),
                    section(3, bytes(0x03, 0x01, 0x00, 0x01)),
                    section(4, bytes(0x02, 0x70, 0x00, 0x05, 0x6F, 0x01, 0x00, 0x80, 0x01)),
                    section(5, bytes(0x02, 0x00, 0x01, 0x01, 0x02, 0x80, 0x80, 0x04)),
                    codeSection(bytes(0x00, 0x0B), bytes(0x00, 0x0B), bytes(0x00, 0x0B))));
            assertEquals(FuncType.of(new ValType[] {ValType.F32}, new ValType[0]), m.types.get(0));
            assertEquals(FuncType.of(new ValType[0], new ValType[] {ValType.EXTERNREF, ValType.FUNCREF}), m.types.get(1));
            assertEquals(List.of(1, 0, 1), m.functionTypeIndices);
            assertEquals(ValType.FUNCREF, m.tables.get(0).elementType());
            assertEquals(new Limits(5, Limits.NO_MAX), m.tables.get(0).limits());
            assertEquals(new Limits(0, 128), m.tables.get(1).limits());
            assertEquals(new Limits(1, Limits.NO_MAX), m.memories.get(0).limits());
            assertEquals(new Limits(2, 65536), m.memories.get(1).limits());
            assertEquals(3, m.code.size());
        }

        @Test
        void startAndDataCountByHand() {
            ModuleDefinition m = decode(module(section(8, u32(300)), section(12, u32(0))));
            assertEquals(300, m.startFunction);
            assertEquals(0, m.dataCount);
        }

        @Test
        void inputIsNotRetained() {
            WasmBuilder b = new WasmBuilder();
            b.activeData(0, bytes(5, 6));
            byte[] bytes = b.build();
            ModuleDefinition m = decode(bytes);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = 0;
            }
            assertArrayEquals(bytes(5, 6), m.data.get(0).bytes());
        }
    }

    @Nested
    class SectionOrder {
        private final byte[][] inOrder = {
            section(1, bytes(0x00)), section(2, bytes(0x00)), section(3, bytes(0x00)), section(4, bytes(0x00)),
            section(5, bytes(0x00)), section(6, bytes(0x00)), section(7, bytes(0x00)),
            section(9, bytes(0x00)), section(12, bytes(0x00)), section(10, bytes(0x00)), section(11, bytes(0x00)),
        };

        @Test
        void allSectionsInOrderWithCustomSectionsEverywhere() {
            List<byte[]> parts = new ArrayList<>();
            int k = 0;
            parts.add(section(0, name("c" + k++)));
            for (byte[] s : inOrder) {
                parts.add(s);
                parts.add(section(0, name("c" + k++), bytes(k)));
            }
            ModuleDefinition m = decode(module(parts.toArray(new byte[0][])));
            assertEquals(12, m.customSections.size());
            for (int i = 0; i < 12; i++) {
                assertEquals("c" + i, m.customSections.get(i).name());
            }
            assertArrayEquals(bytes(12), m.customSections.get(11).contents());
            assertEquals(0, m.dataCount);
        }

        @Test
        void everyDuplicateIsRejected() {
            for (byte[] s : inOrder) {
                assertMalformed("unexpected content after last section", module(s, s));
                assertMalformed("unexpected content after last section", module(s, section(0, name("x")), s));
            }
        }

        @Test
        void multipleStartSections() {
            MalformedModuleException e = assertMalformed("unexpected content after last section",
                    module(voidTypeSection(), functionSection(1), section(8, bytes(0x00)), section(8, bytes(0x00)),
                            codeSection(bytes(0x00, 0x0B))));
            assertTrue(e.getMessage().contains("multiple start sections"), e.getMessage());
        }

        @Test
        void everyOutOfOrderPairIsRejected() {
            for (int i = 0; i < inOrder.length; i++) {
                for (int j = i + 1; j < inOrder.length; j++) {
                    assertMalformed("unexpected content after last section", module(inOrder[j], inOrder[i]));
                }
            }
            assertMalformed("unexpected content after last section",
                    module(section(10, bytes(0x00)), section(12, bytes(0x00))));
            assertMalformed("unexpected content after last section",
                    module(section(12, bytes(0x00)), section(9, bytes(0x00))));
        }

        @Test
        void malformedSectionIds() {
            for (int id : new int[] {0x0D, 0x0E, 0x7F, 0x80, 0x81, 0xFF}) {
                assertMalformed("malformed section id", concat(PREAMBLE, bytes(id, 0x01, 0x00)));
            }
            assertMalformed("malformed section id",
                    module(section(1, bytes(0x00)), bytes(0x0D, 0x00)));
        }
    }

    @Nested
    class SectionFraming {
        @Test
        void truncatedHeaders() {
            assertMalformed("unexpected end", concat(PREAMBLE, bytes(0x00)));
            assertMalformed("unexpected end", concat(PREAMBLE, bytes(0x00, 0x00)));
            assertMalformed("unexpected end", concat(PREAMBLE, bytes(0x01, 0x80)));
            assertMalformed("unexpected end", concat(PREAMBLE, bytes(0x00, 0x00, 0x00, 0x05, 0x01, 0x00, 0x07, 0x00, 0x00)));
        }

        @Test
        void sectionSizeOutOfBounds() {
            assertMalformed("length out of bounds", concat(PREAMBLE, bytes(0x01, 0x05, 0x00)));
            assertMalformed("length out of bounds", concat(PREAMBLE, bytes(0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        }

        @Test
        void sectionSizeMismatch() {
            // One type declared, two given.
            assertMalformed("section size mismatch",
                    concat(PREAMBLE, bytes(0x01, 0x07, 0x01, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00)));
            // Start section with a padded size.
            assertMalformed("section size mismatch", concat(PREAMBLE, bytes(0x08, 0x02, 0x00, 0x00)));
            // Data count section too short for its LEB128: reads past into the next byte.
            assertMalformed("section size mismatch", concat(PREAMBLE, bytes(0x0C, 0x01, 0x81, 0x01)));
        }

        @Test
        void declaredCountLargerThanGiven() {
            assertMalformed("length out of bounds", concat(PREAMBLE, bytes(0x01, 0x07, 0x02, 0x60, 0x00, 0x00)));
            assertMalformed("unexpected end of section or function", concat(PREAMBLE, bytes(0x04, 0x01, 0x01)));
            assertMalformed("unexpected end of section or function", concat(PREAMBLE, bytes(0x05, 0x01, 0x01)));
            assertMalformed("unexpected end of section or function",
                    concat(PREAMBLE, bytes(0x06, 0x06, 0x02, 0x7F, 0x00, 0x41, 0x00, 0x0B)));
        }

        @Test
        void customSectionSizes() {
            byte[] payload = concat(name("a custom section"), "this is the payload".getBytes());
            assertEquals(1, decode(concat(PREAMBLE, bytes(0x00), u32(payload.length), payload)).customSections.size());
            assertMalformed("length out of bounds", concat(PREAMBLE, bytes(0x00), u32(payload.length + 2), payload));
            assertMalformed("unexpected end", concat(PREAMBLE, bytes(0x00), u32(payload.length + 1), payload));
            // One byte too long swallows the next section's id: what follows is garbage.
            assertMalformed("malformed section id", concat(PREAMBLE, bytes(0x00), u32(payload.length + 1), payload,
                    bytes(0x00), u32(payload.length), payload));
        }

        @Test
        void customSectionNameMustBeUtf8() {
            assertMalformed("malformed UTF-8 encoding", concat(PREAMBLE, bytes(0x00, 0x03, 0x02, 0xC0, 0x80)));
            assertMalformed("malformed UTF-8 encoding", concat(PREAMBLE, bytes(0x00, 0x02, 0x01, 0xFF)));
        }

        @Test
        void sizesMayUseNonMinimalLeb128() {
            ModuleDefinition m = decode(concat(PREAMBLE, bytes(0x00, 0x8A, 0x00, 0x01, '1'), "23456789".getBytes()));
            assertEquals("1", m.customSections.get(0).name());
            assertArrayEquals("23456789".getBytes(), m.customSections.get(0).contents());
        }
    }

    @Nested
    class CrossSectionChecks {
        @Test
        void functionAndCodeCounts() {
            assertMalformed("function and code section have inconsistent lengths",
                    module(voidTypeSection(), functionSection(2)));
            assertMalformed("function and code section have inconsistent lengths",
                    module(codeSection(bytes(0x00, 0x0B))));
            assertMalformed("function and code section have inconsistent lengths",
                    module(voidTypeSection(), functionSection(2), codeSection(bytes(0x00, 0x0B))));
            assertMalformed("function and code section have inconsistent lengths",
                    module(voidTypeSection(), functionSection(1), codeSection(bytes(0x00, 0x0B), bytes(0x00, 0x0B))));
            assertEquals(0, decode(module(section(3, bytes(0x00)))).code.size());
            assertEquals(0, decode(module(section(10, bytes(0x00)))).code.size());
        }

        @Test
        void dataCountMustMatch() {
            assertMalformed("data count and data section have inconsistent lengths",
                    module(section(12, bytes(0x03)), section(11, bytes(0x02, 0x01, 0x00, 0x01, 0x00))));
            assertMalformed("data count and data section have inconsistent lengths",
                    module(section(12, bytes(0x01)), section(11, bytes(0x02, 0x01, 0x00, 0x01, 0x00))));
            assertMalformed("data count and data section have inconsistent lengths",
                    module(section(5, bytes(0x01, 0x00, 0x01)), section(12, bytes(0x01))));
            assertEquals(0, decode(module(section(12, bytes(0x00)))).dataCount);
            assertEquals(2, decode(module(section(12, bytes(0x02)),
                    section(11, bytes(0x02, 0x01, 0x00, 0x01, 0x00)))).data.size());
        }

        @Test
        void dataCountRequiredForMemoryInitAndDataDrop() {
            byte[] dataSection = section(11, bytes(0x01, 0x01, 0x00));
            byte[] memoryInit = bytes(0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B);
            byte[] dataDrop = bytes(0x00, 0xFC, 0x09, 0x00, 0x0B);
            byte[] memory = section(5, bytes(0x01, 0x00, 0x00));
            assertMalformed("data count section required",
                    module(voidTypeSection(), functionSection(1), memory, codeSection(memoryInit), dataSection));
            assertMalformed("data count section required",
                    module(voidTypeSection(), functionSection(1), memory, codeSection(dataDrop), dataSection));
            ModuleDefinition ok = decode(module(voidTypeSection(), functionSection(1), memory, section(12, bytes(0x01)),
                    codeSection(dataDrop), dataSection));
            assertEquals(1, ok.dataCount);
        }

        @Test
        void withoutADataSectionDataIndicesAreLeftToTheValidator() {
            ModuleDefinition m = decode(module(voidTypeSection(), functionSection(1),
                    codeSection(bytes(0x00, 0xFC, 0x09, 0x00, 0x0B))));
            assertEquals(-1, m.dataCount);
            assertTrue(m.data.isEmpty());
        }
    }

    @Nested
    class FunctionBodies {
        @Test
        void missingEndBetweenFunctions() {
            assertMalformed("END opcode expected", module(voidTypeSection(), functionSection(2),
                    section(10, bytes(0x02, 0x04, 0x00, 0x41, 0x01, 0x1A, 0x05, 0x00, 0x41, 0x01, 0x1A, 0x0B))));
        }

        @Test
        void missingEndAtEndOfModule() {
            assertMalformed("unexpected end of section or function", module(voidTypeSection(), functionSection(1),
                    section(10, bytes(0x01, 0x04, 0x00, 0x41, 0x01, 0x1A))));
        }

        @Test
        void missingEndReadsIntoTheNextSection() {
            assertMalformed("section size mismatch", module(voidTypeSection(), functionSection(1),
                    section(10, bytes(0x01, 0x04, 0x00, 0x41, 0x01, 0x1A)), section(11, bytes(0x00))));
        }

        @Test
        void globalInitialiserWithoutEnd() {
            assertMalformed("illegal opcode", module(voidTypeSection(), functionSection(1),
                    concat(bytes(0x06, 0x05, 0x01, 0x7F, 0x00, 0x41, 0x00)), codeSection(bytes(0x00, 0x0B))));
        }

        @Test
        void reservedBytes() {
            assertMalformed("zero byte expected", moduleWithBody(bytes(0x00, 0x41, 0x00, 0x40, 0x01, 0x1A, 0x0B)));
            assertMalformed("zero byte expected", moduleWithBody(bytes(0x00, 0x3F, 0x80, 0x80, 0x00, 0x1A, 0x0B)));
            assertEquals(Opcode.MEMORY_SIZE,
                    decode(moduleWithBody(bytes(0x00, 0x3F, 0x00, 0x1A, 0x0B))).code.get(0).code()[0].opcode);
        }

        @Test
        void memopFlags() {
            assertMalformed("malformed memop flags", moduleWithBody(bytes(0x00, 0x41, 0x00, 0x28, 0x20, 0x00, 0x1A, 0x0B)));
            assertMalformed("malformed memop flags", moduleWithBody(bytes(0x00, 0x41, 0x00, 0x28, 0x41, 0x00, 0x1A, 0x0B)));
        }

        @Test
        void tooManyLocals() {
            assertMalformed("too many locals",
                    moduleWithBody(bytes(0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7E, 0x0B)));
            assertMalformed("too many locals", moduleWithBody(concat(bytes(0x01), u32(50_001), bytes(0x7F, 0x0B))));
            assertMalformed("integer too large",
                    moduleWithBody(bytes(0x02, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7F, 0x02, 0x7E, 0x0B)));
        }

        @Test
        void brTableCountLargerThanGiven() {
            // 1 target declared, 2 given: the extra bytes are read as instructions and run off the end.
            assertMalformed("unexpected end", module(voidTypeSection(), functionSection(1),
                    section(10, bytes(0x01, 0x11, 0x00, 0x02, 0x40, 0x41, 0x01, 0x04, 0x40, 0x41, 0x01, 0x0E, 0x01,
                            0x00, 0x01, 0x02, 0x0B, 0x0B, 0x0B))));
        }

        @Test
        void illegalOpcodeInElementExpression() {
            assertMalformed("illegal opcode", module(voidTypeSection(), functionSection(1),
                    section(9, bytes(0x01, 0x05, 0x70, 0x01, 0xF3, 0x00, 0x0B)), codeSection(bytes(0x00, 0x0B))));
        }

        @Test
        void malformedReferenceTypeInElementSegment() {
            assertMalformed("malformed reference type", module(voidTypeSection(), functionSection(1),
                    section(9, bytes(0x01, 0x05, 0x7F, 0x01, 0xD2, 0x00, 0x0B)), codeSection(bytes(0x00, 0x0B))));
        }
    }

    @Nested
    class Simd {
        private void assertSimd(byte[] module) {
            MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> ModuleDecoder.decode(module));
            assertEquals("unsupported feature: simd", e.getMessage());
        }

        @Test
        void v128InTypes() {
            assertSimd(module(section(1, bytes(0x01, 0x60, 0x01, 0x7B, 0x00))));
            assertSimd(module(section(1, bytes(0x01, 0x60, 0x00, 0x01, 0x7B))));
        }

        @Test
        void v128Global() {
            assertSimd(module(section(6, bytes(0x01, 0x7B, 0x00, 0xFD, 0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0x0B))));
            assertSimd(module(section(2, concat(bytes(0x01), name("m"), name("g"), bytes(0x03, 0x7B, 0x00)))));
        }

        @Test
        void v128LocalsAndSimdInstructions() {
            assertSimd(moduleWithBody(bytes(0x01, 0x01, 0x7B, 0x0B)));
            assertSimd(moduleWithBody(bytes(0x00, 0x41, 0x00, 0xFD, 0x00, 0x04, 0x00, 0x1A, 0x0B)));
            assertSimd(moduleWithBody(bytes(0x00, 0x02, 0x7B, 0x0B, 0x0B)));
            assertSimd(moduleWithBody(bytes(0x00, 0x1C, 0x01, 0x7B, 0x0B)));
        }
    }

    @Nested
    class HugeCounts {
        private final byte[] huge = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x0F);

        @Test
        void everyVectorSectionRejectsAHugeCount() {
            for (int id : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 10, 11}) {
                assertMalformed("length out of bounds", module(section(id, huge, bytes(0x00))));
            }
        }

        @Test
        void hugeCountsInsideEntries() {
            assertMalformed("length out of bounds", module(section(1, bytes(0x01, 0x60), huge, bytes(0x00))));
            assertMalformed("length out of bounds", module(section(2, bytes(0x01), huge, bytes(0x00))));
            assertMalformed("length out of bounds", module(section(9, bytes(0x01, 0x01, 0x00), huge)));
            assertMalformed("length out of bounds", module(section(11, bytes(0x01, 0x01), huge)));
            assertMalformed("length out of bounds", module(section(0, huge, bytes('x'))));
            assertMalformed("length out of bounds", moduleWithBody(concat(bytes(0x00, 0x0E), huge, bytes(0x00, 0x0B))));
            assertMalformed("length out of bounds", moduleWithBody(concat(bytes(0x00, 0x1C), huge, bytes(0x7F, 0x0B))));
            assertMalformed("length out of bounds", moduleWithBody(concat(huge, bytes(0x7F, 0x0B))));
        }

        @Test
        void hugeLocalCountsFailBeforeAllocating() {
            assertMalformed("too many locals", moduleWithBody(concat(bytes(0x01), huge, bytes(0x7F, 0x0B))));
            byte[] manyGroups = u32(1000);
            for (int i = 0; i < 1000; i++) {
                manyGroups = concat(manyGroups, bytes(0xFF, 0xFF, 0xFF, 0x7F, 0x7F));
            }
            assertMalformed("too many locals", moduleWithBody(concat(manyGroups, bytes(0x0B))));
        }
    }

    @Nested
    class NameSection {
        private byte[] nameSection(byte[]... subsections) {
            return section(0, name("name"), concat(subsections));
        }

        @Test
        void namesAreDecoded() {
            byte[] names = nameSection(
                    concat(bytes(0x00), u32(name("mod").length), name("mod")),
                    concat(bytes(0x01), u32(5), bytes(0x01, 0x00, 0x02, 'f', '0')));
            ModuleDefinition m = decode(concat(moduleWithBody(bytes(0x00, 0x0B)), names));
            assertEquals("mod", m.moduleName);
            assertEquals(Map.of(0, "f0"), m.functionNames);
            assertEquals("f0", m.functionName(0));
            assertEquals(1, m.customSections.size());
            assertEquals("name", m.customSections.get(0).name());
        }

        @Test
        void malformedNameSectionIsIgnored() {
            byte[] broken = nameSection(concat(bytes(0x01), u32(5), bytes(0x01, 0x00, 0x02, 0xC0, 0x80)));
            ModuleDefinition m = decode(concat(moduleWithBody(bytes(0x00, 0x0B)), broken));
            assertTrue(m.functionNames.isEmpty());
            assertNull(m.moduleName);
            assertEquals(1, m.code.size());
            assertEquals(1, m.customSections.size());
            byte[] truncated = nameSection(bytes(0x01, 0x7F));
            assertTrue(decode(concat(moduleWithBody(bytes(0x00, 0x0B)), truncated)).functionNames.isEmpty());
        }

        @Test
        void onlyTheFirstNameSectionCounts() {
            byte[] first = nameSection(concat(bytes(0x00), u32(name("one").length), name("one")));
            byte[] second = nameSection(concat(bytes(0x00), u32(name("two").length), name("two")));
            ModuleDefinition m = decode(module(first, second));
            assertEquals("one", m.moduleName);
            assertEquals(2, m.customSections.size());
        }
    }

    @Nested
    class Robustness {
        /** A few valid modules covering most constructs. */
        private List<byte[]> seeds() {
            List<byte[]> seeds = new ArrayList<>();
            WasmBuilder b = new WasmBuilder();
            int t = b.type(new ValType[] {ValType.I32}, new ValType[] {ValType.I32});
            b.importFunction("env", "f", t);
            b.importGlobal("env", "g", ValType.I32, false);
            b.memory(1, 2);
            b.table(ValType.FUNCREF, 1, 1);
            b.global(ValType.I32, true, WasmBuilder.Code.expression().i32Const(5));
            WasmBuilder.Code c = b.function(t).locals(2, ValType.I64);
            c.block(0x02, ValType.I32).op(0x20, 0).block(0x04, null).op(0x0C, 1).op(0x05).end()
                    .brTable(new int[] {0, 0}, 0).end().mem(0x28, 2, 8).i64Const(1L << 40).op(0x1A)
                    .f32Const(0x3F800000).op(0x1A).f64Const(0).op(0x1A).fc(0x0B).u8(0);
            c.end();
            b.exportFunction("run", c.functionIndex);
            b.activeElements(0, c.functionIndex);
            b.activeData(0, bytes(1, 2, 3, 4));
            b.passiveData(bytes(5));
            b.custom("name", concat(bytes(0x01, 0x05, 0x01, 0x01, 0x02, 'f', 'x')));
            seeds.add(b.build());
            seeds.add(module(voidTypeSection(), functionSection(1), section(9, bytes(0x03,
                    0x05, 0x70, 0x01, 0xD2, 0x00, 0x0B, 0x06, 0x00, 0x41, 0x00, 0x0B, 0x70, 0x00, 0x07, 0x6F, 0x00)),
                    codeSection(bytes(0x01, 0x01, 0x70, 0xFC, 0x0C, 0x00, 0x00, 0xD0, 0x70, 0x1A, 0x0B))));
            return seeds;
        }

        @Test
        void seedsDecode() {
            for (byte[] s : seeds()) {
                decode(s);
            }
            ModuleDefinition first = decode(seeds().get(0));
            assertEquals("fx", first.functionNames.get(1));
        }

        @Test
        void randomMutationsOnlyEverFailAsMalformed() {
            Random random = new Random(20250101);
            List<byte[]> seeds = seeds();
            for (int iteration = 0; iteration < 30_000; iteration++) {
                byte[] bytes = seeds.get(iteration % seeds.size()).clone();
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = 8 + random.nextInt(bytes.length - 8);
                    switch (random.nextInt(4)) {
                        case 0: bytes[at] = (byte) random.nextInt(256); break;
                        case 1: bytes[at] ^= (byte) (1 << random.nextInt(8)); break;
                        case 2: bytes[at] = (byte) (random.nextBoolean() ? 0xFF : 0x80); break;
                        default: bytes = java.util.Arrays.copyOf(bytes, at); break;
                    }
                    if (bytes.length <= 8) {
                        break;
                    }
                }
                try {
                    ModuleDecoder.decode(bytes);
                } catch (MalformedModuleException expected) {
                    // fine
                } catch (Throwable t) {
                    fail("iteration " + iteration + " threw " + t, t);
                }
            }
        }

        @Test
        void everyTruncationFailsCleanly() {
            int failures = 0;
            for (byte[] seed : seeds()) {
                for (int n = 0; n < seed.length; n++) {
                    try {
                        ModuleDecoder.decode(java.util.Arrays.copyOf(seed, n));
                        // A cut exactly between two sections can leave a well-formed module.
                    } catch (MalformedModuleException expected) {
                        failures++;
                    } catch (Throwable t) {
                        fail("truncation to " + n + " bytes threw " + t, t);
                    }
                }
            }
            int total = seeds().stream().mapToInt(s -> s.length).sum();
            assertTrue(failures > total - 20, failures + " of " + total + " truncations failed");
        }

        @Test
        void largeModuleDecodesQuickly() {
            // About 2 MB of code: 2,000 functions of 1,000 bytes of mixed instructions.
            Random random = new Random(7);
            byte[][] bodies = new byte[2000][];
            for (int f = 0; f < bodies.length; f++) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                out.writeBytes(bytes(0x01, 0x03, 0x7F));
                while (out.size() < 1000) {
                    switch (random.nextInt(6)) {
                        case 0: out.writeBytes(bytes(0x20, random.nextInt(3))); break;
                        case 1: out.writeBytes(concat(bytes(0x41), u32(random.nextInt(1 << 20)))); break;
                        case 2: out.writeBytes(bytes(0x28, 0x02, 0x90, 0x03)); break;
                        case 3: out.writeBytes(bytes(0x02, 0x40, 0x0C, 0x00, 0x0B)); break;
                        case 4: out.writeBytes(bytes(0x6A)); break;
                        default: out.writeBytes(bytes(0x21, 0x01)); break;
                    }
                }
                out.write(0x0B);
                bodies[f] = out.toByteArray();
            }
            byte[] big = module(voidTypeSection(), functionSection(bodies.length), section(5, bytes(0x01, 0x00, 0x01)),
                    codeSection(bodies));
            assertTrue(big.length > 2_000_000);
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 15; i++) {
                long t0 = System.nanoTime();
                ModuleDefinition m = decode(big);
                best = Math.min(best, System.nanoTime() - t0);
                assertEquals(2000, m.code.size());
            }
            // Typically ~15 ms once warm; the bound only guards against pathological slowness.
            assertTrue(best < 1_000_000_000L, "best decode took " + best / 1_000_000 + " ms");
        }
    }
}
