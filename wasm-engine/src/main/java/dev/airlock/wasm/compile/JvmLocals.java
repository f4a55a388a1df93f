package dev.airlock.wasm.compile;

import dev.airlock.wasm.ValType;
import java.util.Arrays;
import org.objectweb.asm.Opcodes;

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
    /** Slots below this one are parameters of the method, initialised from its first instruction. */
    private int parameterEnd;
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
        locals.parameterEnd = depth + 1;
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
        locals.parameterEnd = 4;
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

    /**
     * The locals of a stack map frame (in ASM's F_NEW form: one element per value, TOP for an
     * unused slot): the method's parameters, and unless {@code parametersOnly}, every slot this
     * class assigned (frame arrays, cached Wasm locals, memory), which the method initialises
     * before its first jump target after the prologue. A scratch slot is live at a jump target in
     * one place only; {@code liveIntSlot} (or -1) names it.
     */
    Object[] frameLocals(boolean parametersOnly, int liveIntSlot) {
        int end = parametersOnly ? parameterEnd : Math.max(memorySlot + 1, fixedEnd());
        if (liveIntSlot >= 0) {
            end = Math.max(end, liveIntSlot + 1);
        }
        Object[] bySlot = new Object[end];
        for (int i = 0; i < types.length; i++) {
            if (slotOf[i] >= 0 && slotOf[i] < end) {
                bySlot[slotOf[i]] = frameType(types[i]);
            }
        }
        bySlot[instanceSlot] = JvmTypes.INSTANCE;
        bySlot[depthSlot] = Opcodes.INTEGER;
        if (frameSlot >= 0 && frameSlot < end) {
            bySlot[frameSlot] = "[J";
            bySlot[refFrameSlot] = "[Ljava/lang/Object;";
        }
        if (!parametersOnly && memorySlot >= 0) {
            bySlot[memorySlot] = "[B";
        }
        if (liveIntSlot >= 0) {
            bySlot[liveIntSlot] = Opcodes.INTEGER;
        }
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (int slot = 0; slot < end; ) {
            Object t = bySlot[slot];
            if (t == null) {
                out.add(Opcodes.TOP);
                slot++;
            } else {
                out.add(t);
                slot += (t == Opcodes.LONG || t == Opcodes.DOUBLE) ? 2 : 1;
            }
        }
        return out.toArray();
    }

    /** One past the highest slot of the method's parameters, frame arrays and cached locals. */
    private int fixedEnd() {
        int end = parameterEnd;
        for (int i = 0; i < types.length; i++) {
            if (slotOf[i] >= 0) {
                end = Math.max(end, slotOf[i] + JvmTypes.size(types[i]));
            }
        }
        return Math.max(end, Math.max(frameSlot, refFrameSlot) + 1);
    }

    /** The stack map frame type of a value of {@code t} (JVMS 4.10.1.2). */
    static Object frameType(ValType t) {
        switch (t) {
            case I32: return Opcodes.INTEGER;
            case I64: return Opcodes.LONG;
            case F32: return Opcodes.FLOAT;
            case F64: return Opcodes.DOUBLE;
            case FUNCREF: return JvmTypes.FUNCTION_INSTANCE;
            default: return "java/lang/Object";
        }
    }
}
