package dev.airlock.wasm.compile;

import dev.airlock.wasm.ValType;
import java.util.Arrays;

/**
 * The JVM local-variable slots of one generated method (JVMS 2.6.1): where each cached Wasm local
 * lives, the fixed slots (instance, depth budget, memory array, frame arrays), and scratch slots
 * handed out and taken back in stack order.
 */
final class JvmLocals {
    /** For each Wasm local, its JVM slot, or -1 if this method does not cache it. */
    final int[] slotOf;
    /** The Wasm locals' types, parameters first. */
    final ValType[] types;
    /** Slot of the {@code Instance}. */
    final int instanceSlot;
    /** Slot of the remaining call-depth budget. */
    final int depthSlot;
    /** Slot of the frame's {@code long[]} (split functions), or -1. */
    final int frameSlot;
    /** Slot of the frame's {@code Object[]} (split functions with reference locals or transfers), or -1. */
    final int refFrameSlot;
    /** Slot of the cached linear-memory {@code byte[]}, or -1 if the module has no memory. */
    int memorySlot = -1;
    /** First slot not yet handed out. */
    private int next;
    /** Highest slot count ever in use, for {@code max_locals}. */
    private int max;

    private JvmLocals(ValType[] types, int instanceSlot, int depthSlot, int frameSlot, int refFrameSlot) {
        this.types = types;
        this.slotOf = new int[types.length];
        Arrays.fill(slotOf, -1);
        this.instanceSlot = instanceSlot;
        this.depthSlot = depthSlot;
        this.frameSlot = frameSlot;
        this.refFrameSlot = refFrameSlot;
    }

    /**
     * Slots of a function's top-level method: the Wasm parameters first (JVM parameters, in
     * order), then the instance and the depth budget (also JVM parameters), then the cached
     * declared locals, then the frame arrays if {@code split}.
     *
     * @param cached which Wasm locals the method keeps in JVM slots (parameters always are)
     */
    static JvmLocals forFunction(ValType[] types, int paramCount, boolean[] cached, boolean split) {
        int slot = 0;
        int[] paramSlots = new int[paramCount];
        for (int i = 0; i < paramCount; i++) {
            paramSlots[i] = slot;
            slot += JvmTypes.size(types[i]);
        }
        int instance = slot++;
        int depth = slot++;
        int frame = split ? slot++ : -1;
        int refFrame = split ? slot++ : -1;
        JvmLocals locals = new JvmLocals(types, instance, depth, frame, refFrame);
        System.arraycopy(paramSlots, 0, locals.slotOf, 0, paramCount);
        locals.next = slot;
        for (int i = paramCount; i < types.length; i++) {
            if (cached[i]) {
                locals.slotOf[i] = locals.next;
                locals.next += JvmTypes.size(types[i]);
            }
        }
        locals.max = locals.next;
        return locals;
    }

    /**
     * Slots of a region method {@code (long[] frame, Object[] refs, Instance, int depth)}: the
     * four parameters, then the cached locals.
     */
    static JvmLocals forRegion(ValType[] types, boolean[] cached) {
        JvmLocals locals = new JvmLocals(types, 2, 3, 0, 1);
        locals.next = 4;
        for (int i = 0; i < types.length; i++) {
            if (cached[i]) {
                locals.slotOf[i] = locals.next;
                locals.next += JvmTypes.size(types[i]);
            }
        }
        locals.max = locals.next;
        return locals;
    }

    /** Reserves the memory slot. */
    void reserveMemorySlot() {
        memorySlot = allocate(ValType.EXTERNREF);
    }

    /** A scratch slot for a value of type {@code t}; release with {@link #release}. */
    int allocate(ValType t) {
        int slot = next;
        next += JvmTypes.size(t);
        max = Math.max(max, next);
        return slot;
    }

    /** The current allocation mark, to pass to {@link #release} later. */
    int mark() {
        return next;
    }

    /** Takes back every scratch slot allocated since {@code mark}. */
    void release(int mark) {
        next = mark;
    }

    /** Slots ever in use. */
    int maxLocals() {
        return max;
    }
}
