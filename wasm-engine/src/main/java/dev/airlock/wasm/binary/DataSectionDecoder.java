package dev.airlock.wasm.binary;

import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.DataSegment;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.SegmentMode;

/**
 * Decodes the data section (spec 5.5.14): a vector of data segments, each introduced by a u32
 * flag word: 0 (active, memory 0, offset expression), 1 (passive) or 2 (active, explicit memory
 * index, offset expression), followed by the bytes.
 */
final class DataSectionDecoder {
    /** Not instantiable. */
    private DataSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.data}. */
    static void decode(ByteReader r, InstructionDecoder code, ModuleDefinition.Builder module) {
        int n = r.length();
        for (int i = 0; i < n; i++) {
            module.data.add(segment(r, code));
        }
    }

    /** One data segment. */
    private static DataSegment segment(ByteReader r, InstructionDecoder code) {
        int at = r.position();
        long flags = r.u32();
        if (flags == 1) {
            return new DataSegment(SegmentMode.PASSIVE, 0, null, r.byteVector());
        }
        if (flags != 0 && flags != 2) {
            throw r.error(Messages.MALFORMED_DATA_SEGMENT_KIND + ": " + flags, at);
        }
        int memory = flags == 2 ? r.index() : 0;
        ConstantExpression offset = code.constantExpression();
        return new DataSegment(SegmentMode.ACTIVE, memory, offset, r.byteVector());
    }
}
