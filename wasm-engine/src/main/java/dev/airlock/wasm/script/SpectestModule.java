package dev.airlock.wasm.script;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.runtime.Global;
import dev.airlock.wasm.runtime.HostFunction;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Memory;
import dev.airlock.wasm.runtime.Table;

/**
 * The {@code spectest} host module the testsuite imports from, as the reference interpreter
 * defines it: print functions (which print nothing here), four immutable globals of value 666 /
 * 666.6, a funcref table of 10..20 elements and a memory of 1..2 pages. Each script gets fresh
 * instances.
 */
final class SpectestModule {
    private SpectestModule() {
    }

    static void register(Imports imports) {
        printFunction(imports, "print");
        printFunction(imports, "print_i32", ValType.I32);
        printFunction(imports, "print_i64", ValType.I64);
        printFunction(imports, "print_f32", ValType.F32);
        printFunction(imports, "print_f64", ValType.F64);
        printFunction(imports, "print_i32_f32", ValType.I32, ValType.F32);
        printFunction(imports, "print_f64_f64", ValType.F64, ValType.F64);
        imports.global("spectest", "global_i32", new Global(new GlobalType(ValType.I32, false), 666));
        imports.global("spectest", "global_i64", new Global(new GlobalType(ValType.I64, false), 666L));
        imports.global("spectest", "global_f32", new Global(new GlobalType(ValType.F32, false), 666.6f));
        imports.global("spectest", "global_f64", new Global(new GlobalType(ValType.F64, false), 666.6));
        imports.table("spectest", "table", new Table(ValType.FUNCREF, 10, 20));
        imports.memory("spectest", "memory", new Memory(1, 2));
    }

    private static void printFunction(Imports imports, String name, ValType... params) {
        FuncType type = FuncType.of(params, new ValType[0]);
        imports.function("spectest", name, HostFunction.of(type, (caller, args) -> null));
    }
}
