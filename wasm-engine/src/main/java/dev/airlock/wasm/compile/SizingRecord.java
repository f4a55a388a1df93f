package dev.airlock.wasm.compile;

import java.util.Arrays;

/**
 * What the sizing pass learns about each instruction of a function: the bytecode offset where
 * its translation starts, and the translator's state before it. Unreachable instructions (never
 * translated) keep {@link #reachable} false and the offset of the code that follows them.
 */
final class SizingRecord {
    /** Bytecode offset before each instruction; {@code offset[n]} is the end of the last. */
    final int[] offset;
    /** Operand stack before each reachable instruction. */
    final StackEntry[] stack;
    /** Control stack before each reachable instruction. */
    final FrameList[] frames;
    /** Whether each instruction is translated at all. */
    final boolean[] reachable;
    /** Lowest stack height each reachable instruction reaches (pops, and values a branch carries). */
    final int[] lowWater;

    SizingRecord(int instructions) {
        offset = new int[instructions + 1];
        stack = new StackEntry[instructions];
        frames = new FrameList[instructions];
        reachable = new boolean[instructions];
        lowWater = new int[instructions];
    }

    void before(int i, StackEntry s, FrameList f, boolean isReachable, int at) {
        offset[i] = at;
        stack[i] = s;
        frames[i] = f;
        reachable[i] = isReachable;
    }

    void skipped(int from, int to, int at) {
        Arrays.fill(offset, from, Math.min(to, offset.length), at);
    }

    void end(int at) {
        offset[offset.length - 1] = at;
    }

    /** Bytecode size of instructions {@code [from, to)}. */
    int size(int from, int to) {
        return offset[to] - offset[from];
    }
}
