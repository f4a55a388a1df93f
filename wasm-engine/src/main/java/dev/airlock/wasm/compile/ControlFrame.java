package dev.airlock.wasm.compile;

import dev.airlock.wasm.ValType;
import org.objectweb.asm.Label;

/**
 * One entry of the control stack during translation (spec 4.2.13 "Labels"): a construct the
 * translator is inside, with the JVM label its branches jump to.
 */
final class ControlFrame {
    /** What kind of construct a frame is. */
    enum Kind {
        /** {@code block}: branches go to the end, with the results. */
        BLOCK,
        /** {@code loop}: branches go to the start, with the parameters. */
        LOOP,
        /** {@code if}: branches go to the end, with the results; may have an else arm. */
        IF,
        /** The function's body in its top-level method: a branch to it returns. */
        BODY,
        /**
         * A label enclosing the region a region method translates, which lives in another
         * method: a branch to it leaves the region method with an exit code.
         */
        OUTER,
        /** The base of a region method: the region's own items are at this level. */
        REGION
    }

    /** The kind of construct. */
    final Kind kind;
    /** Index of the opening instruction (block/loop/if), or -1 for BODY, OUTER and REGION. */
    final int start;
    /** Types the construct takes from the stack. */
    final ValType[] params;
    /** Types the construct leaves on the stack. */
    final ValType[] results;
    /** The operand stack below the construct's parameters when it was entered. */
    final StackEntry base;
    /** Where branches to this frame jump: a loop's start, otherwise the end. Null for OUTER/REGION. */
    final Label branchLabel;
    /** For IF: where the false condition jumps (the else arm, or the end when there is none). */
    final Label elseLabel;
    /** Whether some branch jumps to {@link #branchLabel} (makes the code after {@code end} reachable). */
    boolean targeted;
    /** For IF: whether the else arm has begun. */
    boolean inElse;
    /** For OUTER: the code the region method returns to branch here (1 + levels out from the region). */
    int exitCode;

    ControlFrame(Kind kind, int start, ValType[] params, ValType[] results, StackEntry base, Label branchLabel,
                 Label elseLabel) {
        this.kind = kind;
        this.start = start;
        this.params = params;
        this.results = results;
        this.base = base;
        this.branchLabel = branchLabel;
        this.elseLabel = elseLabel;
    }

    /** The types a branch to this frame carries: a loop's parameters, otherwise its results. */
    ValType[] labelTypes() {
        return kind == Kind.LOOP ? params : results;
    }
}
