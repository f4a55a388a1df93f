package dev.airlock.wasm.binary;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.ElementSegment;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.syntax.Opcode;
import dev.airlock.wasm.syntax.SegmentMode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Decodes the element section (spec 5.5.12): a vector of element segments, each introduced by a
 * u32 flag word from 0 to 7. Bit 0 set means passive (bit 1 clear) or declarative (bit 1 set);
 * bit 0 clear means active, with an explicit table index if bit 1 is set. Bit 2 set means the
 * items are constant expressions with an explicit reference type; clear, they are function
 * indices with an element kind (which must be 0x00, funcref) — decoded here to {@code ref.func}
 * expressions. Flags 0 and 4 imply table 0 and funcref.
 */
final class ElementSectionDecoder {
    /** The only element kind (0x00), meaning funcref. */
    private static final int ELEMENT_KIND_FUNCREF = 0x00;

    /** Not instantiable. */
    private ElementSectionDecoder() {
    }

    /** Reads the section's contents into {@code module.elements}. */
    static void decode(ByteReader r, InstructionDecoder code, ModuleDefinition.Builder module) {
        int n = r.length();
        for (int i = 0; i < n; i++) {
            module.elements.add(segment(r, code));
        }
    }

    /** One element segment. */
    private static ElementSegment segment(ByteReader r, InstructionDecoder code) {
        int at = r.position();
        long flags = r.u32();
        if (flags > 7) {
            throw r.error(Messages.MALFORMED_ELEMENT_SEGMENT_KIND + ": " + flags, at);
        }
        boolean passiveOrDeclarative = (flags & 1) != 0;
        boolean explicit = (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;

        SegmentMode mode;
        int table = 0;
        ConstantExpression offset = null;
        if (passiveOrDeclarative) {
            mode = explicit ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        } else {
            mode = SegmentMode.ACTIVE;
            if (explicit) {
                table = r.index();
            }
            offset = code.constantExpression();
        }

        // Flags 0 and 4 have no type byte; every other flag has one.
        boolean typed = passiveOrDeclarative || explicit;
        ValType type = ValType.FUNCREF;
        if (typed) {
            if (expressions) {
                type = TypeDecoder.referenceType(r);
            } else {
                int kindAt = r.position();
                int kind = r.u8();
                if (kind != ELEMENT_KIND_FUNCREF) {
                    throw r.error(Messages.MALFORMED_ELEMENT_KIND + ": 0x" + Integer.toHexString(kind), kindAt);
                }
            }
        }

        int count = r.length();
        ConstantExpression[] items = new ConstantExpression[count];
        for (int k = 0; k < count; k++) {
            items[k] = expressions
                    ? code.constantExpression()
                    : new ConstantExpression(new Instruction[] {Instruction.indexed(Opcode.REF_FUNC, r.index())});
        }
        List<ConstantExpression> list = Collections.unmodifiableList(Arrays.asList(items));
        return new ElementSegment(mode, table, offset, type, list);
    }
}
