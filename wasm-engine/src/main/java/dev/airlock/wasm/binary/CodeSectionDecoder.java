package dev.airlock.wasm.binary;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.syntax.FunctionBody;
import dev.airlock.wasm.syntax.Instruction;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.util.Arrays;

/**
 * Decodes the code section (spec 5.5.13): a vector of function bodies, each a u32 size, the
 * run-length encoded locals and the body expression. The locals are expanded to one entry per
 * local. A function may declare fewer than 2^32 locals by the spec, and at most
 * {@value #MAX_LOCALS} in this engine; both limits fail with {@value Messages#TOO_MANY_LOCALS},
 * and are checked before anything is allocated for the locals. One instance decodes one section;
 * it is not thread-safe.
 */
final class CodeSectionDecoder {
    /** The most locals (not counting parameters) a function may declare in this engine. */
    static final int MAX_LOCALS = 50_000;

    /** Shared empty locals array. */
    private static final ValType[] NO_LOCALS = new ValType[0];

    /** Where the bytes come from. */
    private final ByteReader r;
    /** Decodes the body expressions. */
    private final InstructionDecoder code;
    /** Scratch: the count of each locals entry of the current body. */
    private long[] groupCounts = new long[16];
    /** Scratch: the type of each locals entry of the current body. */
    private ValType[] groupTypes = new ValType[16];

    /** A decoder reading from {@code r}, decoding bodies with {@code code}. */
    CodeSectionDecoder(ByteReader r, InstructionDecoder code) {
        this.r = r;
        this.code = code;
    }

    /**
     * Reads the section's contents into {@code module.code}. Returns whether any body contains
     * {@code memory.init} or {@code data.drop}, which require a data count section.
     */
    boolean decode(ModuleDefinition.Builder module) {
        code.clearDataIndexUse();
        int n = r.length();
        for (int i = 0; i < n; i++) {
            int size = r.length();
            int start = r.position();
            ValType[] locals = locals();
            Instruction[] body = code.expression();
            if ((long) r.position() != (long) start + size) {
                throw r.error(Messages.SECTION_SIZE_MISMATCH + ": function body #" + i + " declares " + size
                        + " bytes, its contents take " + (r.position() - start), start);
            }
            module.code.add(new FunctionBody(locals, body, start));
        }
        return code.dataIndexUsed();
    }

    /** The locals declarations of one body, expanded. */
    private ValType[] locals() {
        int at = r.position();
        int groups = r.length();
        if (groups > groupCounts.length) {
            groupCounts = Arrays.copyOf(groupCounts, groups);
            groupTypes = Arrays.copyOf(groupTypes, groups);
        }
        long total = 0;
        for (int g = 0; g < groups; g++) {
            long count = r.u32();
            groupCounts[g] = count;
            groupTypes[g] = TypeDecoder.valueType(r);
            total += count;
        }
        if (total >= 1L << 32) {
            throw r.error(Messages.TOO_MANY_LOCALS + ": " + total + " locals, the limit is 2^32 - 1", at);
        }
        if (total > MAX_LOCALS) {
            throw r.error(Messages.TOO_MANY_LOCALS + ": " + total + " locals, this engine allows " + MAX_LOCALS, at);
        }
        if (total == 0) {
            return NO_LOCALS;
        }
        ValType[] locals = new ValType[(int) total];
        int k = 0;
        for (int g = 0; g < groups; g++) {
            int count = (int) groupCounts[g];
            Arrays.fill(locals, k, k + count, groupTypes[g]);
            k += count;
        }
        return locals;
    }
}
