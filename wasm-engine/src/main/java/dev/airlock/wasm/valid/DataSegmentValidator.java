package dev.airlock.wasm.valid;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.DataSegment;
import java.util.List;

/**
 * Data segments (spec 3.4.6 "Data Segments"). A passive segment is always valid; an active one must
 * name an existing memory ("unknown memory 0") and its offset must be a constant {@code i32}
 * expression.
 */
final class DataSegmentValidator {
    /** Not instantiable: this class only holds static rules. */
    private DataSegmentValidator() {
    }

    /** Validates every data segment of the module of {@code ctx}. */
    static void validate(ValidationContext ctx) {
        List<DataSegment> segments = ctx.module.data;
        for (int i = 0; i < segments.size(); i++) {
            DataSegment segment = segments.get(i);
            String where = "data " + i;
            if (segment == null || segment.mode() == null) {
                throw ValidationErrors.invalid("malformed data segment", where);
            }
            switch (segment.mode()) {
                case PASSIVE:
                    break;
                case ACTIVE:
                    if (!ValidationErrors.inRange(segment.memoryIndex(), ctx.memoryCount)) {
                        throw ValidationErrors.unknown("memory", segment.memoryIndex(), where);
                    }
                    ConstantExpressionValidator.validate(segment.offset(), ValType.I32, ctx,
                            ctx.importedGlobalCount, where + " offset");
                    break;
                default:
                    throw ValidationErrors.invalid("malformed data segment mode", where);
            }
        }
    }
}
