package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samples/GenerateSample.java}, the generator of the README's sample image: run as a
 * single-file program, it draws an image of the size the README promises, small, and the same
 * as the committed {@code samples/sample.jpg} (pixel for pixel up to JPEG noise, so that another
 * JDK's rasteriser or encoder does not fail the test).
 */
class GenerateSampleTest {
    /** The repository root, seen from the cli module's directory (where Maven runs the tests). */
    static final Path ROOT = Path.of("..");

    /** Where the regenerated sample is written. */
    @TempDir
    Path dir;

    @Test
    void regeneratesTheCommittedSample() throws IOException, InterruptedException {
        Path committed = ROOT.resolve("samples/sample.jpg");
        Path generator = ROOT.resolve("samples/GenerateSample.java");
        assertTrue(Files.isRegularFile(generator), generator + " is missing");
        assertTrue(Files.isRegularFile(committed), committed + " is missing");
        Path out = dir.resolve("sample.jpg");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), generator.toString(), out.toString()))
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the generator did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.startsWith(out + ": 320x200, "), output);

        assertTrue(Files.size(out) < 100_000, "the sample should stay well under 100 KB");
        BufferedImage fresh = ImageIO.read(out.toFile());
        BufferedImage old = ImageIO.read(committed.toFile());
        assertEquals(320, fresh.getWidth());
        assertEquals(200, fresh.getHeight());
        assertEquals(old.getWidth(), fresh.getWidth());
        assertEquals(old.getHeight(), fresh.getHeight());
        double difference = DecodeCommandTest.meanDifference(DecodeCommandTest.rgbSamples(old, false),
                DecodeCommandTest.rgbSamples(fresh, false));
        assertTrue(difference < 2, "the committed sample is not what the generator draws (mean difference "
                + difference + "): run java samples/GenerateSample.java");
    }
}
