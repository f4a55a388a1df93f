package dev.airlock.wasm.compile;

import dev.airlock.wasm.CompilationException;
import dev.airlock.wasm.syntax.Instruction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Compiles one Wasm function into one static method, or, when its translation would exceed the
 * method budget, into a top-level method and region methods (see {@link RegionPlanner}). Every
 * method it produces is at most {@link CompilerOptions#JIT_LIMIT} bytes of bytecode, so HotSpot
 * JIT-compiles all of them; a function that cannot be brought under that limit is a
 * {@link CompilationException}.
 */
final class FunctionCompiler {
    /** JVM method parameters take at most 255 slots (JVMS 4.3.3); two go to the instance and depth. */
    private static final int MAX_PARAMETER_SLOTS = 253;
    /** Stay clear of the 65535 max_locals limit, leaving room for scratch slots. */
    private static final int MAX_LOCAL_SLOTS = 60_000;

    private FunctionCompiler() {
    }

    /** What compiling a function produced, for statistics. */
    record Result(int methods, int largestMethod) {
    }

    /** The name of the method a {@code FunctionInstance} of this function calls. */
    static String entryMethodName(FunctionContext fn) {
        String name = CallTargets.methodName(fn.functionIndex);
        return fn.type.resultCount() > 1 ? name + "$boxed" : name;
    }

    /** Compiles {@code fn} into {@code cv}. */
    static Result compile(FunctionContext fn, ClassVisitor cv, int budget) {
        checkLimits(fn);
        if (fn.type.resultCount() > 1) {
            MethodVisitor adapter = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, entryMethodName(fn),
                    JvmTypes.handleDescriptor(fn.type), null, null);
            MethodEmitter.emitBoxingAdapter(fn, adapter);
        }
        boolean[] all = new boolean[fn.localTypes.length];
        Arrays.fill(all, true);
        if (upperBound(fn.code) > budget) {
            SizingRecord sizing = sizingPass(fn, all);
            int size = sizing.offset[fn.code.length];
            if (size > budget) {
                return compileSplit(fn, cv, sizing, budget);
            }
        }
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                CallTargets.methodName(fn.functionIndex), JvmTypes.functionDescriptor(fn.type), null, null);
        SizeRecorder recorder = new SizeRecorder(mv);
        MethodEmitter.emitFunction(fn, recorder, null, all, null);
        if (recorder.size > CompilerOptions.JIT_LIMIT) {
            throw new IllegalStateException("unsplit method of " + recorder.size + " bytes for " + describe(fn));
        }
        return new Result(1, recorder.size);
    }

    private static Result compileSplit(FunctionContext fn, ClassVisitor cv, SizingRecord sizing, int budget) {
        for (int b = budget; b >= 1; b = Math.min(b - 1, b * 2 / 3)) {
            RegionPlanner.Plan plan = RegionPlanner.plan(fn, sizing, b);
            List<MethodNode> methods = new ArrayList<>();
            for (Region r : postOrder(plan.regions)) {
                MethodNode node = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, r.methodName,
                        RegionPlanner.REGION_DESCRIPTOR, null, null);
                MethodEmitter.emitRegion(fn, node, plan, r, cachedIn(fn, r.start, r.end, r.children));
                methods.add(node);
            }
            MethodNode top = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                    CallTargets.methodName(fn.functionIndex), JvmTypes.functionDescriptor(fn.type), null, null);
            boolean[] cached = cachedIn(fn, 0, fn.code.length, plan.regions);
            for (int p = 0; p < fn.type.paramCount(); p++) {
                cached[p] = true;
            }
            MethodEmitter.emitFunction(fn, top, plan, cached, null);
            methods.add(top);
            int largest = 0;
            for (MethodNode m : methods) {
                largest = Math.max(largest, measure(m));
            }
            if (largest <= CompilerOptions.JIT_LIMIT) {
                for (MethodNode m : methods) {
                    m.accept(cv);
                }
                return new Result(methods.size(), largest);
            }
        }
        throw new CompilationException("implementation limit: " + describe(fn)
                + " cannot be split into methods of at most " + CompilerOptions.JIT_LIMIT + " bytes");
    }

    /** Translates the whole function without assembling it, recording sizes and states. */
    private static SizingRecord sizingPass(FunctionContext fn, boolean[] all) {
        SizingRecord sizing = new SizingRecord(fn.code.length);
        MethodEmitter.emitFunction(fn, CodeSizeCounter.estimate(), null, all, sizing);
        return sizing;
    }

    /** Which locals the method for {@code [from, to)} uses itself (outside the given regions). */
    private static boolean[] cachedIn(FunctionContext fn, int from, int to, List<Region> regions) {
        BitSet used = new BitSet();
        BitSet ignored = new BitSet();
        int p = from;
        for (Region r : regions) {
            RegionPlanner.markLocals(fn.code, p, r.start, used, ignored);
            p = r.end;
        }
        RegionPlanner.markLocals(fn.code, p, to, used, ignored);
        boolean[] cached = new boolean[fn.localTypes.length];
        for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
            cached[i] = true;
        }
        return cached;
    }

    /** Regions with every child before its parent. */
    private static List<Region> postOrder(List<Region> roots) {
        List<Region> out = new ArrayList<>();
        for (Region r : roots) {
            out.addAll(postOrder(r.children));
            out.add(r);
        }
        return out;
    }

    /**
     * A cheap upper bound of a body's bytecode size, so that small functions skip the sizing pass:
     * no instruction translates to more than 48 bytes except br_table (4 per entry) and calls
     * (spills per argument).
     */
    private static long upperBound(Instruction[] code) {
        long bound = 200;
        for (Instruction insn : code) {
            switch (insn.opcode) {
                case BR_TABLE: bound += 64 + 8L * insn.labelTable().length; break;
                case CALL: case CALL_INDIRECT: bound += 96; break;
                default: bound += 48; break;
            }
        }
        return bound;
    }

    private static void checkLimits(FunctionContext fn) {
        int paramSlots = 0;
        for (int i = 0; i < fn.type.paramCount(); i++) {
            paramSlots += JvmTypes.size(fn.type.param(i));
        }
        if (paramSlots > MAX_PARAMETER_SLOTS) {
            throw new CompilationException("implementation limit: " + describe(fn) + " has parameters taking "
                    + paramSlots + " JVM slots; at most " + MAX_PARAMETER_SLOTS + " are supported");
        }
        int localSlots = 0;
        for (var t : fn.localTypes) {
            localSlots += JvmTypes.size(t);
        }
        if (localSlots > MAX_LOCAL_SLOTS) {
            throw new CompilationException("implementation limit: " + describe(fn) + " has locals taking "
                    + localSlots + " JVM slots; at most " + MAX_LOCAL_SLOTS + " are supported");
        }
    }

    private static String describe(FunctionContext fn) {
        return "function " + fn.module.functionName(fn.functionIndex);
    }

    /** Bytecode size of a finished method node, exact or slightly more (see {@link CodeSizeCounter}). */
    static int measure(MethodNode node) {
        CodeSizeCounter counter = CodeSizeCounter.upperBound();
        node.accept(counter);
        return counter.size();
    }

    /** Passes everything through and notes the code size when the code ends (at visitMaxs). */
    private static final class SizeRecorder extends MethodVisitor {
        int size;

        SizeRecorder(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            Label end = new Label();
            super.visitLabel(end);
            size = end.getOffset();
            super.visitMaxs(maxStack, maxLocals);
        }
    }
}
