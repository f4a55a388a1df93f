package dev.airlock.wasm.compile;

import dev.airlock.wasm.ValType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A part of a function body that is compiled into a method of its own, because the function's
 * direct translation would be too large for the JIT (see {@link RegionPlanner}). A region is a
 * run of whole instructions at one nesting level: {@code [start, end)} never cuts a construct.
 *
 * <p>The region method has the JVM type {@code (long[] frame, Object[] refs, Instance, int) int}.
 * Wasm locals live in the frame arrays at their index (numbers as raw bits in {@code frame},
 * references in {@code refs}); slots from the function's local count upwards are transfer slots
 * for the values a region takes from and leaves on the operand stack and for branch values. The
 * method loads what it uses at entry and stores what it changed before returning. It returns 0
 * when control reaches {@code end}, or {@code e + 1} when it branches to the label {@code e}
 * levels out from the region (the function body being the outermost label, so a {@code return}
 * is such a branch too).
 */
final class Region {
    /** Index of the first instruction. */
    final int start;
    /** Index after the last instruction: the next item, or the {@code else}/{@code end} that closes the run. */
    final int end;
    /** The method's name. */
    final String methodName;
    /** Regions directly inside this one. */
    final List<Region> children = new ArrayList<>();
    /** Types taken from the enclosing operand stack, bottom first. */
    ValType[] inputs;
    /** Types left on the operand stack at {@code end}, bottom first; null if {@code end} is unreachable. */
    ValType[] outputs;
    /** The labels enclosing the region, innermost first. */
    FrameList enclosing;
    /** Locals read or written anywhere inside, children included. */
    final BitSet used = new BitSet();
    /** Locals written anywhere inside, children included. */
    final BitSet written = new BitSet();
    /** Exit codes the method may return besides 0; filled in when it is emitted. */
    final BitSet exits = new BitSet();
    /** Whether the method may return 0; filled in when it is emitted. */
    boolean fallsThrough;

    Region(int start, int end, String methodName) {
        this.start = start;
        this.end = end;
        this.methodName = methodName;
    }
}
