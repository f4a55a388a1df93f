package dev.airlock.wasm.compile;

import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.Opcode;
import java.util.Arrays;

/**
 * The nesting of a function body (spec 2.4.8 structured control): for each {@code block},
 * {@code loop} and {@code if}, where its {@code else} and {@code end} are. The function body
 * itself is the outermost construct; its {@code end} is the last instruction. Computed once per
 * function, iteratively (no recursion per nesting level).
 */
final class BlockStructure {
    /** For a construct starting at i: index of its END; -1 elsewhere. */
    final int[] end;
    /** For an IF at i: index of its ELSE, or -1 when it has none; -1 elsewhere. */
    final int[] elseAt;
    /** For every instruction, nesting level: 0 for the body's own instructions. */
    final int[] level;

    BlockStructure(Instruction[] code) {
        int n = code.length;
        end = new int[n];
        elseAt = new int[n];
        level = new int[n];
        Arrays.fill(end, -1);
        Arrays.fill(elseAt, -1);
        int[] open = new int[16];
        int depth = 0;
        for (int i = 0; i < n; i++) {
            Opcode op = code[i].opcode;
            switch (op) {
                case BLOCK:
                case LOOP:
                case IF:
                    level[i] = depth;
                    if (depth == open.length) {
                        open = Arrays.copyOf(open, depth * 2);
                    }
                    open[depth++] = i;
                    break;
                case ELSE:
                    level[i] = depth - 1;
                    elseAt[open[depth - 1]] = i;
                    break;
                case END:
                    if (depth == 0) {
                        level[i] = 0; // the function body's end
                    } else {
                        level[i] = depth - 1;
                        end[open[--depth]] = i;
                    }
                    break;
                default:
                    level[i] = depth;
                    break;
            }
        }
    }

    /** Whether instruction {@code i} opens a construct. */
    static boolean opens(Opcode op) {
        return op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF;
    }
}
