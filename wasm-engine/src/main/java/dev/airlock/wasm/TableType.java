package dev.airlock.wasm;

/**
 * A table type (spec 2.3.9): a reference element type and limits in elements.
 *
 * @param elementType {@link ValType#FUNCREF} or {@link ValType#EXTERNREF}
 * @param limits the element-count limits
 */
public record TableType(ValType elementType, Limits limits) {
    @Override
    public String toString() {
        return "table " + limits + " " + elementType;
    }
}
