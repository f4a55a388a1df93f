package dev.airlock.wasm.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.testing.WasmBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleCompilerTest {
    /**
     * A chain of 3,000 functions, each calling the next: too many instructions for one class, so
     * the calls between classes go through invokedynamic and must behave as direct calls.
     */
    @Test
    void callsAcrossGeneratedClasses() {
        int n = 3000;
        WasmBuilder b = new WasmBuilder();
        int type = b.type(new ValType[] {ValType.I32}, new ValType[] {ValType.I32});
        for (int i = 0; i < n; i++) {
            WasmBuilder.Code f = b.function(type);
            // f_i(x) = (f_{i+1}(x * 3 + i) ^ i) + a long run of arithmetic on x that cancels out
            f.op(0x20, 0);
            for (int k = 0; k < 10; k++) {
                f.i32Const(k).op(0x6A).i32Const(k).op(0x6B);
            }
            f.op(0x21, 0);
            if (i + 1 < n) {
                f.op(0x20, 0).i32Const(3).op(0x6C).i32Const(i).op(0x6A).op(0x10, i + 1).i32Const(i).op(0x73);
            } else {
                f.op(0x20, 0);
            }
            f.end();
        }
        b.exportFunction("chain", 0);
        WasmModule module = WasmModule.compile(b.build(), CompilerOptions.defaults().withDumpDirectory(null));
        assertTrue(module.statistics().classes() >= 2, "expected several classes: " + module.statistics());
        int expected = chain(0, 7, n);
        assertEquals(expected, module.instantiate().function("chain").call(7)[0]);
    }

    private static int chain(int i, int x, int n) {
        if (i + 1 == n) {
            return x;
        }
        return chain(i + 1, x * 3 + i, n) ^ i;
    }

    @Test
    void dumpsTheGeneratedBytecodeAsText(@TempDir Path dir) throws IOException {
        WasmBuilder b = new WasmBuilder();
        int type = b.type(new ValType[] {ValType.I32, ValType.I32}, new ValType[] {ValType.I32});
        WasmBuilder.Code f = b.function(type);
        f.op(0x20, 0).op(0x20, 1).op(0x6D).end(); // i32.div_s
        b.exportFunction("div", f.functionIndex);
        WasmModule.compile(b.build(), CompilerOptions.defaults().withDumpDirectory(dir));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.collect(Collectors.toList());
        }
        assertEquals(1, files.size(), files.toString());
        String text = Files.readString(files.get(0));
        assertTrue(text.contains("public static f0(IILdev/airlock/wasm/runtime/Instance;I)I"), text);
        assertTrue(text.contains("INVOKESTATIC dev/airlock/wasm/runtime/IntegerOps.i32DivS (II)I"), text);
    }
}
