package dev.airlock.wasm.binary;

import dev.airlock.wasm.syntax.CustomSection;

/**
 * Decodes a custom section (spec 5.5.3): a name, then arbitrary bytes up to the end of the
 * section. The name must be valid UTF-8 and must fit in the section; the rest is kept uninterpreted.
 */
final class CustomSectionDecoder {
    /** Not instantiable. */
    private CustomSectionDecoder() {
    }

    /**
     * Reads a custom section whose contents end at {@code end} (which the reader's limit may not
     * reach when the declared size is too large), leaving the reader at {@code end}.
     */
    static CustomSection decode(ByteReader r, long end) {
        String name = r.name();
        int from = r.position();
        if (from > end || end > r.limit()) {
            // The name runs past the section, or the section past the module.
            throw r.endOfInput();
        }
        return new CustomSection(name, r.bytes((int) end - from));
    }
}
