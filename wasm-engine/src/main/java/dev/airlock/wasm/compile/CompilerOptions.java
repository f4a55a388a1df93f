package dev.airlock.wasm.compile;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Options of the compiler. Immutable; start from {@link #defaults()}.
 *
 * @param methodBudget target bytes of bytecode per generated method; functions whose translation
 *     is larger are split into several methods (see {@link RegionPlanner}). Never above
 *     {@link #JIT_LIMIT}. Small values (down to 1) split nearly every construct into a method of
 *     its own, which is slow but useful to test the splitting.
 * @param dumpDirectory where to write a textual dump (ASM Textifier) of each generated class, or
 *     null for none. The system property {@code airlock.dump} sets it by default.
 */
public record CompilerOptions(int methodBudget, Path dumpDirectory) {
    /** HotSpot does not JIT-compile a method with more bytes of bytecode than this (HugeMethodLimit). */
    public static final int JIT_LIMIT = 8000;
    /**
     * Default target size of a generated method. Far below {@link #JIT_LIMIT} because bytecode
     * size is not what limits the JIT: every load and store (4 bytes of bytecode) inlines a
     * VarHandle access of some thirty IR nodes, and C1 gives up on methods with too many virtual
     * registers ("out of virtual registers", seen at 3500 bytes on stb_image and stb_truetype).
     * A method C1 cannot compile runs in the interpreter, unprofiled, until C2 takes it, and its
     * steady-state speed then varies from one JVM to the next (by 2.5x on stb_truetype's
     * rasteriser); at 2500 bytes every function of those libraries compiles at every tier.
     */
    public static final int DEFAULT_METHOD_BUDGET = 2500;
    /** Name of the system property that turns the bytecode dump on (value: a directory). */
    public static final String DUMP_PROPERTY = "airlock.dump";
    /** Name of the system property that overrides the default method budget (value: bytes). */
    public static final String BUDGET_PROPERTY = "airlock.methodBudget";

    public CompilerOptions {
        if (methodBudget < 1 || methodBudget > JIT_LIMIT) {
            throw new IllegalArgumentException("methodBudget must be within 1.." + JIT_LIMIT + ": " + methodBudget);
        }
    }

    /**
     * Default options. {@code -Dairlock.dump=DIR} sets the dump directory and
     * {@code -Dairlock.methodBudget=BYTES} the method budget (tests use a small budget to split
     * every function they can).
     */
    public static CompilerOptions defaults() {
        String dump = System.getProperty(DUMP_PROPERTY);
        String budget = System.getProperty(BUDGET_PROPERTY);
        return new CompilerOptions(budget == null ? DEFAULT_METHOD_BUDGET : parseBudget(budget),
                dump == null || dump.isEmpty() ? null : Paths.get(dump));
    }

    private static int parseBudget(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + BUDGET_PROPERTY
                    + " must be a number of bytes within 1.." + JIT_LIMIT + ": '" + value + "'");
        }
    }

    /** These options with another method budget. */
    public CompilerOptions withMethodBudget(int bytes) {
        return new CompilerOptions(bytes, dumpDirectory);
    }

    /** These options with a dump directory (null: no dump). */
    public CompilerOptions withDumpDirectory(Path directory) {
        return new CompilerOptions(methodBudget, directory);
    }
}
