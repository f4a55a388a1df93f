package dev.airlock.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.testing.WasmBuilder;
import org.junit.jupiter.api.Test;

class WasmModuleTest {
    private static final ValType I32 = ValType.I32;

    @Test
    void addsTwoNumbers() {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new ValType[] {I32, I32}, new ValType[] {I32});
        WasmBuilder.Code f = b.function(t);
        f.op(0x20, 0).op(0x20, 1).op(0x6A).end();
        b.exportFunction("add", f.functionIndex);
        Instance instance = WasmModule.compile(b.build()).instantiate();
        assertArrayEquals(new Object[] {5}, instance.function("add").call(2, 3));
    }

    @Test
    void recursiveFactorial() {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new ValType[] {ValType.I64}, new ValType[] {ValType.I64});
        WasmBuilder.Code f = b.function(t);
        // if (n == 0) 1 else n * fac(n - 1)
        f.op(0x20, 0).op(0x50).block(0x04, ValType.I64)
                .i64Const(1)
                .op(0x05)
                .op(0x20, 0).op(0x20, 0).i64Const(1).op(0x7D).op(0x10, f.functionIndex).op(0x7E)
                .end().end();
        b.exportFunction("fac", f.functionIndex);
        Instance instance = WasmModule.compile(b.build()).instantiate();
        assertEquals(2432902008176640000L, instance.function("fac").call(20L)[0]);
    }
}
