package dev.airlock.wasm.valid;

import dev.airlock.wasm.InvalidModuleException;
import java.util.Arrays;

/**
 * The operand stack and control stack of the spec's appendix "Validation Algorithm" (sections
 * "Data Structures" and "Validation of Opcode Sequences"), with its operations {@code push_val},
 * {@code pop_val}, {@code pop_vals}, {@code push_ctrl}, {@code pop_ctrl}, {@code label_types} and
 * {@code unreachable}.
 *
 * <p>Operand types are int codes ({@link TypeCodes}), {@link TypeCodes#UNKNOWN} standing for the
 * spec's {@code Unknown}. Control frames are kept in parallel arrays rather than frame objects, so
 * that validating an instruction allocates nothing; the arrays only grow, and are reused from one
 * function to the next. Nothing here recurses, however deeply blocks nest.
 *
 * <p>Subclasses say where an error happened ({@link #error(String, String)}).
 */
abstract class ValidationStacks {
    /** Frame kind of a {@code block}. */
    static final int BLOCK = 0;
    /** Frame kind of a {@code loop}: its label's types are its parameter types. */
    static final int LOOP = 1;
    /** Frame kind of an {@code if} whose {@code else} has not been seen yet. */
    static final int IF = 2;
    /** Frame kind of the {@code else} arm of an {@code if}. */
    static final int ELSE = 3;
    /** Frame kind of a function body's implicit block, the outermost frame. */
    static final int FUNCTION = 4;

    /** The operand stack: type codes, bottom first; only the first {@link #valCount} are live. */
    private int[] vals = new int[64];
    /** The height of the operand stack. */
    int valCount;

    /** For each control frame (outermost first), its kind: {@link #BLOCK}, {@link #LOOP}, ... */
    private int[] ctrlKind = new int[16];
    /** For each control frame, its start types (the block type's parameters). */
    private int[][] ctrlParams = new int[16][];
    /** For each control frame, its end types (the block type's results). */
    private int[][] ctrlResults = new int[16][];
    /** For each control frame, the operand stack height when it was entered (after its parameters were popped). */
    private int[] ctrlHeight = new int[16];
    /** For each control frame, whether the rest of its instructions are unreachable (stack-polymorphic). */
    private boolean[] ctrlUnreachable = new boolean[16];
    /** The number of control frames. */
    int ctrlCount;

    /** The exception for an error {@code text} with {@code detail}, located at the current instruction. */
    abstract InvalidModuleException error(String text, String detail);

    /** Empties both stacks, for the next function. */
    final void resetStacks() {
        valCount = 0;
        ctrlCount = 0;
    }

    /** {@code push_val(t)}. */
    final void pushVal(int type) {
        if (valCount == vals.length) {
            vals = Arrays.copyOf(vals, vals.length * 2);
        }
        vals[valCount++] = type;
    }

    /** {@code push_vals(types)}. */
    final void pushVals(int[] types) {
        int n = types.length;
        if (valCount + n > vals.length) {
            vals = Arrays.copyOf(vals, Math.max(vals.length * 2, valCount + n));
        }
        System.arraycopy(types, 0, vals, valCount, n);
        valCount += n;
    }

    /**
     * {@code pop_val()}: the top operand's type, or {@link TypeCodes#UNKNOWN} when the current frame
     * is unreachable and has no operands of its own left.
     */
    final int popVal() {
        int top = ctrlCount - 1;
        if (valCount == ctrlHeight[top]) {
            if (ctrlUnreachable[top]) {
                return TypeCodes.UNKNOWN;
            }
            throw error("type mismatch", "expected an operand but the stack is empty");
        }
        return vals[--valCount];
    }

    /** {@code pop_val(expect)}: pops an operand that must match {@code expect}; returns its actual type. */
    final int popVal(int expect) {
        int top = ctrlCount - 1;
        if (valCount == ctrlHeight[top]) {
            if (ctrlUnreachable[top]) {
                return TypeCodes.UNKNOWN;
            }
            throw error("type mismatch", "expected " + TypeCodes.name(expect) + " but the stack is empty");
        }
        int actual = vals[--valCount];
        if (actual != expect && actual != TypeCodes.UNKNOWN && expect != TypeCodes.UNKNOWN) {
            throw error("type mismatch", "expected " + TypeCodes.name(expect) + " but found " + TypeCodes.name(actual));
        }
        return actual;
    }

    /** {@code pop_vals(types)}: pops operands matching {@code types}, last one first. */
    final void popVals(int[] types) {
        for (int i = types.length - 1; i >= 0; i--) {
            popVal(types[i]);
        }
    }

    /**
     * Checks that the top operands match {@code types} without popping them. This is the effect of
     * the spec's {@code push_vals(pop_vals(types))} in {@code br_table}: operands below the current
     * frame's height count as {@link TypeCodes#UNKNOWN} when the frame is unreachable.
     */
    final void checkTopVals(int[] types) {
        int n = types.length;
        int top = ctrlCount - 1;
        int height = ctrlHeight[top];
        for (int i = n - 1; i >= 0; i--) {
            int slot = valCount - n + i;
            int expect = types[i];
            if (slot < height) {
                if (ctrlUnreachable[top]) {
                    return; // this operand and all below it are Unknown
                }
                throw error("type mismatch", "expected " + TypeCodes.name(expect) + " but the stack is empty");
            }
            int actual = vals[slot];
            if (actual != expect && actual != TypeCodes.UNKNOWN && expect != TypeCodes.UNKNOWN) {
                throw error("type mismatch", "expected " + TypeCodes.name(expect) + " but found " + TypeCodes.name(actual));
            }
        }
    }

    /** {@code push_ctrl(opcode, in, out)}: enters a frame and pushes its parameters. */
    final void pushCtrl(int kind, int[] params, int[] results) {
        if (ctrlCount == ctrlKind.length) {
            int capacity = ctrlCount * 2;
            ctrlKind = Arrays.copyOf(ctrlKind, capacity);
            ctrlParams = Arrays.copyOf(ctrlParams, capacity);
            ctrlResults = Arrays.copyOf(ctrlResults, capacity);
            ctrlHeight = Arrays.copyOf(ctrlHeight, capacity);
            ctrlUnreachable = Arrays.copyOf(ctrlUnreachable, capacity);
        }
        ctrlKind[ctrlCount] = kind;
        ctrlParams[ctrlCount] = params;
        ctrlResults[ctrlCount] = results;
        ctrlHeight[ctrlCount] = valCount;
        ctrlUnreachable[ctrlCount] = false;
        ctrlCount++;
        pushVals(params);
    }

    /**
     * {@code pop_ctrl()} without the push of results: pops the innermost frame's results, which must
     * be exactly what is left of its operands, and removes the frame.
     */
    final void popCtrl() {
        int top = ctrlCount - 1;
        popVals(ctrlResults[top]);
        if (valCount != ctrlHeight[top]) {
            throw error("type mismatch", (valCount - ctrlHeight[top]) + " operand(s) left at the end of a block of type "
                    + TypeCodes.names(ctrlParams[top]) + " -> " + TypeCodes.names(ctrlResults[top]));
        }
        ctrlCount--;
    }

    /**
     * Turns the innermost frame, an {@code if}, into its {@code else} arm: checks the results of the
     * then-arm like {@link #popCtrl()} and re-enters with the same types.
     */
    final void enterElse() {
        int top = ctrlCount - 1;
        int[] params = ctrlParams[top];
        int[] results = ctrlResults[top];
        popCtrl();
        pushCtrl(ELSE, params, results);
    }

    /** {@code unreachable()}: drops the innermost frame's operands and makes its stack polymorphic. */
    final void unreachable() {
        int top = ctrlCount - 1;
        valCount = ctrlHeight[top];
        ctrlUnreachable[top] = true;
    }

    /** The kind of the innermost frame. */
    final int topKind() {
        return ctrlKind[ctrlCount - 1];
    }

    /** The start types of the innermost frame. */
    final int[] topParams() {
        return ctrlParams[ctrlCount - 1];
    }

    /** The end types of the innermost frame. */
    final int[] topResults() {
        return ctrlResults[ctrlCount - 1];
    }

    /** Whether {@code depth}, read unsigned, names an enclosing frame. */
    final boolean hasLabel(int depth) {
        return depth >= 0 && depth < ctrlCount;
    }

    /** {@code label_types(ctrls[depth])}: a loop's start types, any other frame's end types. */
    final int[] labelTypes(int depth) {
        int frame = ctrlCount - 1 - depth;
        return ctrlKind[frame] == LOOP ? ctrlParams[frame] : ctrlResults[frame];
    }
}
