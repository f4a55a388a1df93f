package dev.airlock.wasm.wasi;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.runtime.Memory;
import dev.airlock.wasm.testing.WasmBuilder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test helper: a module that imports all 46 preview1 functions and exports, for each, a function
 * {@code call_NAME} of the same type that passes its arguments through, plus a memory of two
 * pages (growable to four) — so tests can call the WASI functions with any arguments from Java,
 * as the module would.
 */
final class WasiHarness {
    /** The import types, by name, in witx order. */
    static final Map<String, FuncType> TYPES = types();

    /** The module (compiled once). */
    private static final WasmModule MODULE = WasmModule.compile(build());

    /** The WASI under test. */
    final Wasi wasi;
    /** The instance that calls it. */
    final Instance instance;
    /** The instance's memory. */
    final Memory memory;

    WasiHarness(WasiConfig config) {
        this.wasi = new Wasi(config);
        this.instance = MODULE.instantiate(wasi.addTo(new Imports()));
        this.memory = instance.memory();
    }

    /** Another instance of the harness module linked to the same {@link Wasi}. */
    Instance anotherInstance() {
        return MODULE.instantiate(wasi.addTo(new Imports()));
    }

    /** Calls {@code name} with {@code args} (Integer or Long as its type says) and returns the errno. */
    int call(String name, Object... args) {
        Object[] r = instance.function("call_" + name).call(args);
        return (Integer) r[0];
    }

    /** Writes {@code s} (UTF-8) at {@code address}; returns its length in bytes. */
    int string(int address, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        memory.write(address, b);
        return b.length;
    }

    /** The u32 at {@code address}. */
    int u32(int address) {
        return memory.readInt(address);
    }

    /** The u64 at {@code address}. */
    long u64(int address) {
        return memory.readLong(address);
    }

    /** Writes a (c)iovec array at {@code at}: pairs of buffer address and length. */
    void iovecs(int at, int... bufferAndLength) {
        for (int i = 0; i < bufferAndLength.length; i++) {
            memory.writeInt(at + 4L * i, bufferAndLength[i]);
        }
    }

    /** Opens {@code path} below descriptor {@code dir}; returns the new descriptor or throws with the errno. */
    int open(int dir, String path, int oflags, long rights, int fdflags) {
        int len = string(1000, path);
        int errno = call("path_open", dir, WasiTypes.LOOKUP_SYMLINK_FOLLOW, 1000, len, oflags, rights, rights, fdflags, 900);
        if (errno != 0) {
            throw new AssertionError("path_open " + path + ": errno " + errno);
        }
        return u32(900);
    }

    private static Map<String, FuncType> types() {
        Map<String, FuncType> types = new LinkedHashMap<>();
        for (Preview1Functions.Function f : Preview1Functions.bind(new WasiContext(WasiConfig.builder().build()))) {
            types.put(f.name(), f.function().type());
        }
        return types;
    }

    private static byte[] build() {
        WasmBuilder b = new WasmBuilder();
        Map<String, Integer> imported = new LinkedHashMap<>();
        for (Map.Entry<String, FuncType> e : TYPES.entrySet()) {
            imported.put(e.getKey(), b.importFunction(Wasi.MODULE, e.getKey(), typeIndex(b, e.getValue())));
        }
        for (Map.Entry<String, FuncType> e : TYPES.entrySet()) {
            FuncType t = e.getValue();
            WasmBuilder.Code code = b.function(typeIndex(b, t));
            for (int i = 0; i < t.paramCount(); i++) {
                code.op(0x20, i);
            }
            code.op(0x10, imported.get(e.getKey())).end();
            b.exportFunction("call_" + e.getKey(), code.functionIndex);
        }
        b.memory(2, 4).export("memory", 2, 0);
        return b.build();
    }

    private static int typeIndex(WasmBuilder b, FuncType t) {
        ValType[] params = new ValType[t.paramCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = t.param(i);
        }
        ValType[] results = new ValType[t.resultCount()];
        for (int i = 0; i < results.length; i++) {
            results[i] = t.result(i);
        }
        return b.type(params, results);
    }
}
