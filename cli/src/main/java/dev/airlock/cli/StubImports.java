package dev.airlock.cli;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.LinkException;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.Global;
import dev.airlock.wasm.runtime.HostFunction;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Memory;
import dev.airlock.wasm.runtime.Table;
import dev.airlock.wasm.syntax.Import;
import java.io.PrintStream;

/**
 * What {@code airlock run --stub-imports} links a module with: for every import that is not
 * already provided, a stand-in of the declared type.
 *
 * <ul>
 *   <li>a function prints {@code import MODULE.NAME(ARG, ...)} (arguments in {@link ValueFormat},
 *       separated by a comma and a space) and returns the zero value of each result type;</li>
 *   <li>a memory is a fresh zero-filled memory of the declared minimum size, growable up to the
 *       declared maximum (or as far as the JVM allows);</li>
 *   <li>a table is a fresh table of the declared minimum size, every element null, growable up to
 *       the declared maximum (or {@link Table#DEFAULT_MAX_ELEMENTS});</li>
 *   <li>a global is a fresh global of the declared type and mutability holding zero (or null).</li>
 * </ul>
 */
final class StubImports {
    private StubImports() {
    }

    /**
     * Adds a stub to {@code imports} for every import of {@code module} that {@code imports} does
     * not resolve.
     *
     * @param out where stub functions print their calls
     * @throws LinkException if a stub memory or table cannot be created (too large for the JVM)
     */
    static Imports addStubs(WasmModule module, Imports imports, PrintStream out) {
        for (Import imp : module.imports()) {
            if (imports.resolve(imp.module(), imp.name()) != null) {
                continue;
            }
            switch (imp.kind()) {
                case FUNCTION:
                    FuncType type = module.definition().types.get(imp.functionTypeIndex());
                    imports.function(imp.module(), imp.name(), function(imp.module() + "." + imp.name(), type, out));
                    break;
                case MEMORY:
                    imports.memory(imp.module(), imp.name(), memory(imp));
                    break;
                case TABLE:
                    imports.table(imp.module(), imp.name(), table(imp));
                    break;
                case GLOBAL:
                    imports.global(imp.module(), imp.name(), new Global(imp.globalType()));
                    break;
                default:
                    throw new AssertionError(imp.kind());
            }
        }
        return imports;
    }

    /** A host function of {@code type} that prints {@code import NAME(ARGS)} and returns zeros. */
    static HostFunction function(String name, FuncType type, PrintStream out) {
        Object[] zeros = new Object[type.resultCount()];
        for (int i = 0; i < zeros.length; i++) {
            zeros[i] = ValueFormat.zero(type.result(i));
        }
        return HostFunction.of(type, (caller, args) -> {
            StringBuilder line = new StringBuilder("import ").append(name).append('(');
            for (int i = 0; i < args.length; i++) {
                ValType t = type.param(i);
                line.append(i == 0 ? "" : ", ").append(ValueFormat.format(t, args[i]));
            }
            out.println(line.append(')'));
            return zeros.clone();
        });
    }

    /** A fresh memory for a memory import. */
    private static Memory memory(Import imp) {
        try {
            return new Memory(imp.memoryType(), Memory.MAX_PAGES_ON_JVM);
        } catch (IllegalArgumentException | OutOfMemoryError e) {
            throw new LinkException("cannot create a stub for memory import " + describe(imp) + " ("
                    + imp.memoryType() + "): " + (e.getMessage() == null ? "out of memory" : e.getMessage()));
        }
    }

    /** A fresh table for a table import. */
    private static Table table(Import imp) {
        try {
            return new Table(imp.tableType(), null, Table.DEFAULT_MAX_ELEMENTS);
        } catch (IllegalArgumentException | OutOfMemoryError e) {
            throw new LinkException("cannot create a stub for table import " + describe(imp) + " ("
                    + imp.tableType() + "): " + (e.getMessage() == null ? "out of memory" : e.getMessage()));
        }
    }

    /** The import's two-level name, quoted as the engine's link errors quote it. */
    private static String describe(Import imp) {
        return "\"" + imp.module() + "\" \"" + imp.name() + "\"";
    }
}
