package dev.airlock.wasm.binary;

import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.syntax.CustomSection;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.util.Objects;

/**
 * Decodes a module in the WebAssembly binary format (spec chapter 5, "Binary Format"; this class
 * implements 5.5.16 "Modules": the preamble, the sequence of sections and the checks that span
 * sections).
 *
 * <p>The preamble is the magic {@code \0asm} and version 1. Sections follow, each an id byte, a
 * u32 size and contents (5.5.2). Custom sections (id 0) may appear anywhere; every other section
 * at most once and in the order type, import, function, table, memory, global, export, start,
 * element, data count, code, data. A non-custom section that breaks the order is reported as
 * {@value Messages#UNEXPECTED_CONTENT}, as the reference interpreter does. Once every section has
 * been read, the function and code sections must agree in length, the data count section (if any)
 * must agree with the data section, and {@code memory.init} / {@code data.drop} require a data
 * count section if the module has a data section (without one, the data index they use is out of
 * range, and the module fails validation instead; the testsuite expects exactly that).
 *
 * <p>The result is well-formed but not validated. Every failure is a
 * {@link MalformedModuleException} whose message starts with the reference interpreter's text for
 * the condition; SIMD (the v128 type, 0xFD instructions) fails with the message
 * {@value Messages#UNSUPPORTED_SIMD}. Declared counts and lengths are checked against the bytes
 * left before anything is allocated for them, and nested blocks are decoded without recursion.
 * Thread-safe: each call works on its own state.
 */
public final class ModuleDecoder {
    /** The magic number {@code \0asm}, read as a little-endian u32. */
    private static final int MAGIC = 0x6D736100;
    /** The only binary format version. */
    private static final int VERSION = 1;
    /** Size of the preamble (magic and version). */
    private static final int PREAMBLE_SIZE = 8;

    /** Not instantiable. */
    private ModuleDecoder() {
    }

    /**
     * Decodes {@code bytes}, which are not modified and not retained (segment and custom section
     * contents are copied).
     *
     * @param bytes a binary module
     * @return the decoded module
     * @throws MalformedModuleException if the bytes are not a well-formed module
     * @throws NullPointerException if {@code bytes} is null
     */
    public static ModuleDefinition decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ByteReader r = new ByteReader(bytes);
        preamble(r);

        ModuleDefinition.Builder module = new ModuleDefinition.Builder();
        InstructionDecoder code = new InstructionDecoder(r);
        boolean dataIndexUsed = false;
        boolean nameSectionSeen = false;
        boolean hasDataSection = false;
        SectionId last = null;
        while (!r.atEnd()) {
            int at = r.position();
            int idByte = r.u8();
            SectionId id = SectionId.fromId(idByte);
            if (id == null) {
                throw r.error(Messages.MALFORMED_SECTION_ID + ": " + idByte, at);
            }
            if (id != SectionId.CUSTOM) {
                if (last != null && id.order <= last.order) {
                    throw r.error(Messages.UNEXPECTED_CONTENT + ": " + orderProblem(id, last), at);
                }
                last = id;
            }
            int size = r.length();
            int start = r.position();
            long end = (long) start + size;
            switch (id) {
                case CUSTOM: {
                    CustomSection custom = CustomSectionDecoder.decode(r, end);
                    module.customSections.add(custom);
                    if (!nameSectionSeen && NameSectionDecoder.SECTION_NAME.equals(custom.name())) {
                        nameSectionSeen = true;
                        NameSectionDecoder.decode(custom.contents(), module);
                    }
                    break;
                }
                case TYPE: TypeSectionDecoder.decode(r, module); break;
                case IMPORT: ImportSectionDecoder.decode(r, module); break;
                case FUNCTION: FunctionSectionDecoder.decode(r, module); break;
                case TABLE: TableSectionDecoder.decode(r, module); break;
                case MEMORY: MemorySectionDecoder.decode(r, module); break;
                case GLOBAL: GlobalSectionDecoder.decode(r, code, module); break;
                case EXPORT: ExportSectionDecoder.decode(r, module); break;
                case START: StartSectionDecoder.decode(r, module); break;
                case ELEMENT: ElementSectionDecoder.decode(r, code, module); break;
                case DATA_COUNT: DataCountSectionDecoder.decode(r, module); break;
                case CODE: dataIndexUsed = new CodeSectionDecoder(r, code).decode(module); break;
                case DATA:
                    hasDataSection = true;
                    DataSectionDecoder.decode(r, code, module);
                    break;
                default: throw r.error(Messages.MALFORMED_SECTION_ID + ": " + idByte, at);
            }
            if (r.position() != end) {
                throw r.error(Messages.SECTION_SIZE_MISMATCH + ": " + id.label + " section declares " + size
                        + " bytes, its contents take " + (r.position() - start), start);
            }
        }

        int moduleEnd = bytes.length;
        if (module.functionTypeIndices.size() != module.code.size()) {
            throw r.error(Messages.FUNCTION_CODE_LENGTHS + ": " + module.functionTypeIndices.size() + " functions, "
                    + module.code.size() + " bodies", moduleEnd);
        }
        if (module.dataCount >= 0 && module.dataCount != module.data.size()) {
            throw r.error(Messages.DATA_COUNT_LENGTHS + ": data count " + module.dataCount + ", "
                    + module.data.size() + " segments", moduleEnd);
        }
        // The spec requires the data count section whenever code uses a data index. This decoder
        // requires it only when the module also has a data section: without one, every data
        // index is out of range, so the module is rejected by validation ("unknown data
        // segment") anyway, which is what the testsuite's binary modules expect.
        if (module.dataCount < 0 && dataIndexUsed && hasDataSection) {
            throw r.error(Messages.DATA_COUNT_REQUIRED + " by memory.init or data.drop", moduleEnd);
        }
        return module.build();
    }

    /** Checks the magic number and the version (5.5.16) and moves past them. */
    private static void preamble(ByteReader r) {
        byte[] bytes = r.bytes();
        if (bytes.length < 4) {
            throw new MalformedModuleException(Messages.UNEXPECTED_END + ": no magic header", bytes.length);
        }
        if (r.f32Bits() != MAGIC) {
            throw r.error(Messages.MAGIC, 0);
        }
        if (bytes.length < PREAMBLE_SIZE) {
            throw new MalformedModuleException(Messages.UNEXPECTED_END + ": no version", bytes.length);
        }
        if (r.f32Bits() != VERSION) {
            throw r.error(Messages.VERSION, 4);
        }
    }

    /** Why section {@code id} may not follow section {@code last}. */
    private static String orderProblem(SectionId id, SectionId last) {
        if (id == last) {
            return id == SectionId.START ? "multiple start sections" : "duplicate " + id.label + " section";
        }
        return id.label + " section after " + last.label + " section";
    }
}
