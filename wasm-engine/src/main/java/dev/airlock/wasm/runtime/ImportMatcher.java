package dev.airlock.wasm.runtime;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.MemoryType;
import dev.airlock.wasm.TableType;
import dev.airlock.wasm.syntax.Import;
import dev.airlock.wasm.syntax.ModuleDefinition;

/** Import matching (spec 4.5.2 "Import Subtyping", 4.5.3 "External Typing"). */
final class ImportMatcher {
    private ImportMatcher() {
    }

    /** Why {@code value} cannot satisfy {@code imp}, or null if it can. */
    static String mismatch(ModuleDefinition module, Import imp, Object value) {
        switch (imp.kind()) {
            case FUNCTION: {
                FuncType expected = module.types.get(imp.functionTypeIndex());
                FuncType actual;
                if (value instanceof FunctionInstance) {
                    actual = ((FunctionInstance) value).type();
                } else if (value instanceof HostFunction) {
                    actual = ((HostFunction) value).type();
                } else {
                    return "expected a function, got " + describe(value);
                }
                return actual.equals(expected) ? null : "expected function " + expected + ", got " + actual;
            }
            case TABLE: {
                if (!(value instanceof Table)) {
                    return "expected a table, got " + describe(value);
                }
                TableType expected = imp.tableType();
                TableType actual = ((Table) value).type();
                if (actual.elementType() != expected.elementType() || !actual.limits().matches(expected.limits())) {
                    return "expected " + expected + ", got " + actual;
                }
                return null;
            }
            case MEMORY: {
                if (!(value instanceof Memory)) {
                    return "expected a memory, got " + describe(value);
                }
                MemoryType expected = imp.memoryType();
                MemoryType actual = ((Memory) value).type();
                return actual.limits().matches(expected.limits()) ? null : "expected " + expected + ", got " + actual;
            }
            case GLOBAL: {
                if (!(value instanceof Global)) {
                    return "expected a global, got " + describe(value);
                }
                GlobalType expected = imp.globalType();
                GlobalType actual = ((Global) value).type();
                return actual.equals(expected) ? null : "expected global " + expected + ", got " + actual;
            }
            default:
                throw new AssertionError(imp.kind());
        }
    }

    private static String describe(Object value) {
        if (value instanceof FunctionInstance || value instanceof HostFunction) {
            return "a function";
        }
        if (value instanceof Table) {
            return "a table";
        }
        if (value instanceof Memory) {
            return "a memory";
        }
        if (value instanceof Global) {
            return "a global";
        }
        return value.getClass().getName();
    }
}
