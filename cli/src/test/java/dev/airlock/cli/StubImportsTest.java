package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.script.ExternRef;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.Global;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Memory;
import dev.airlock.wasm.runtime.Table;
import dev.airlock.wasm.testing.WasmBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stand-ins {@code --stub-imports} links a module with. */
class StubImportsTest {
    @Test
    void stubsHaveTheDeclaredTypes() {
        WasmBuilder b = new WasmBuilder();
        b.importMemory("env", "memory", 1, 4);
        b.importTable("env", "table", ValType.EXTERNREF, 2, 5);
        b.importGlobal("env", "counter", ValType.F64, true);
        b.importGlobal("env", "base", ValType.FUNCREF, false);
        WasmModule module = WasmModule.compile(b.build());
        Imports imports = StubImports.addStubs(module, new Imports(), System.out);

        Memory memory = (Memory) imports.resolve("env", "memory");
        assertEquals(1, memory.pages());
        assertEquals(4, memory.maxPages());
        Table table = (Table) imports.resolve("env", "table");
        assertEquals(ValType.EXTERNREF, table.elementType());
        assertEquals(2, table.size());
        assertNull(table.get(1));
        assertEquals(-1, table.grow(4, null));
        Global counter = (Global) imports.resolve("env", "counter");
        assertTrue(counter.type().mutable());
        assertEquals(0L, counter.getBits());
        Global base = (Global) imports.resolve("env", "base");
        assertEquals(ValType.FUNCREF, base.type().valueType());
        assertNull(base.get());
        module.instantiate(imports);
    }

    @Test
    void importsAlreadyProvidedAreKept() {
        WasmBuilder b = new WasmBuilder();
        b.importMemory("env", "memory", 1, -1);
        WasmModule module = WasmModule.compile(b.build());
        Memory mine = new Memory(3, 3);
        Imports imports = StubImports.addStubs(module, new Imports().memory("env", "memory", mine), System.out);
        assertSame(mine, imports.resolve("env", "memory"));
    }

    @Test
    void functionStubPrintsItsCallAndReturnsZeros() {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new ValType[] {ValType.I32, ValType.EXTERNREF, ValType.F32},
                new ValType[] {ValType.I64, ValType.F64, ValType.FUNCREF});
        int f = b.importFunction("wasi", "poke", t);
        b.exportFunction("poke", f);
        WasmModule module = WasmModule.compile(b.build());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Object[] results = module.instantiate(StubImports.addStubs(module, new Imports(), out)).function("poke")
                .call(-3, new ExternRef(9), Float.intBitsToFloat(0x7f800001));
        assertEquals("import wasi.poke(i32:-3, ref.extern:9, f32:0x7f800001)\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(0L, results[0]);
        assertEquals(0L, Double.doubleToRawLongBits((Double) results[1]));
        assertNull(results[2]);
    }
}
