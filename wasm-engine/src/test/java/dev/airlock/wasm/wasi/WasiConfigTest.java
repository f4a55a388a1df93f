package dev.airlock.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WasiConfig}: defaults grant nothing, the builder checks its input, the result is immutable. */
class WasiConfigTest {
    /** For preopened directories. */
    @TempDir
    Path tmp;

    @Test
    void defaultsGrantNothing() throws IOException {
        WasiConfig c = WasiConfig.builder().build();
        assertEquals(List.of(), c.args());
        assertEquals(Map.of(), c.environment());
        assertEquals(List.of(), c.preopens());
        assertEquals(-1, c.stdin().read());
        c.stdout().write(new byte[10]);
        assertTrue(c.random() instanceof SecureRandom);
        assertEquals(WasiClock.system(), c.clock());
    }

    @Test
    void theBuilderChecksItsInput() throws IOException {
        WasiConfig.Builder b = WasiConfig.builder();
        assertThrows(IllegalArgumentException.class, () -> b.args("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> b.env("A=B", "x"));
        assertThrows(IllegalArgumentException.class, () -> b.env("", "x"));
        assertThrows(IllegalArgumentException.class, () -> b.env("A", "x\0"));
        assertThrows(IllegalArgumentException.class, () -> b.preopen(tmp.resolve("missing"), "/m"));
        Path file = Files.writeString(tmp.resolve("file"), "");
        assertThrows(IllegalArgumentException.class, () -> b.preopen(file, "/f"));
        assertThrows(IllegalArgumentException.class, () -> b.preopen(tmp, ""));
        assertThrows(NullPointerException.class, () -> b.stdout(null));
    }

    @Test
    void preopensAreRealPathsInOrder() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        WasiConfig c = WasiConfig.builder().preopen(link, "/a").preopenReadOnly(real, "/b").build();
        assertEquals(List.of(new WasiConfig.Preopen(real.toRealPath(), "/a", false),
                new WasiConfig.Preopen(real.toRealPath(), "/b", true)), c.preopens());
    }

    @Test
    void theConfigurationIsACopy() {
        List<String> args = new ArrayList<>(List.of("prog", "x"));
        WasiConfig.Builder b = WasiConfig.builder().args(args).env("A", "1");
        WasiConfig c = b.build();
        args.add("y");
        b.env("B", "2").args("other");
        assertEquals(List.of("prog", "x"), c.args());
        assertEquals(Map.of("A", "1"), c.environment());
        assertThrows(UnsupportedOperationException.class, () -> c.args().add("z"));
        assertThrows(UnsupportedOperationException.class, () -> c.environment().put("z", "z"));
    }
}
