package dev.airlock.wasm.compile;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.compile.ControlFrame.Kind;
import dev.airlock.wasm.runtime.CodeLoader;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.Opcode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Translates Wasm instructions (spec 4.4 "Instructions") into the bytecode of one JVM method: a
 * function's top-level method, or a {@link Region} of a split function.
 *
 * <p>The Wasm operand stack maps onto the JVM operand stack one value per value; a model of it
 * ({@link StackEntry}) gives each value's type. Wasm locals that the method uses are JVM locals
 * ({@link JvmLocals}). Structured control becomes jumps to labels; a branch that leaves extra
 * values under the ones it carries first stores the carried ones, pops the rest, and reloads
 * them, because the JVM demands the same stack shape at every jump to a label (JVMS 4.10.1).
 * Unreachable code after {@code br}, {@code br_table}, {@code return} and {@code unreachable} is
 * not emitted: translation resumes at the {@code else} or {@code end} that closes it.
 *
 * <p>In the sizing pass ({@link SizingRecord} given), the whole function is translated into a
 * throw-away method while the state before each instruction is recorded; {@link RegionPlanner}
 * uses it to decide what to split off.
 */
final class MethodEmitter {
    private static final String OBJECT_ARRAY = "[Ljava/lang/Object;";
    private static final String METHOD_HANDLE = "java/lang/invoke/MethodHandle";
    private static final Handle LINK_FUNCTION = new Handle(Opcodes.H_INVOKESTATIC,
            JvmTypes.RUNTIME + "CodeLoader", CodeLoader.BOOTSTRAP_NAME, CodeLoader.BOOTSTRAP_DESCRIPTOR, false);
    private static final Handle INTERRUPT_CHECK = new Handle(Opcodes.H_INVOKESTATIC, JvmTypes.RUNTIME + "CodeLoader",
            CodeLoader.INTERRUPT_CHECK_BOOTSTRAP, CodeLoader.INTERRUPT_CHECK_BOOTSTRAP_DESCRIPTOR, false);

    /** The function being translated. */
    private final FunctionContext fn;
    /** Where bytecode goes (through {@link #frameWriter}). */
    private final MethodVisitor mv;
    /** Writes the stack map frames at jump targets. */
    private final FrameWriter frameWriter;
    /** Whether the prologue has initialised every local the frames declare. */
    private boolean prologueDone;
    /** A scratch slot live at the jump targets being emitted (an int), or -1. */
    private int liveIntSlot = -1;
    /** JVM slots. */
    private final JvmLocals locals;
    /** The region this method is, or null for the function's top-level method. */
    private final Region region;
    /** Regions directly inside this method's range, by start index; they become calls. */
    private final Map<Integer, Region> children = new LinkedHashMap<>();
    /** Whether the function is split (locals have a home in the frame arrays). */
    private final boolean split;
    /** Transfer slots above the locals in the frame arrays (split functions). */
    private final int transferSlots;
    /** In a region method: the shared exit path that stores locals back and returns the code on the stack. */
    private Label epilogue;
    /** The recorder of the sizing pass, or null. */
    private final SizingRecord sizing;
    /** In the sizing pass, what counts the bytes (nothing is assembled), else null. */
    private final CodeSizeCounter sizeCounter;

    /** The operand stack's top entry (null: empty). */
    private StackEntry stack;
    /** The control stack, innermost first. */
    private FrameList frames;
    /** Whether the code being emitted can be reached. */
    private boolean reachable = true;
    /** Lowest stack height seen during the current instruction (sizing pass). */
    private int lowWater;

    private MethodEmitter(FunctionContext fn, MethodVisitor mv, JvmLocals locals, Region region, List<Region> children,
                          boolean split, int transferSlots, SizingRecord sizing) {
        this.fn = fn;
        this.frameWriter = new FrameWriter(mv);
        this.mv = frameWriter;
        this.locals = locals;
        this.region = region;
        this.split = split;
        this.transferSlots = transferSlots;
        this.sizing = sizing;
        // The sizing pass assembles nothing: its visitor is the byte counter.
        this.sizeCounter = sizing == null ? null : (CodeSizeCounter) mv;
        for (Region r : children) {
            this.children.put(r.start, r);
        }
    }

    /**
     * Emits the function's top-level method into {@code mv} (which has seen nothing yet).
     *
     * @param plan how the function is split, or null if it is not
     * @param cached which locals the method keeps in JVM slots
     * @param sizing the recorder of the sizing pass, or null
     */
    static void emitFunction(FunctionContext fn, MethodVisitor mv, RegionPlanner.Plan plan, boolean[] cached,
                             SizingRecord sizing) {
        boolean split = plan != null;
        JvmLocals locals = JvmLocals.forFunction(fn.localTypes, fn.type.paramCount(), cached, split);
        MethodEmitter e = new MethodEmitter(fn, mv, locals, null, split ? plan.regions : List.of(), split,
                split ? plan.transferSlots : 0, sizing);
        e.functionMethod();
    }

    /** Emits the method of region {@code r} of a function split by {@code plan}; its children first. */
    static void emitRegion(FunctionContext fn, MethodVisitor mv, RegionPlanner.Plan plan, Region r, boolean[] cached) {
        JvmLocals locals = JvmLocals.forRegion(fn.localTypes, cached);
        MethodEmitter e = new MethodEmitter(fn, mv, locals, r, r.children, true, plan.transferSlots, null);
        e.regionMethod();
    }

    // ---------------------------------------------------------------------------------------
    // Method skeletons

    private void functionMethod() {
        inMethod(() -> {
            entryChecks();
            if (split) {
                allocateFrame();
            }
            for (int i = fn.type.paramCount(); i < fn.localTypes.length; i++) {
                int slot = locals.slotOf[i];
                if (slot >= 0) {
                    zero(fn.localTypes[i]);
                    mv.visitVarInsn(JvmTypes.storeOpcode(fn.localTypes[i]), slot);
                }
            }
            cacheMemory();
            prologueDone = true;
            ControlFrame body = new ControlFrame(Kind.BODY, -1, new ValType[0], fn.type.results(), null, null, null);
            frames = new FrameList(body, null);
            translate(0, fn.code.length);
        });
    }

    private void regionMethod() {
        inMethod(this::regionBody);
    }

    private void regionBody() {
        // Outer labels: what a branch out of the region can reach, innermost first.
        List<ControlFrame> outer = new ArrayList<>();
        int exitCode = 1;
        for (FrameList l = region.enclosing; l != null; l = l.outer) {
            ControlFrame f = l.frame;
            ValType[] labelTypes = f.labelTypes();
            ControlFrame o = new ControlFrame(Kind.OUTER, -1, labelTypes, labelTypes, null, null, null);
            o.exitCode = exitCode++;
            outer.add(o);
        }
        for (int i = outer.size() - 1; i >= 0; i--) {
            frames = new FrameList(outer.get(i), frames);
        }
        // Inputs from the transfer slots, then the cached locals from their homes.
        for (int t = 0; t < region.inputs.length; t++) {
            loadTransfer(region.inputs[t], t);
            push(region.inputs[t]);
        }
        for (int i = 0; i < fn.localTypes.length; i++) {
            if (locals.slotOf[i] >= 0) {
                loadHome(i);
                mv.visitVarInsn(JvmTypes.storeOpcode(fn.localTypes[i]), locals.slotOf[i]);
            }
        }
        cacheMemory();
        prologueDone = true;
        epilogue = new Label();
        translate(region.start, region.end);
        if (reachable) {
            // Fell off the end of the region: outputs to the transfer slots, exit code 0.
            storeTransfers(StackEntry.topTypes(stack, StackEntry.height(stack)));
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitJumpInsn(Opcodes.GOTO, epilogue);
            region.fallsThrough = true;
        }
        if (region.fallsThrough || !region.exits.isEmpty()) {
            // Every way out: the exit code on the stack, nothing under it.
            label(epilogue, new StackEntry(ValType.I32, null));
            int code = locals.allocate(ValType.I32);
            mv.visitVarInsn(Opcodes.ISTORE, code);
            for (int i = 0; i < fn.localTypes.length; i++) {
                if (locals.slotOf[i] >= 0 && region.written.get(i)) {
                    storeHome(i);
                }
            }
            mv.visitVarInsn(Opcodes.ILOAD, code);
            mv.visitInsn(Opcodes.IRETURN);
        }
    }

    /**
     * Emits a whole method whose code {@code body} emits, inside the handler that turns the JVM's
     * array bounds failures of memory accesses into traps (see MemoryAccessEmitter).
     */
    private void inMethod(Runnable body) {
        mv.visitCode();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/IndexOutOfBoundsException");
        mv.visitLabel(tryStart);
        body.run();
        mv.visitLabel(tryEnd);
        mv.visitLabel(handler);
        frameWriter.frameHere(locals.frameLocals(true, -1), new Object[] {"java/lang/IndexOutOfBoundsException"});
        outOfBoundsHandler();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Reserves the memory slot and fills it, if the module has a memory. */
    private void cacheMemory() {
        if (fn.hasMemory) {
            locals.reserveMemorySlot();
            reloadMemory();
        }
    }

    /** Depth budget and interrupt flag, checked on entry to every function. */
    private void entryChecks() {
        Label depthOk = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, locals.depthSlot);
        mv.visitJumpInsn(Opcodes.IFGT, depthOk);
        throwTrap("callStackExhausted");
        label(depthOk);
        interruptCheck();
    }

    /** {@code InterruptSwitch}: free while no interruption is requested anywhere. */
    private void interruptCheck() {
        mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
        mv.visitInvokeDynamicInsn("interruptCheck", "(" + JvmTypes.INSTANCE_DESC + ")V", INTERRUPT_CHECK);
    }

    private void outOfBoundsHandler() {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, JvmTypes.TRAPS, "outOfBoundsMemory",
                "(Ljava/lang/IndexOutOfBoundsException;)" + JvmTypes.TRAP_DESC, false);
        mv.visitInsn(Opcodes.ATHROW);
    }

    private void throwTrap(String factory) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, JvmTypes.TRAPS, factory, "()" + JvmTypes.TRAP_DESC, false);
        mv.visitInsn(Opcodes.ATHROW);
    }

    // ---------------------------------------------------------------------------------------
    // The translation loop

    /** Translates instructions {@code [from, to)}. */
    private void translate(int from, int to) {
        int i = from;
        while (i < to) {
            if (!reachable) {
                int next = skipTarget(to);
                if (sizing != null) {
                    sizing.skipped(i, next, offset());
                }
                i = next;
                if (i >= to) {
                    break;
                }
            }
            Region child = children.get(i);
            if (child != null && reachable) {
                callRegion(child);
                i = child.end;
                continue;
            }
            if (sizing != null) {
                sizing.before(i, stack, frames, reachable, offset());
                lowWater = StackEntry.height(stack);
            }
            int current = i;
            i = instruction(i, to);
            if (sizing != null) {
                sizing.lowWater[current] = lowWater;
            }
        }
        if (sizing != null) {
            sizing.end(offset());
        }
    }

    /** Where translation resumes after unreachable code: the close of the innermost frame. */
    private int skipTarget(int to) {
        ControlFrame f = frames.frame;
        switch (f.kind) {
            case IF:
                if (!f.inElse && fn.structure.elseAt[f.start] >= 0) {
                    return fn.structure.elseAt[f.start];
                }
                return fn.structure.end[f.start];
            case BLOCK:
            case LOOP:
                return fn.structure.end[f.start];
            default:
                // BODY: the final end; OUTER: the end of the region's range.
                return f.kind == Kind.BODY ? fn.bodyEnd() : to;
        }
    }

    /** Translates the instruction at {@code i}; returns the index of the next one. */
    private int instruction(int i, int to) {
        Instruction insn = fn.code[i];
        Opcode op = insn.opcode;
        if (NumericEmitter.handles(op)) {
            if (sizing == null && i + 1 < to && !children.containsKey(i + 1) && NumericEmitter.fusedJump(op) >= 0) {
                Opcode next = fn.code[i + 1].opcode;
                if (next == Opcode.BR_IF || next == Opcode.IF || next == Opcode.SELECT || next == Opcode.SELECT_TYPED) {
                    fusedCompare(op, i + 1);
                    return i + 2;
                }
            }
            pop(op.params.length);
            NumericEmitter.emit(mv, op, (l, pushedInt) -> label(l, pushedInt ? new StackEntry(ValType.I32, stack) : stack));
            push(op.results[0]);
            return i + 1;
        }
        if (op.isLoad()) {
            pop(1);
            reachable = MemoryAccessEmitter.load(mv, insn, locals.memorySlot);
            push(op.results[0]);
            return i + 1;
        }
        if (op.isStore()) {
            pop(2);
            int mark = locals.mark();
            reachable = MemoryAccessEmitter.store(mv, insn, locals.memorySlot, locals.allocate(op.params[1]));
            locals.release(mark);
            return i + 1;
        }
        switch (op) {
            case UNREACHABLE:
                throwTrap("unreachable");
                reachable = false;
                break;
            case NOP:
                break;
            case BLOCK:
            case LOOP:
            case IF:
                openConstruct(i, insn, -1);
                break;
            case ELSE:
                elseArm();
                break;
            case END:
                endConstruct();
                break;
            case BR:
                branch(insn.index);
                reachable = false;
                break;
            case BR_IF:
                pop(1);
                conditionalBranch(insn.index, Opcodes.IFNE);
                break;
            case BR_TABLE:
                pop(1);
                branchTable(insn);
                reachable = false;
                break;
            case RETURN:
                branch(FrameList.size(frames) - 1);
                reachable = false;
                break;
            case CALL:
                call(insn.index);
                break;
            case CALL_INDIRECT:
                callIndirect(insn.index, insn.index2);
                break;
            case REF_NULL:
                mv.visitInsn(Opcodes.ACONST_NULL);
                push(insn.refType());
                break;
            case REF_IS_NULL:
                pop(1);
                isNull();
                push(ValType.I32);
                break;
            case REF_FUNC:
                mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
                Emit.intConst(mv, insn.index);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, JvmTypes.INSTANCE, "function",
                        "(I)L" + JvmTypes.FUNCTION_INSTANCE + ";", false);
                push(ValType.FUNCREF);
                break;
            case DROP:
                mv.visitInsn(JvmTypes.popOpcode(stack.type));
                pop(1);
                break;
            case SELECT:
            case SELECT_TYPED:
                pop(1);
                select(Opcodes.IFNE);
                break;
            case LOCAL_GET:
                localGet(insn.index);
                break;
            case LOCAL_SET:
                localSet(insn.index);
                break;
            case LOCAL_TEE:
                mv.visitInsn(stack.type.isWide() ? Opcodes.DUP2 : Opcodes.DUP);
                localSet(insn.index);
                push(fn.localTypes[insn.index]);
                break;
            case GLOBAL_GET:
                globalGet(insn.index);
                break;
            case GLOBAL_SET:
                globalSet(insn.index);
                break;
            case I32_CONST:
                Emit.intConst(mv, (int) insn.value);
                push(ValType.I32);
                break;
            case I64_CONST:
                Emit.longConst(mv, insn.value);
                push(ValType.I64);
                break;
            case F32_CONST:
                Emit.floatConst(mv, (int) insn.value);
                push(ValType.F32);
                break;
            case F64_CONST:
                Emit.doubleConst(mv, insn.value);
                push(ValType.F64);
                break;
            case MEMORY_SIZE:
                mv.visitVarInsn(Opcodes.ALOAD, locals.memorySlot);
                mv.visitInsn(Opcodes.ARRAYLENGTH);
                Emit.intConst(mv, 16);
                mv.visitInsn(Opcodes.IUSHR);
                push(ValType.I32);
                break;
            case MEMORY_GROW:
                pop(1);
                runtimeCall("MemoryOps", "grow", "(I" + JvmTypes.INSTANCE_DESC + ")I", true);
                reloadMemory();
                push(ValType.I32);
                break;
            case MEMORY_INIT:
                pop(3);
                runtimeCall("MemoryOps", "init", "(III" + JvmTypes.INSTANCE_DESC + "I)V", true, insn.index);
                break;
            case DATA_DROP:
                mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
                Emit.intConst(mv, insn.index);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, JvmTypes.RUNTIME + "MemoryOps", "dropData",
                        "(" + JvmTypes.INSTANCE_DESC + "I)V", false);
                break;
            case MEMORY_COPY:
                pop(3);
                runtimeCall("MemoryOps", "copy", "(III" + JvmTypes.INSTANCE_DESC + ")V", true);
                break;
            case MEMORY_FILL:
                pop(3);
                runtimeCall("MemoryOps", "fill", "(III" + JvmTypes.INSTANCE_DESC + ")V", true);
                break;
            case TABLE_GET: {
                pop(1);
                runtimeCall("TableOps", "get", "(I" + JvmTypes.INSTANCE_DESC + "I)Ljava/lang/Object;", true, insn.index);
                ValType t = fn.module.tableType(insn.index).elementType();
                castReference(t);
                push(t);
                break;
            }
            case TABLE_SET:
                pop(2);
                runtimeCall("TableOps", "set", "(ILjava/lang/Object;" + JvmTypes.INSTANCE_DESC + "I)V", true, insn.index);
                break;
            case TABLE_SIZE:
                runtimeCall("TableOps", "size", "(" + JvmTypes.INSTANCE_DESC + "I)I", true, insn.index);
                push(ValType.I32);
                break;
            case TABLE_GROW:
                pop(2);
                runtimeCall("TableOps", "grow", "(Ljava/lang/Object;I" + JvmTypes.INSTANCE_DESC + "I)I", true, insn.index);
                push(ValType.I32);
                break;
            case TABLE_FILL:
                pop(3);
                runtimeCall("TableOps", "fill", "(ILjava/lang/Object;I" + JvmTypes.INSTANCE_DESC + "I)V", true, insn.index);
                break;
            case TABLE_COPY:
                pop(3);
                runtimeCall("TableOps", "copy", "(III" + JvmTypes.INSTANCE_DESC + "II)V", true, insn.index, insn.index2);
                break;
            case TABLE_INIT:
                pop(3);
                runtimeCall("TableOps", "init", "(III" + JvmTypes.INSTANCE_DESC + "II)V", true, insn.index2, insn.index);
                break;
            case ELEM_DROP:
                mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
                Emit.intConst(mv, insn.index);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, JvmTypes.RUNTIME + "TableOps", "dropElements",
                        "(" + JvmTypes.INSTANCE_DESC + "I)V", false);
                break;
            default:
                throw new IllegalStateException("no translation for " + op);
        }
        return i + 1;
    }

    /** Calls a runtime helper whose operands are on the stack, followed by the instance and int immediates. */
    private void runtimeCall(String owner, String name, String desc, boolean withInstance, int... immediates) {
        if (withInstance) {
            mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
        }
        for (int imm : immediates) {
            Emit.intConst(mv, imm);
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, JvmTypes.RUNTIME + owner, name, desc, false);
    }

    // ---------------------------------------------------------------------------------------
    // Structured control (spec 4.4.8)

    /**
     * Opens a block, loop or if. For an {@code if}, {@code falseJump} is the jump that must go to
     * the else arm with the condition already consumed (fused comparisons), or -1 to test the
     * i32 condition on the stack.
     */
    private void openConstruct(int i, Instruction insn, int falseJump) {
        FuncType bt = insn.blockType().resolve(fn.module.types);
        ValType[] params = bt.params();
        ValType[] results = bt.results();
        switch (insn.opcode) {
            case BLOCK: {
                StackEntry base = StackEntry.down(stack, params.length);
                frames = new FrameList(new ControlFrame(Kind.BLOCK, i, params, results, base, new Label(), null), frames);
                break;
            }
            case LOOP: {
                StackEntry base = StackEntry.down(stack, params.length);
                Label start = new Label();
                label(start);
                interruptCheck();
                frames = new FrameList(new ControlFrame(Kind.LOOP, i, params, results, base, start, null), frames);
                break;
            }
            case IF: {
                Label elseLabel = new Label();
                if (falseJump < 0) {
                    pop(1);
                    mv.visitJumpInsn(Opcodes.IFEQ, elseLabel);
                } else {
                    mv.visitJumpInsn(falseJump, elseLabel);
                }
                StackEntry base = StackEntry.down(stack, params.length);
                frames = new FrameList(new ControlFrame(Kind.IF, i, params, results, base, new Label(), elseLabel), frames);
                break;
            }
            default:
                throw new AssertionError(insn.opcode);
        }
    }

    private void elseArm() {
        ControlFrame f = frames.frame;
        if (reachable) {
            mv.visitJumpInsn(Opcodes.GOTO, f.branchLabel);
            f.targeted = true;
        }
        f.inElse = true;
        stack = pushAll(f.base, f.params);
        label(f.elseLabel);
        reachable = true;
    }

    private void endConstruct() {
        ControlFrame f = frames.frame;
        switch (f.kind) {
            case BODY:
                if (reachable) {
                    returnFromFunction();
                }
                reachable = false;
                return;
            case LOOP:
                frames = frames.outer;
                if (reachable) {
                    stack = pushAll(f.base, f.results);
                }
                return;
            case BLOCK:
            case IF: {
                frames = frames.outer;
                boolean elseFallsIn = f.kind == Kind.IF && !f.inElse;
                if (reachable || f.targeted || elseFallsIn) {
                    stack = pushAll(f.base, f.results);
                    if (elseFallsIn) {
                        label(f.elseLabel);
                    }
                    label(f.branchLabel);
                    reachable = true;
                } else {
                    reachable = false;
                }
                return;
            }
            default:
                throw new IllegalStateException("end of " + f.kind);
        }
    }

    /** Emits an unconditional branch to the label {@code depth} levels out. Leaves the model unchanged. */
    private void branch(int depth) {
        ControlFrame target = FrameList.at(frames, depth);
        switch (target.kind) {
            case BODY:
                returnFromFunction();
                break;
            case OUTER:
                exitRegion(target);
                break;
            default: {
                ValType[] carried = target.labelTypes();
                dropBetween(target.base, carried.length);
                mv.visitJumpInsn(Opcodes.GOTO, target.branchLabel);
                target.targeted |= target.kind != Kind.LOOP;
                break;
            }
        }
        touch(StackEntry.height(stack) - target.labelTypes().length);
    }

    /** Whether a branch to {@code target} is a plain jump: a local label and nothing to drop. */
    private boolean isPlainJump(ControlFrame target) {
        if (target.kind == Kind.BODY || target.kind == Kind.OUTER) {
            return false;
        }
        return StackEntry.height(stack) - StackEntry.height(target.base) == target.labelTypes().length;
    }

    /** Emits a branch taken when {@code jump} (whose operands are on the stack) succeeds. */
    private void conditionalBranch(int depth, int jump) {
        ControlFrame target = FrameList.at(frames, depth);
        if (isPlainJump(target)) {
            mv.visitJumpInsn(jump, target.branchLabel);
            target.targeted |= target.kind != Kind.LOOP;
            touch(StackEntry.height(stack) - target.labelTypes().length);
        } else {
            Label skip = new Label();
            mv.visitJumpInsn(NumericEmitter.invert(jump), skip);
            branch(depth);
            label(skip);
        }
    }

    /** {@code cmp; br_if}, {@code cmp; if} or {@code cmp; select} as one conditional jump. */
    private void fusedCompare(Opcode compare, int next) {
        pop(compare.params.length);
        NumericEmitter.prepareFusedCompare(mv, compare);
        int jump = NumericEmitter.fusedJump(compare);
        Instruction consumer = fn.code[next];
        switch (consumer.opcode) {
            case BR_IF:
                conditionalBranch(consumer.index, jump);
                break;
            case IF:
                openConstruct(next, consumer, NumericEmitter.invert(jump));
                break;
            default:
                select(jump);
                break;
        }
    }

    /** Above this many entries a br_table is looked up in string constants (keeps tableswitch small). */
    private static final int MAX_TABLESWITCH = 512;
    /** Entries per string constant: 3 UTF-8 bytes per char at most fit the 65535-byte limit. */
    private static final int CHARS_PER_STRING = 20_000;

    private void branchTable(Instruction insn) {
        int[] depths = insn.labelTable();
        int defaultDepth = insn.index;
        if (depths.length == 0) {
            mv.visitInsn(Opcodes.POP);
            branch(defaultDepth);
            return;
        }
        // One jump target per distinct depth: the label itself when the branch is a plain jump,
        // otherwise a stub that adjusts the stack first.
        Map<Integer, Label> targets = new LinkedHashMap<>();
        Map<Integer, Label> stubs = new LinkedHashMap<>();
        List<Integer> distinct = new ArrayList<>();
        for (int d : allDepths(depths, defaultDepth)) {
            if (targets.containsKey(d)) {
                continue;
            }
            distinct.add(d);
            ControlFrame target = FrameList.at(frames, d);
            if (isPlainJump(target)) {
                targets.put(d, target.branchLabel);
                target.targeted |= target.kind != Kind.LOOP;
            } else {
                Label stub = new Label();
                targets.put(d, stub);
                stubs.put(d, stub);
            }
        }
        if (depths.length <= MAX_TABLESWITCH) {
            Label[] labels = new Label[depths.length];
            for (int k = 0; k < depths.length; k++) {
                labels[k] = targets.get(depths[k]);
            }
            mv.visitTableSwitchInsn(0, depths.length - 1, targets.get(defaultDepth), labels);
        } else {
            largeBranchTable(depths, defaultDepth, distinct, targets);
        }
        for (Map.Entry<Integer, Label> stub : stubs.entrySet()) {
            label(stub.getValue());
            branch(stub.getKey());
        }
        touch(StackEntry.height(stack) - FrameList.at(frames, defaultDepth).labelTypes().length);
    }

    private static int[] allDepths(int[] depths, int defaultDepth) {
        int[] all = java.util.Arrays.copyOf(depths, depths.length + 1);
        all[depths.length] = defaultDepth;
        return all;
    }

    /**
     * A br_table too large for one tableswitch: the entry index selects a character of a string
     * constant, which numbers the distinct targets; a small tableswitch dispatches on that.
     */
    private void largeBranchTable(int[] depths, int defaultDepth, List<Integer> distinct, Map<Integer, Label> targets) {
        int mark = locals.mark();
        int index = locals.allocate(ValType.I32);
        mv.visitVarInsn(Opcodes.ISTORE, index);
        liveIntSlot = index;
        Label defaultLabel = targets.get(defaultDepth);
        Label dispatch = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, index);
        mv.visitJumpInsn(Opcodes.IFLT, defaultLabel);
        for (int chunk = 0; chunk * CHARS_PER_STRING < depths.length; chunk++) {
            int from = chunk * CHARS_PER_STRING;
            int to = Math.min(depths.length, from + CHARS_PER_STRING);
            Label nextChunk = new Label();
            mv.visitVarInsn(Opcodes.ILOAD, index);
            Emit.intConst(mv, to);
            mv.visitJumpInsn(Opcodes.IF_ICMPGE, to == depths.length ? defaultLabel : nextChunk);
            StringBuilder sb = new StringBuilder(to - from);
            for (int k = from; k < to; k++) {
                sb.append((char) distinct.indexOf(depths[k]));
            }
            mv.visitLdcInsn(sb.toString());
            mv.visitVarInsn(Opcodes.ILOAD, index);
            Emit.intConst(mv, from);
            mv.visitInsn(Opcodes.ISUB);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false);
            mv.visitJumpInsn(Opcodes.GOTO, dispatch);
            label(nextChunk);
        }
        label(dispatch, new StackEntry(ValType.I32, stack));
        liveIntSlot = -1;
        Label[] labels = new Label[distinct.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = targets.get(distinct.get(k));
        }
        mv.visitTableSwitchInsn(0, labels.length - 1, defaultLabel, labels);
        locals.release(mark);
    }

    /**
     * Emits code that removes the values between {@code base} and the top {@code keep} values of
     * the stack, keeping those. The model is not changed.
     */
    private void dropBetween(StackEntry base, int keep) {
        int extras = StackEntry.height(stack) - StackEntry.height(base) - keep;
        if (extras <= 0) {
            return;
        }
        int mark = locals.mark();
        ValType[] kept = StackEntry.topTypes(stack, keep);
        int[] slots = new int[keep];
        for (int k = keep - 1; k >= 0; k--) {
            slots[k] = locals.allocate(kept[k]);
            mv.visitVarInsn(JvmTypes.storeOpcode(kept[k]), slots[k]);
        }
        StackEntry e = StackEntry.down(stack, keep);
        for (int k = 0; k < extras; k++) {
            mv.visitInsn(JvmTypes.popOpcode(e.type));
            e = e.below;
        }
        for (int k = 0; k < keep; k++) {
            mv.visitVarInsn(JvmTypes.loadOpcode(kept[k]), slots[k]);
        }
        locals.release(mark);
    }

    /**
     * Returns the function's results, which are on top of the stack. Several results go to the
     * instance's result area (see {@link JvmTypes#functionDescriptor}). Model unchanged.
     */
    private void returnFromFunction() {
        ValType[] results = fn.type.results();
        switch (results.length) {
            case 0:
                mv.visitInsn(Opcodes.RETURN);
                break;
            case 1:
                mv.visitInsn(JvmTypes.returnOpcode(results[0]));
                break;
            default: {
                int mark = locals.mark();
                for (int k = results.length - 1; k >= 0; k--) {
                    ValType t = results[k];
                    int tmp = locals.allocate(t);
                    mv.visitVarInsn(JvmTypes.storeOpcode(t), tmp);
                    resultArea(t);
                    Emit.intConst(mv, k);
                    mv.visitVarInsn(JvmTypes.loadOpcode(t), tmp);
                    if (t.isReference()) {
                        mv.visitInsn(Opcodes.AASTORE);
                    } else {
                        toBits(t);
                        mv.visitInsn(Opcodes.LASTORE);
                    }
                }
                locals.release(mark);
                mv.visitInsn(Opcodes.RETURN);
                break;
            }
        }
    }

    /** Pushes the instance's result area for values of type {@code t}. */
    private void resultArea(ValType t) {
        mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
        if (t.isReference()) {
            mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.INSTANCE, "resultRefs", "[Ljava/lang/Object;");
        } else {
            mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.INSTANCE, "results", "[J");
        }
    }

    /**
     * Emits the adapter {@code f<i>$boxed} of a function with several results: it calls the
     * function and returns its results boxed in an Object[], as the handles of
     * {@code FunctionInstance} return them.
     */
    static void emitBoxingAdapter(FunctionContext fn, MethodVisitor mv) {
        JvmLocals locals = JvmLocals.forFunction(fn.localTypes, fn.type.paramCount(), new boolean[fn.localTypes.length], false);
        MethodEmitter e = new MethodEmitter(fn, mv, locals, null, List.of(), false, 0, null);
        mv.visitCode();
        for (int i = 0; i < fn.type.paramCount(); i++) {
            mv.visitVarInsn(JvmTypes.loadOpcode(fn.type.param(i)), locals.slotOf[i]);
        }
        mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
        mv.visitVarInsn(Opcodes.ILOAD, locals.depthSlot);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, fn.className, CallTargets.methodName(fn.functionIndex),
                JvmTypes.functionDescriptor(fn.type), false);
        ValType[] results = fn.type.results();
        Emit.intConst(mv, results.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        for (int k = 0; k < results.length; k++) {
            mv.visitInsn(Opcodes.DUP);
            Emit.intConst(mv, k);
            e.loadResult(results[k], k);
            e.box(results[k]);
            mv.visitInsn(Opcodes.AASTORE);
        }
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Pushes result {@code k} of type {@code t} from the instance's result area. */
    private void loadResult(ValType t, int k) {
        resultArea(t);
        Emit.intConst(mv, k);
        if (t.isReference()) {
            mv.visitInsn(Opcodes.AALOAD);
            castReference(t);
        } else {
            mv.visitInsn(Opcodes.LALOAD);
            fromBits(t);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Calls (spec 4.4.8 call, call_indirect)

    private void call(int functionIndex) {
        FuncType type = fn.module.functionType(functionIndex);
        if (functionIndex < fn.targets.importedCount) {
            int mark = locals.mark();
            int[] args = spillArguments(type);
            int callee = locals.allocate(ValType.FUNCREF);
            mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
            mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.INSTANCE, "functions", "[L" + JvmTypes.FUNCTION_INSTANCE + ";");
            Emit.intConst(mv, functionIndex);
            mv.visitInsn(Opcodes.AALOAD);
            mv.visitVarInsn(Opcodes.ASTORE, callee);
            invokeFunctionInstance(type, callee, args);
            locals.release(mark);
            afterHandleCall(type);
        } else {
            pop(type.paramCount());
            mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
            calleeDepth();
            String name = CallTargets.methodName(functionIndex);
            String desc = JvmTypes.functionDescriptor(type);
            int classIndex = fn.targets.classIndex(functionIndex);
            if (classIndex == fn.classIndex) {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, fn.className, name, desc, false);
            } else {
                mv.visitInvokeDynamicInsn(name, desc, LINK_FUNCTION, classIndex);
            }
            afterDirectCall(type);
        }
    }

    private void callIndirect(int typeIndex, int tableIndex) {
        FuncType type = fn.module.types.get(typeIndex);
        int mark = locals.mark();
        int index = locals.allocate(ValType.I32);
        pop(1);
        mv.visitVarInsn(Opcodes.ISTORE, index);
        int[] args = spillArguments(type);
        int callee = locals.allocate(ValType.FUNCREF);
        mv.visitVarInsn(Opcodes.ILOAD, index);
        mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
        Emit.intConst(mv, tableIndex);
        mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
        mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.INSTANCE, "types", "[Ldev/airlock/wasm/FuncType;");
        Emit.intConst(mv, typeIndex);
        mv.visitInsn(Opcodes.AALOAD);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, JvmTypes.RUNTIME + "TableOps", "lookup",
                "(I" + JvmTypes.INSTANCE_DESC + "ILdev/airlock/wasm/FuncType;)L" + JvmTypes.FUNCTION_INSTANCE + ";", false);
        mv.visitVarInsn(Opcodes.ASTORE, callee);
        invokeFunctionInstance(type, callee, args);
        locals.release(mark);
        afterHandleCall(type);
    }

    /** Pops the call's arguments into fresh scratch slots (model and JVM); returns the slots. */
    private int[] spillArguments(FuncType type) {
        int n = type.paramCount();
        int[] slots = new int[n];
        for (int k = n - 1; k >= 0; k--) {
            slots[k] = locals.allocate(type.param(k));
            mv.visitVarInsn(JvmTypes.storeOpcode(type.param(k)), slots[k]);
            pop(1);
        }
        return slots;
    }

    /** {@code callee.handle.invokeExact(args..., callee.instance, depth - 1)}. */
    private void invokeFunctionInstance(FuncType type, int callee, int[] args) {
        mv.visitVarInsn(Opcodes.ALOAD, callee);
        mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.FUNCTION_INSTANCE, "handle", "L" + METHOD_HANDLE + ";");
        for (int k = 0; k < args.length; k++) {
            mv.visitVarInsn(JvmTypes.loadOpcode(type.param(k)), args[k]);
        }
        mv.visitVarInsn(Opcodes.ALOAD, callee);
        mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.FUNCTION_INSTANCE, "instance", JvmTypes.INSTANCE_DESC);
        calleeDepth();
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, METHOD_HANDLE, "invokeExact", JvmTypes.handleDescriptor(type), false);
    }

    private void calleeDepth() {
        mv.visitVarInsn(Opcodes.ILOAD, locals.depthSlot);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.ISUB);
    }

    /** After a direct call: pushes the results (several from the result area), reloads the memory. */
    private void afterDirectCall(FuncType type) {
        if (type.resultCount() == 1) {
            push(type.result(0));
        } else {
            for (int k = 0; k < type.resultCount(); k++) {
                loadResult(type.result(k), k);
                push(type.result(k));
            }
        }
        reloadMemory();
    }

    /** After a call through a handle: pushes the results (several unboxed from their Object[]), reloads the memory. */
    private void afterHandleCall(FuncType type) {
        if (type.resultCount() == 1) {
            push(type.result(0));
        } else if (type.resultCount() > 1) {
            int mark = locals.mark();
            int array = locals.allocate(ValType.EXTERNREF);
            mv.visitVarInsn(Opcodes.ASTORE, array);
            for (int k = 0; k < type.resultCount(); k++) {
                mv.visitVarInsn(Opcodes.ALOAD, array);
                Emit.intConst(mv, k);
                mv.visitInsn(Opcodes.AALOAD);
                unbox(type.result(k));
                push(type.result(k));
            }
            locals.release(mark);
        }
        reloadMemory();
    }

    /** Re-reads the memory array into its slot (after anything that may have grown the memory). */
    private void reloadMemory() {
        if (locals.memorySlot < 0) {
            return;
        }
        mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
        mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.INSTANCE, "memory", "L" + JvmTypes.MEMORY + ";");
        mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.MEMORY, "bytes", "[B");
        mv.visitVarInsn(Opcodes.ASTORE, locals.memorySlot);
    }

    // ---------------------------------------------------------------------------------------
    // Variables, parametric and reference instructions (spec 4.4.2–4.4.5)

    private void localGet(int index) {
        ValType t = fn.localTypes[index];
        mv.visitVarInsn(JvmTypes.loadOpcode(t), slot(index));
        push(t);
    }

    private void localSet(int index) {
        ValType t = fn.localTypes[index];
        mv.visitVarInsn(JvmTypes.storeOpcode(t), slot(index));
        pop(1);
    }

    private int slot(int index) {
        int slot = locals.slotOf[index];
        if (slot < 0) {
            throw new IllegalStateException("local " + index + " is not cached in this method");
        }
        return slot;
    }

    private void globalGet(int index) {
        ValType t = fn.module.globalType(index).valueType();
        loadGlobalObject(index);
        if (t.isReference()) {
            mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.GLOBAL, "ref", "Ljava/lang/Object;");
            castReference(t);
        } else {
            mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.GLOBAL, "bits", "J");
            fromBits(t);
        }
        push(t);
    }

    private void globalSet(int index) {
        ValType t = fn.module.globalType(index).valueType();
        int mark = locals.mark();
        int value = locals.allocate(t);
        mv.visitVarInsn(JvmTypes.storeOpcode(t), value);
        pop(1);
        loadGlobalObject(index);
        mv.visitVarInsn(JvmTypes.loadOpcode(t), value);
        if (t.isReference()) {
            mv.visitFieldInsn(Opcodes.PUTFIELD, JvmTypes.GLOBAL, "ref", "Ljava/lang/Object;");
        } else {
            toBits(t);
            mv.visitFieldInsn(Opcodes.PUTFIELD, JvmTypes.GLOBAL, "bits", "J");
        }
        locals.release(mark);
    }

    private void loadGlobalObject(int index) {
        mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
        mv.visitFieldInsn(Opcodes.GETFIELD, JvmTypes.INSTANCE, "globals", "[L" + JvmTypes.GLOBAL + ";");
        Emit.intConst(mv, index);
        mv.visitInsn(Opcodes.AALOAD);
    }

    /** select: {@code a b c -> c != 0 ? a : b}. */
    /**
     * select: {@code a b c -> c != 0 ? a : b}, where the condition has been consumed from the model
     * and {@code jump} (whose operands are on the JVM stack above {@code a b}) is taken to pick {@code a}.
     */
    private void select(int jump) {
        ValType t = stack.type;
        Label pickFirst = new Label();
        mv.visitJumpInsn(jump, pickFirst);
        if (t.isWide()) {
            mv.visitInsn(Opcodes.DUP2_X2);   // b a b
            mv.visitInsn(Opcodes.POP2);      // b a
            label(pickFirst);
            mv.visitInsn(Opcodes.POP2);
        } else {
            mv.visitInsn(Opcodes.SWAP);
            label(pickFirst);
            mv.visitInsn(Opcodes.POP);
        }
        pop(2);
        push(t);
    }

    private void isNull() {
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(Opcodes.IFNULL, yes);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitJumpInsn(Opcodes.GOTO, done);
        label(yes);
        mv.visitInsn(Opcodes.ICONST_1);
        label(done, new StackEntry(ValType.I32, stack));
    }

    private void castReference(ValType t) {
        if (t == ValType.FUNCREF) {
            mv.visitTypeInsn(Opcodes.CHECKCAST, JvmTypes.FUNCTION_INSTANCE);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Representations: raw bits (globals, frame arrays) and boxes (multi-value)

    /** long bits on the stack -> value of numeric type {@code t}. */
    private void fromBits(ValType t) {
        switch (t) {
            case I32: mv.visitInsn(Opcodes.L2I); break;
            case I64: break;
            case F32:
                mv.visitInsn(Opcodes.L2I);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                break;
            case F64:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                break;
            default: throw new IllegalArgumentException(t.toString());
        }
    }

    /** value of numeric type {@code t} on the stack -> long bits. */
    private void toBits(ValType t) {
        switch (t) {
            case I32: mv.visitInsn(Opcodes.I2L); break;
            case I64: break;
            case F32:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitInsn(Opcodes.I2L);
                break;
            case F64:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                break;
            default: throw new IllegalArgumentException(t.toString());
        }
    }

    private void box(ValType t) {
        switch (t) {
            case I32: mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false); break;
            case I64: mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false); break;
            case F32: mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "valueOf", "(F)Ljava/lang/Float;", false); break;
            case F64: mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false); break;
            default: break;
        }
    }

    private void unbox(ValType t) {
        switch (t) {
            case I32:
                mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Integer");
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Integer", "intValue", "()I", false);
                break;
            case I64:
                mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Long");
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Long", "longValue", "()J", false);
                break;
            case F32:
                mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Float");
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Float", "floatValue", "()F", false);
                break;
            case F64:
                mv.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Double");
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Double", "doubleValue", "()D", false);
                break;
            default:
                castReference(t);
                break;
        }
    }

    private void zero(ValType t) {
        switch (t) {
            case I32: mv.visitInsn(Opcodes.ICONST_0); break;
            case I64: mv.visitInsn(Opcodes.LCONST_0); break;
            case F32: mv.visitInsn(Opcodes.FCONST_0); break;
            case F64: mv.visitInsn(Opcodes.DCONST_0); break;
            default: mv.visitInsn(Opcodes.ACONST_NULL); break;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Split functions: frame arrays, region calls and exits

    /** Allocates the frame arrays of a split function and stores the parameters in them. */
    private void allocateFrame() {
        int size = fn.transferBase() + transferSlots;
        Emit.intConst(mv, size);
        mv.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_LONG);
        mv.visitVarInsn(Opcodes.ASTORE, locals.frameSlot);
        Emit.intConst(mv, size);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        mv.visitVarInsn(Opcodes.ASTORE, locals.refFrameSlot);
        for (int i = 0; i < fn.type.paramCount(); i++) {
            storeHome(i);
        }
    }

    /** Stores cached local {@code i} into its home in the frame arrays. */
    private void storeHome(int i) {
        ValType t = fn.localTypes[i];
        mv.visitVarInsn(Opcodes.ALOAD, t.isReference() ? locals.refFrameSlot : locals.frameSlot);
        Emit.intConst(mv, i);
        mv.visitVarInsn(JvmTypes.loadOpcode(t), locals.slotOf[i]);
        if (t.isReference()) {
            mv.visitInsn(Opcodes.AASTORE);
        } else {
            toBits(t);
            mv.visitInsn(Opcodes.LASTORE);
        }
    }

    /** Pushes local {@code i} from its home in the frame arrays. */
    private void loadHome(int i) {
        loadFrameSlot(fn.localTypes[i], i);
    }

    private void loadTransfer(ValType t, int k) {
        loadFrameSlot(t, fn.transferBase() + k);
    }

    private void loadFrameSlot(ValType t, int index) {
        mv.visitVarInsn(Opcodes.ALOAD, t.isReference() ? locals.refFrameSlot : locals.frameSlot);
        Emit.intConst(mv, index);
        if (t.isReference()) {
            mv.visitInsn(Opcodes.AALOAD);
            castReference(t);
        } else {
            mv.visitInsn(Opcodes.LALOAD);
            fromBits(t);
        }
    }

    /** Moves the top {@code types.length} values into transfer slots 0.. (bottom first). Model unchanged. */
    private void storeTransfers(ValType[] types) {
        int mark = locals.mark();
        for (int k = types.length - 1; k >= 0; k--) {
            ValType t = types[k];
            int tmp = locals.allocate(t);
            mv.visitVarInsn(JvmTypes.storeOpcode(t), tmp);
            mv.visitVarInsn(Opcodes.ALOAD, t.isReference() ? locals.refFrameSlot : locals.frameSlot);
            Emit.intConst(mv, fn.transferBase() + k);
            mv.visitVarInsn(JvmTypes.loadOpcode(t), tmp);
            if (t.isReference()) {
                mv.visitInsn(Opcodes.AASTORE);
            } else {
                toBits(t);
                mv.visitInsn(Opcodes.LASTORE);
            }
        }
        locals.release(mark);
    }

    /**
     * Leaves a region method towards {@code target}, a label outside it: the carried values go to
     * the transfer slots, the rest of the JVM stack is dropped, and the epilogue returns the code.
     */
    private void exitRegion(ControlFrame target) {
        int carried = target.labelTypes().length;
        storeTransfers(StackEntry.topTypes(stack, carried));
        for (StackEntry e = StackEntry.down(stack, carried); e != null; e = e.below) {
            mv.visitInsn(JvmTypes.popOpcode(e.type));
        }
        Emit.intConst(mv, target.exitCode);
        mv.visitJumpInsn(Opcodes.GOTO, epilogue);
        region.exits.set(target.exitCode);
    }

    /** Calls the method of {@code r} and continues with its outputs, or follows the branch it took. */
    private void callRegion(Region r) {
        if (sizing != null) {
            throw new IllegalStateException("no regions in the sizing pass");
        }
        // Inputs to the transfer slots; cached locals the region uses to their homes.
        storeTransfers(r.inputs);
        pop(r.inputs.length);
        for (int i = 0; i < fn.localTypes.length; i++) {
            if (locals.slotOf[i] >= 0 && r.used.get(i)) {
                storeHome(i);
            }
        }
        mv.visitVarInsn(Opcodes.ALOAD, locals.frameSlot);
        mv.visitVarInsn(Opcodes.ALOAD, locals.refFrameSlot);
        mv.visitVarInsn(Opcodes.ALOAD, locals.instanceSlot);
        mv.visitVarInsn(Opcodes.ILOAD, locals.depthSlot);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, fn.className, r.methodName, RegionPlanner.REGION_DESCRIPTOR, false);
        for (int i = 0; i < fn.localTypes.length; i++) {
            if (locals.slotOf[i] >= 0 && r.written.get(i)) {
                loadHome(i);
                mv.visitVarInsn(JvmTypes.storeOpcode(fn.localTypes[i]), locals.slotOf[i]);
            }
        }
        reloadMemory();
        // Dispatch on the exit code.
        Label continueLabel = new Label();
        int[] codes = r.exits.stream().toArray();
        if (codes.length == 0) {
            mv.visitInsn(Opcodes.POP);
            if (!r.fallsThrough) {
                // The region can only trap (or never end); close the JVM path the verifier sees.
                throwTrap("unreachable");
            }
        } else {
            Label[] stubs = new Label[codes.length];
            for (int k = 0; k < codes.length; k++) {
                stubs[k] = new Label();
            }
            Label fallThrough = r.fallsThrough ? continueLabel : stubs[stubs.length - 1];
            mv.visitLookupSwitchInsn(fallThrough, prepend0(codes), prependLabel(fallThrough, stubs));
            for (int k = 0; k < codes.length; k++) {
                label(stubs[k]);
                int depth = codes[k] - 1;
                ControlFrame target = FrameList.at(frames, depth);
                ValType[] carried = target.labelTypes();
                StackEntry saved = stack;
                for (int t = 0; t < carried.length; t++) {
                    loadTransfer(carried[t], t);
                    push(carried[t]);
                }
                branch(depth);
                stack = saved;
            }
        }
        if (r.fallsThrough) {
            label(continueLabel);
            for (int t = 0; t < r.outputs.length; t++) {
                loadTransfer(r.outputs[t], t);
                push(r.outputs[t]);
            }
        } else {
            reachable = false;
        }
    }

    private static int[] prepend0(int[] codes) {
        int[] keys = new int[codes.length + 1];
        System.arraycopy(codes, 0, keys, 1, codes.length);
        return keys;
    }

    private static Label[] prependLabel(Label first, Label[] rest) {
        Label[] all = new Label[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    // ---------------------------------------------------------------------------------------
    // Jump targets and their stack map frames

    /** Places {@code l} here; the operand stack there is the current one. */
    private void label(Label l) {
        label(l, stack);
    }

    /**
     * Places {@code l} here, with the stack map frame for operand stack {@code at}. Before the
     * prologue is done only the parameters are declared; after it, every local the method set up.
     */
    private void label(Label l, StackEntry at) {
        mv.visitLabel(l);
        if (sizing != null) {
            return; // the sizing pass assembles nothing: no frames to describe
        }
        ValType[] types = StackEntry.topTypes(at, StackEntry.height(at));
        Object[] frameStack = new Object[types.length];
        for (int k = 0; k < types.length; k++) {
            frameStack[k] = JvmLocals.frameType(types[k]);
        }
        frameWriter.frameHere(locals.frameLocals(!prologueDone, liveIntSlot), frameStack);
    }

    // ---------------------------------------------------------------------------------------
    // Operand stack model

    private void push(ValType t) {
        stack = new StackEntry(t, stack);
    }

    private void pop(int n) {
        for (int k = 0; k < n; k++) {
            stack = stack.below;
        }
        touch(StackEntry.height(stack));
    }

    /** Notes that the current instruction reaches down to stack height {@code height}. */
    private void touch(int height) {
        if (height < lowWater) {
            lowWater = height;
        }
    }

    private static StackEntry pushAll(StackEntry base, ValType[] types) {
        StackEntry s = base;
        for (ValType t : types) {
            s = new StackEntry(t, s);
        }
        return s;
    }

    /** The current bytecode offset, as the sizing pass's counter has it. */
    private int offset() {
        return sizeCounter.size();
    }
}
