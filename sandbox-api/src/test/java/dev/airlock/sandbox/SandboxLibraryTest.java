package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.wasm.LinkException;
import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.WasmModule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Libraries and what can go wrong creating sandboxes of them. */
class SandboxLibraryTest {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private static byte[] module(int... sections) {
        byte[] bytes = new byte[HEADER.length + sections.length];
        System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
        for (int i = 0; i < sections.length; i++) {
            bytes[HEADER.length + i] = (byte) sections[i];
        }
        return bytes;
    }

    @Test
    void describesItsBackend() {
        SandboxLibrary wasm = Probes.wasm();
        assertTrue(wasm.isIsolated());
        assertEquals("probe", wasm.name());
        assertEquals("wasm library probe", wasm.toString());
        SandboxLibrary nat = Probes.nativeLibrary();
        assertFalse(nat.isIsolated());
        assertEquals("libprobe.so", nat.name());
        SandboxLibrary precompiled = SandboxLibrary.wasm("again", WasmModule.compile(Probes.wasmBytes()));
        try (Sandbox sandbox = Sandbox.builder(precompiled).name("named").build()) {
            assertEquals("named", sandbox.name());
            assertEquals(precompiled, sandbox.library());
            assertTrue(sandbox.toString().contains("named"), sandbox.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> SandboxLibrary.wasm(" ", WasmModule.compile(Probes.wasmBytes())));
    }

    @Test
    void malformedBytesAreRefusedWhenTheLibraryIsMade() {
        assertThrows(MalformedModuleException.class, () -> SandboxLibrary.wasm("junk", new byte[] {1, 2, 3}));
    }

    @Test
    void moduleImportingMoreThanWasiCannotBeSandboxed() {
        // (import "env" "f" (func))
        SandboxLibrary lib = SandboxLibrary.wasm("importer", module(
                0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
                0x02, 0x09, 0x01, 0x03, 'e', 'n', 'v', 0x01, 'f', 0x00, 0x00));
        SandboxException e = assertThrows(SandboxException.class, () -> Sandbox.create(lib));
        assertInstanceOf(LinkException.class, e.getCause());
        assertTrue(e.getMessage().contains("WASI preview1 only"), e.getMessage());
    }

    @Test
    void moduleWithoutMemoryIsNotACLibrary() {
        SandboxException e = assertThrows(SandboxException.class, () -> Sandbox.create(SandboxLibrary.wasm("empty", module())));
        assertTrue(e.getMessage().contains("has no memory"), e.getMessage());
    }

    @Test
    void trapInInitializeFailsTheCreation() {
        // (memory 1) (func (export "_initialize") unreachable)
        SandboxLibrary lib = SandboxLibrary.wasm("bad-init", module(
                0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
                0x03, 0x02, 0x01, 0x00,
                0x05, 0x03, 0x01, 0x00, 0x01,
                0x07, 0x0f, 0x01, 0x0b, '_', 'i', 'n', 'i', 't', 'i', 'a', 'l', 'i', 'z', 'e', 0x00, 0x00,
                0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b));
        SandboxException e = assertThrows(SandboxException.class, () -> Sandbox.create(lib));
        assertInstanceOf(Trap.class, e.getCause());
        assertTrue(e.getMessage().contains("_initialize failed"), e.getMessage());
    }

    @Test
    void missingNativeLibraryIsReportedWhenASandboxIsCreated() {
        SandboxLibrary lib = SandboxLibrary.nativeLibrary(Path.of("/nonexistent/libnothing.so"));
        SandboxException e = assertThrows(SandboxException.class, () -> Sandbox.create(lib));
        assertTrue(e.getMessage().contains("cannot load the native library"), e.getMessage());
    }
}
