package dev.airlock.wasm.syntax;

import dev.airlock.wasm.ValType;
import java.util.List;

/**
 * An element segment (spec 2.5.7). Segments encoded as plain function indices are decoded to
 * {@code ref.func} expressions, so that every item is a constant expression.
 *
 * @param mode active, passive or declarative
 * @param tableIndex for an active segment, the table it initialises; 0 otherwise
 * @param offset for an active segment, the offset expression; null otherwise
 * @param type the reference type of the items
 * @param items the item expressions
 */
public record ElementSegment(SegmentMode mode, int tableIndex, ConstantExpression offset, ValType type,
                             List<ConstantExpression> items) {
}
