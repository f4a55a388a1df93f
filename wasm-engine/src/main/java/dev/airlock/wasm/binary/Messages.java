package dev.airlock.wasm.binary;

/**
 * The texts that start every {@link dev.airlock.wasm.MalformedModuleException} the decoder
 * throws (spec chapter 5, "Binary Format"). Where the official testsuite has an
 * {@code assert_malformed} case for a condition, the text is the reference interpreter's, so that
 * a spec runner can compare messages by prefix; detail may follow it after a colon.
 */
final class Messages {
    /** The input stops inside the 8-byte preamble (5.5.16). */
    static final String UNEXPECTED_END = "unexpected end";
    /** A read went past the end of the module inside a section or function body (5.5.2, 5.5.13). */
    static final String UNEXPECTED_END_OF_SECTION = "unexpected end of section or function";
    /** The first four bytes are not {@code \0asm} (5.5.16). */
    static final String MAGIC = "magic header not detected";
    /** The version field is not 1 (5.5.16). */
    static final String VERSION = "unknown binary version";
    /** A LEB128 number uses more bytes than its width allows (5.2.2). */
    static final String INT_TOO_LONG = "integer representation too long";
    /** The last byte of a LEB128 number has bits set beyond its width (5.2.2). */
    static final String INT_TOO_LARGE = "integer too large";
    /** A vector length or byte count exceeds the bytes left in the module (5.1.3, 5.2.4). */
    static final String LENGTH_OUT_OF_BOUNDS = "length out of bounds";
    /** A name is not valid UTF-8 (5.2.4). */
    static final String MALFORMED_UTF8 = "malformed UTF-8 encoding";
    /** A section id above 12 (5.5.2). */
    static final String MALFORMED_SECTION_ID = "malformed section id";
    /** A section's contents do not end exactly where its size says (5.5.2). */
    static final String SECTION_SIZE_MISMATCH = "section size mismatch";
    /** A non-custom section out of order or repeated, or bytes after the last section (5.5.16). */
    static final String UNEXPECTED_CONTENT = "unexpected content after last section";
    /** The function and code sections declare different numbers of functions (5.5.16). */
    static final String FUNCTION_CODE_LENGTHS = "function and code section have inconsistent lengths";
    /** The data count section disagrees with the data section (5.5.16). */
    static final String DATA_COUNT_LENGTHS = "data count and data section have inconsistent lengths";
    /** {@code memory.init} or {@code data.drop} without a data count section (5.5.16). */
    static final String DATA_COUNT_REQUIRED = "data count section required";
    /** A reserved immediate byte of a memory instruction is not 0x00 (5.4.6). */
    static final String ZERO_BYTE_EXPECTED = "zero byte expected";
    /** A memarg alignment exponent of 32 or more (5.4.6). */
    static final String MALFORMED_MEMOP_FLAGS = "malformed memop flags";
    /** A global type's mutability byte is neither 0x00 nor 0x01 (5.3.10). */
    static final String MALFORMED_MUTABILITY = "malformed mutability";
    /** An import descriptor kind other than 0x00 to 0x03 (5.5.5). */
    static final String MALFORMED_IMPORT_KIND = "malformed import kind";
    /** An export descriptor kind other than 0x00 to 0x03 (5.5.10). */
    static final String MALFORMED_EXPORT_KIND = "malformed export kind";
    /** A byte that is not a reference type where one is required (5.3.3). */
    static final String MALFORMED_REFERENCE_TYPE = "malformed reference type";
    /** A byte that is not a value type where one is required (5.3.4). */
    static final String MALFORMED_VALUE_TYPE = "malformed value type";
    /** A function type that does not start with 0x60 (5.3.6). */
    static final String MALFORMED_FUNCTION_TYPE = "malformed function type";
    /** A negative type index as block type (5.4.1). */
    static final String MALFORMED_BLOCK_TYPE = "malformed block type";
    /** An element segment whose element kind is not 0x00 (5.5.12). */
    static final String MALFORMED_ELEMENT_KIND = "malformed element kind";
    /** An element segment flag word above 7 (5.5.12). */
    static final String MALFORMED_ELEMENT_SEGMENT_KIND = "malformed elements segment kind";
    /** A data segment flag word above 2 (5.5.14). */
    static final String MALFORMED_DATA_SEGMENT_KIND = "malformed data segment kind";
    /** A byte that encodes no instruction (5.4). */
    static final String ILLEGAL_OPCODE = "illegal opcode";
    /** A block, function body or constant expression not closed by {@code end} (5.4.1, 5.4.9). */
    static final String END_EXPECTED = "END opcode expected";
    /** A function declares 2^32 or more locals, or more than the engine's limit (5.5.13). */
    static final String TOO_MANY_LOCALS = "too many locals";
    /** The complete message for any use of the SIMD proposal (v128, 0xFD opcodes). */
    static final String UNSUPPORTED_SIMD = "unsupported feature: simd";

    /** Not instantiable. */
    private Messages() {
    }
}
