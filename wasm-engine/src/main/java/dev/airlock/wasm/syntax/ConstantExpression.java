package dev.airlock.wasm.syntax;

import java.util.Arrays;

/**
 * A constant expression (spec 3.3.10): the initialiser of a global, the offset of an active
 * segment, or an element-segment item. The array holds the instructions without the
 * terminating {@code end}.
 *
 * @param instructions the instructions, in order
 */
public record ConstantExpression(Instruction[] instructions) {
    @Override
    public String toString() {
        return Arrays.toString(instructions);
    }
}
