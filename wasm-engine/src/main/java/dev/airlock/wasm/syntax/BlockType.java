package dev.airlock.wasm.syntax;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.ValType;
import java.util.List;

/**
 * The type of a {@code block}, {@code loop} or {@code if} (spec 2.4.8 "Control Instructions",
 * binary 5.4.1): empty ({@code [] -> []}), a single result type ({@code [] -> [t]}), or a type
 * index naming a full function type (multi-value).
 *
 * @param valueType the single result type, or null
 * @param typeIndex the type index, or -1
 */
public record BlockType(ValType valueType, int typeIndex) {
    /** The block type {@code [] -> []}. */
    public static final BlockType EMPTY = new BlockType(null, -1);

    /** The block type {@code [] -> [t]}. */
    public static BlockType of(ValType t) {
        return new BlockType(t, -1);
    }

    /** The block type given by type index {@code index}. */
    public static BlockType ofTypeIndex(int index) {
        return new BlockType(null, index);
    }

    /** Resolves this block type against the module's types; the index must be valid. */
    public FuncType resolve(List<FuncType> types) {
        if (typeIndex >= 0) {
            return types.get(typeIndex);
        }
        if (valueType == null) {
            return FuncType.of(new ValType[0], new ValType[0]);
        }
        return FuncType.of(new ValType[0], new ValType[] {valueType});
    }
}
