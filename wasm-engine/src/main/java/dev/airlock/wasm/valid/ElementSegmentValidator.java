package dev.airlock.wasm.valid;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.ConstantExpression;
import dev.airlock.wasm.syntax.ElementSegment;
import java.util.List;

/**
 * Element segments (spec 3.4.5 "Element Segments"). Every item must be a constant expression of the
 * segment's reference type. A passive or declarative segment needs nothing more; an active one must
 * name an existing table ("unknown table") whose element type is the segment's type ("type
 * mismatch"), and its offset must be a constant {@code i32} expression.
 */
final class ElementSegmentValidator {
    /** Not instantiable: this class only holds static rules. */
    private ElementSegmentValidator() {
    }

    /** Validates every element segment of the module of {@code ctx}. */
    static void validate(ValidationContext ctx) {
        List<ElementSegment> segments = ctx.module.elements;
        for (int i = 0; i < segments.size(); i++) {
            validate(segments.get(i), ctx, "elem " + i);
        }
    }

    /** Validates one segment; {@code where} names it for messages. */
    private static void validate(ElementSegment segment, ValidationContext ctx, String where) {
        if (segment == null || segment.mode() == null || segment.items() == null) {
            throw ValidationErrors.invalid("malformed element segment", where);
        }
        ValType type = segment.type();
        if (type == null || !type.isReference()) {
            throw ValidationErrors.invalid("malformed reference type", where);
        }
        int visibleGlobals = ctx.importedGlobalCount;
        List<ConstantExpression> items = segment.items();
        for (int j = 0; j < items.size(); j++) {
            ConstantExpressionValidator.validate(items.get(j), type, ctx, visibleGlobals, where + " item " + j);
        }
        switch (segment.mode()) {
            case PASSIVE:
            case DECLARATIVE:
                return;
            case ACTIVE: {
                int table = segment.tableIndex();
                if (!ValidationErrors.inRange(table, ctx.tableCount())) {
                    throw ValidationErrors.unknown("table", table, where);
                }
                ConstantExpressionValidator.validate(segment.offset(), ValType.I32, ctx, visibleGlobals,
                        where + " offset");
                int tableType = ctx.tableElementTypes[table];
                if (tableType != TypeCodes.of(type)) {
                    throw ValidationErrors.invalid("type mismatch", where + ": segment of " + type.wasmName
                            + " for table " + table + " of " + TypeCodes.name(tableType));
                }
                return;
            }
            default:
                throw ValidationErrors.invalid("malformed element segment mode", where);
        }
    }
}
