package dev.airlock.wasm.compile;

import dev.airlock.wasm.ValType;

/**
 * One value of the Wasm operand stack during translation, as an immutable linked list: the top
 * entry points to the one below it. Being immutable, a stack state can be remembered (at a
 * block's entry, or for every instruction during the sizing pass) by keeping a reference.
 * The empty stack is {@code null}.
 */
final class StackEntry {
    /** The value's type. */
    final ValType type;
    /** The entry below, or null. */
    final StackEntry below;
    /** Number of entries from the bottom up to and including this one. */
    final int height;

    StackEntry(ValType type, StackEntry below) {
        this.type = type;
        this.below = below;
        this.height = below == null ? 1 : below.height + 1;
    }

    /** Height of a stack whose top is {@code top} (0 for the empty stack). */
    static int height(StackEntry top) {
        return top == null ? 0 : top.height;
    }

    /** The entry {@code n} below {@code top} (0: top itself). */
    static StackEntry down(StackEntry top, int n) {
        StackEntry e = top;
        for (int i = 0; i < n; i++) {
            e = e.below;
        }
        return e;
    }

    /** The types of the top {@code n} entries, bottom first. */
    static ValType[] topTypes(StackEntry top, int n) {
        ValType[] types = new ValType[n];
        StackEntry e = top;
        for (int i = n - 1; i >= 0; i--) {
            types[i] = e.type;
            e = e.below;
        }
        return types;
    }
}
