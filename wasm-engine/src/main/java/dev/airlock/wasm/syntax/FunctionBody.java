package dev.airlock.wasm.syntax;

import dev.airlock.wasm.ValType;

/**
 * The code of a function defined by the module (spec 2.5.3; binary 5.5.13).
 *
 * @param locals the declared locals after the parameters, one entry per local (run-length
 *     encoding already expanded)
 * @param code the body, ending with the {@code end} that closes the function's implicit block
 * @param byteOffset where the body starts in the module's bytes (the first byte after its size,
 *     where the local declarations begin), for messages
 */
public record FunctionBody(ValType[] locals, Instruction[] code, long byteOffset) {
}
