package dev.airlock.wasm;

/**
 * A global type (spec 2.3.10): a value type and whether the global is mutable.
 *
 * @param valueType the type of the global's value
 * @param mutable whether {@code global.set} may change it
 */
public record GlobalType(ValType valueType, boolean mutable) {
    @Override
    public String toString() {
        return (mutable ? "mut " : "const ") + valueType;
    }
}
