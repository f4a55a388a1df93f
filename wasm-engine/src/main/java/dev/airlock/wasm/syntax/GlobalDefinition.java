package dev.airlock.wasm.syntax;

import dev.airlock.wasm.GlobalType;

/**
 * A global defined by the module (spec 2.5.6).
 *
 * @param type its type
 * @param init the constant expression that gives its initial value
 */
public record GlobalDefinition(GlobalType type, ConstantExpression init) {
}
