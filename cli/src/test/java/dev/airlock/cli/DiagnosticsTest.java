package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.libs.SandboxException;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Diagnostics}: the one-line reasons printed for sandbox failures and I/O errors. */
class DiagnosticsTest {
    @Test
    void trapsTimeoutsAndRefusedResults() {
        SandboxException oob = new SandboxException("stb_image.wasm: airlock_stbi_load trapped: out of bounds memory access",
                new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY));
        assertEquals("the decoder trapped: out of bounds memory access",
                Diagnostics.sandboxFailure(oob, "the decoder", Duration.ofSeconds(10)));

        SandboxException interrupted = new SandboxException("stb_image.wasm: airlock_stbi_load trapped: interrupted",
                new Trap(TrapKind.INTERRUPTED));
        assertEquals("timed out after 10 s", Diagnostics.sandboxFailure(interrupted, "the decoder", Duration.ofSeconds(10)));
        assertEquals("timed out after 0.25 s",
                Diagnostics.sandboxFailure(interrupted, "the decoder", Duration.ofMillis(250)));

        SandboxException withStderr = new SandboxException(
                "x.wasm: f trapped: unreachable; stderr: Assertion failed: n < 4\nat line 3", new Trap(TrapKind.UNREACHABLE));
        assertEquals("the rasteriser trapped: unreachable; stderr: Assertion failed: n < 4 at line 3",
                Diagnostics.sandboxFailure(withStderr, "the rasteriser", null));

        SandboxException refused = new SandboxException("the library returned -3 channels");
        assertEquals("the decoder returned an invalid result: the library returned -3 channels",
                Diagnostics.sandboxFailure(refused, "the decoder", null));
    }

    @Test
    void bareTraps() {
        assertEquals("the decoder trapped: unreachable",
                Diagnostics.trapFailure(new Trap(TrapKind.UNREACHABLE), "the decoder", Duration.ofSeconds(1)));
        assertEquals("timed out after 2 s",
                Diagnostics.trapFailure(new Trap(TrapKind.INTERRUPTED), "the decoder", Duration.ofSeconds(2)));
        assertEquals("the decoder trapped: interrupted",
                Diagnostics.trapFailure(new Trap(TrapKind.INTERRUPTED), "the decoder", null));
    }

    @Test
    void libraryTextIsMadeSafeToPrint() {
        assertEquals("bad ?[31mred?[0m ? bell", Diagnostics.libraryText("bad \u001b[31mred\u001b[0m \u0007 bell"));
        assertEquals("two lines", Diagnostics.libraryText("two\nlines"));
        String longText = Diagnostics.libraryText("x".repeat(1000));
        assertEquals(Diagnostics.MAX_LIBRARY_TEXT + 3, longText.length());
        assertTrue(longText.endsWith("..."));
        assertEquals("(no details)", Diagnostics.libraryText(""));
    }

    @Test
    void fileSystemReasonsWithoutTheFileNames() {
        assertEquals("is a directory", Diagnostics.reason(new FileSystemException("/tmp", null, "Is a directory")));
        assertEquals("disk on fire", Diagnostics.reason(new IOException("disk on fire")));
    }
}
