package dev.airlock.libs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.ExternKind;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.syntax.Export;
import dev.airlock.wasm.syntax.Import;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The libraries' modules: what they import and export, compile once, and a trapping instance is replaced. */
class WasmModulesTest {
    /** wasi-libc's stdio, linked in for assert()'s message; nothing else. */
    private static final Set<String> WASI_IMPORTS = Set.of("fd_close", "fd_seek", "fd_write");

    @Test
    void modulesImportOnlyStdioFromWasi() {
        for (String library : new String[] {"stb_image", "stb_truetype", "qoi"}) {
            Prerequisites.assumeBuilt(library);
            for (WasmVariant variant : WasmVariant.values()) {
                if (!WasmModules.isAvailable(library, variant)) {
                    continue;
                }
                WasmModule module = WasmModules.module(library, variant);
                assertSame(module, WasmModules.module(library, variant), "compiled once");
                for (Import imp : module.imports()) {
                    assertEquals(ExternKind.FUNCTION, imp.kind(), library + ": " + imp);
                    assertEquals("wasi_snapshot_preview1", imp.module(), library + ": " + imp);
                    assertTrue(WASI_IMPORTS.contains(imp.name()), library + " imports " + imp.name());
                }
                Set<String> exports = new TreeSet<>();
                for (Export e : module.exports()) {
                    exports.add(e.name());
                }
                assertTrue(exports.containsAll(Set.of("memory", "_initialize", "malloc", "free")), library + ": " + exports);
            }
        }
    }

    @Test
    void trapDiscardsTheInstanceAndReportsStderr() {
        Prerequisites.assumeBuilt("stb_image");
        try (StbImageWasm stb = new StbImageWasm()) {
            WasmGlueRuntime runtime = (WasmGlueRuntime) stb.runtime;
            byte[] png = TestImages.imageio(TestImages.bufferedImage(TestImages.pattern(8, 8, 3, 1), 8, 8, 3), "png");
            assertEquals(8 * 8 * 3, stb.load(png, 0).pixels().length);
            var first = runtime.currentInstance();
            // An input pointer past the end of memory: the glue's read traps.
            SandboxException e = assertThrows(SandboxException.class,
                    () -> runtime.callPointer("airlock_stbi_load", 0xFFFF_FF00L, 100, 0, 1 << 20, 16L));
            assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, e.trap().kind());
            assertEquals(null, runtime.currentInstance());
            assertEquals(8 * 8 * 3, stb.load(png, 0).pixels().length);
            assertTrue(runtime.currentInstance() != first, "a fresh instance");
            // A pointer the host must refuse to read: outside the memory.
            SandboxException refused = assertThrows(SandboxException.class, () -> runtime.read(0xFFFF_0000L, 1 << 20));
            assertEquals(null, refused.trap());
        }
    }

    @Test
    void memoryCapFailsAllocationsCleanly() {
        Prerequisites.assumeBuilt("stb_image");
        // 40 pages: the 1 MiB stack and a little heap; a 1000x1000 image cannot be decoded.
        try (StbImageWasm stb = new StbImageWasm(WasmVariant.STANDARD, DecodeLimits.DEFAULT,
                WasmModules.DEFAULT_CONFIG.withMaxMemoryPages(40))) {
            byte[] big = TestImages.imageio(TestImages.bufferedImage(TestImages.pattern(1000, 1000, 3, 2), 1000, 1000, 3), "png");
            LibraryException e = assertThrows(LibraryException.class, () -> stb.load(big, 0));
            assertTrue(e instanceof DecodeException || e instanceof SandboxException, e.toString());
            byte[] small = TestImages.imageio(TestImages.bufferedImage(TestImages.pattern(16, 16, 3, 2), 16, 16, 3), "png");
            assertEquals(16 * 16 * 3, stb.load(small, 0).pixels().length);
        }
    }
}
