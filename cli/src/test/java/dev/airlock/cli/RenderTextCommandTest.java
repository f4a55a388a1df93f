package dev.airlock.cli;

import static dev.airlock.cli.DecodeCommandTest.assertNoStackTrace;
import static dev.airlock.cli.DecodeCommandTest.assertOneLineFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airlock.libs.TrueType;
import dev.airlock.libs.TrueTypeWasm;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code airlock render-text}: the PNG's size follows the font's metrics and advances, some
 * pixels are inked and the background is not; the default output name; faces of a collection;
 * broken fonts end in one line on stderr and exit 1; usage errors exit 64. The font is the
 * system's DejaVu Sans, or else a font of the corpus; the tests skip when there is neither.
 */
class RenderTextCommandTest {
    /** The system font the tests prefer. */
    static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    /** Where the outputs and broken fonts are written. */
    @TempDir
    Path dir;

    /** The corpus's files directory ({@code ${AIRLOCK_CORPUS:-$HOME/.cache/airlock/corpus}/files}). */
    static Path corpusFiles() {
        String env = System.getenv("AIRLOCK_CORPUS");
        Path root = env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "airlock", "corpus");
        return root.resolve("files");
    }

    /** The first file (by path) under {@code root} whose name ends in {@code suffix}. */
    static Optional<Path> find(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(suffix))
                    .filter(Files::isRegularFile).min(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** DejaVu Sans, or else the corpus's first TrueType font; skips the test if there is neither. */
    static Path font() {
        if (Files.isRegularFile(DEJAVU)) {
            return DEJAVU;
        }
        Optional<Path> corpus = find(corpusFiles(), ".ttf");
        assumeTrue(corpus.isPresent(), () -> "no font to render with: neither " + DEJAVU + " nor a .ttf under "
                + corpusFiles() + " (install fonts-dejavu-core, or run scripts/fetch-corpus.sh)");
        return corpus.get();
    }

    /** Runs {@code airlock render-text ARGS}, checking that no stack trace or exception name was printed. */
    private static Cli.Result render(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "render-text";
        System.arraycopy(args, 0, full, 1, args.length);
        Cli.Result r = Cli.run(full);
        assertNoStackTrace(r);
        return r;
    }

    /**
     * The width and height the line should have, computed here from the font's metrics through
     * the sandboxed binding, the same float arithmetic as the glue's layout.
     */
    static int[] expectedSize(Path fontFile, String text, int px) throws IOException {
        byte[] bytes = Files.readAllBytes(fontFile);
        try (TrueTypeWasm truetype = new TrueTypeWasm(); TrueType.Font font = truetype.open(bytes, 0)) {
            float scale = font.scaleForPixelHeight(px);
            TrueType.VMetrics metrics = font.verticalMetrics();
            int height = (int) (metrics.ascent() * scale) + (int) Math.ceil(-(metrics.descent() * scale));
            float x = 0;
            int previous = -1;
            for (int c : text.codePoints().toArray()) {
                int glyph = font.glyphIndex(c);
                if (previous >= 0) {
                    x += scale * font.glyphKernAdvance(previous, glyph);
                }
                x += scale * font.glyphHMetrics(glyph).advanceWidth();
                previous = glyph;
            }
            return new int[] {(int) Math.ceil(x), height};
        }
    }

    /** How many pixels of a grey image are at least {@code threshold}. */
    static int inked(BufferedImage image, int threshold) {
        int[] samples = DecodeCommandTest.samples(image);
        return (int) Arrays.stream(samples).filter(v -> v >= threshold).count();
    }

    // ------------------------------------------------------------------ rendering

    @Test
    void rendersALineSizedToItsAdvancesAndMetrics() throws IOException {
        Path font = font();
        Path out = dir.resolve("hello.png");
        Cli.Result r = render(font.toString(), "Hello", "-o", out.toString());
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertEquals("", r.err(), r::toString);
        int[] size = expectedSize(font, "Hello", 32);
        assertEquals(font + ": \"Hello\" at 32 px -> " + out + " (" + size[0] + "x" + size[1] + ")\n", r.out());
        assertTrue(Math.abs(size[1] - 32) <= 1, "ascent - descent is 32 pixels: " + size[1]);

        byte[] png = Files.readAllBytes(out);
        assertEquals(8, png[24], "8-bit");
        assertEquals(0, png[25], "grey");
        BufferedImage image = ImageIO.read(out.toFile());
        assertEquals(size[0], image.getWidth());
        assertEquals(size[1], image.getHeight());
        int pixels = image.getWidth() * image.getHeight();
        int ink = inked(image, 128);
        assertTrue(ink > pixels / 20, "some pixels are inked: " + ink + " of " + pixels);
        assertTrue(ink < pixels / 2, "the background is not: " + ink + " of " + pixels);
        assertTrue(inked(image, 255) > 0, "some pixels are fully covered");
    }

    @Test
    void pxScalesTheLine() throws IOException {
        Path font = font();
        Path out = dir.resolve("big.png");
        Cli.Result r = render(font.toString(), "Airlock sandbox", "--px", "64", "-o", out.toString());
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        int[] size = expectedSize(font, "Airlock sandbox", 64);
        assertTrue(r.out().endsWith(" at 64 px -> " + out + " (" + size[0] + "x" + size[1] + ")\n"), r::toString);
        BufferedImage image = ImageIO.read(out.toFile());
        assertEquals(size[0], image.getWidth());
        assertEquals(size[1], image.getHeight());
        int[] small = expectedSize(font, "Airlock sandbox", 32);
        assertTrue(Math.abs(size[0] - 2 * small[0]) <= 2, "twice the size, twice the width");
        assertTrue(inked(image, 128) > 0);
    }

    @Test
    void writesTextPngInTheWorkingDirectoryByDefault() throws IOException {
        Path font = font();
        Cli.Result r = Cli.run(new RenderTextCommand(dir), font.toString(), "Ok");
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertTrue(r.out().startsWith(font + ": \"Ok\" at 32 px -> text.png ("), r::toString);
        assertTrue(Files.isRegularFile(dir.resolve("text.png")));
        assertTrue(inked(ImageIO.read(dir.resolve("text.png").toFile()), 128) > 0);
    }

    @Test
    void charactersWithoutAGlyphAreNamedInAWarning() throws IOException {
        Path font = font();
        int[] missing = {0x4E2D, 0xE000};
        String text = "A" + new String(missing, 0, 2);
        byte[] bytes = Files.readAllBytes(font);
        try (TrueTypeWasm truetype = new TrueTypeWasm(); TrueType.Font f = truetype.open(bytes, 0)) {
            assumeTrue(f.glyphIndex(missing[0]) == 0 && f.glyphIndex(missing[1]) == 0, "the font has these glyphs");
        }
        Path out = dir.resolve("missing.png");
        Cli.Result r = render(font.toString(), text, "-o", out.toString());
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertEquals("airlock render-text: warning: " + font + " has no glyph for U+4E2D '\u4E2D', U+E000 '\uE000'"
                + " (drawn as its missing glyph)\n", r.err());
        assertEquals(1, r.out().split("\n").length, r::toString);
    }

    @Test
    void facesOfACollection() throws IOException {
        Path font = font();
        // A plain font has one face.
        assertOneLineFailure(render(font.toString(), "x", "--index", "1", "-o", dir.resolve("f.png").toString()),
                ExitStatus.FAILED, "airlock render-text: " + font + ": no face number 1: the file holds 1 face\n");

        Optional<Path> collection = find(corpusFiles(), ".ttc").or(() -> find(Path.of("/usr/share/fonts"), ".ttc"));
        assumeTrue(collection.isPresent(), "no font collection (.ttc) in the corpus or /usr/share/fonts");
        Path ttc = collection.get();
        Path out = dir.resolve("face.png");
        Cli.Result r = render(ttc.toString(), "Face", "--index", "1", "-o", out.toString());
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertTrue(r.out().startsWith(ttc + " (face 1): \"Face\" at 32 px -> " + out), r::toString);
        assertTrue(inked(ImageIO.read(out.toFile()), 128) > 0);
        Cli.Result beyond = render(ttc.toString(), "Face", "--index", "999", "-o", out.toString());
        assertOneLineFailure(beyond, ExitStatus.FAILED, "airlock render-text: " + ttc + ": no face number 999: the file holds ");
    }

    @Test
    void aLineBeyondThePixelLimitIsRefused() {
        Path font = font();
        Path out = dir.resolve("wide.png");
        Cli.Result r = render(font.toString(), "W".repeat(400), "--px", "2048", "-o", out.toString());
        assertOneLineFailure(r, ExitStatus.FAILED, "airlock render-text: " + font + ": the line would be ");
        assertTrue(r.err().contains("pixels, more than the limit of " + RenderTextCommand.MAX_PIXELS), r::toString);
        assertFalse(Files.exists(out));
    }

    // ------------------------------------------------------------------ broken fonts

    @Test
    void brokenFontsExit1() throws IOException {
        Path out = dir.resolve("broken.png");
        Path text = dir.resolve("notes.ttf");
        Files.write(text, "not a font at all\n".getBytes(StandardCharsets.UTF_8));
        assertOneLineFailure(render(text.toString(), "Hello", "-o", out.toString()), ExitStatus.FAILED,
                "airlock render-text: " + text + ": not a font: ");

        Path empty = Files.write(dir.resolve("empty.ttf"), new byte[0]);
        assertOneLineFailure(render(empty.toString(), "Hello", "-o", out.toString()), ExitStatus.FAILED,
                "airlock render-text: " + empty + ": not a font: the file is empty\n");

        // A TrueType header with a table directory of garbage: stb_truetype finds no usable tables.
        byte[] header = {0, 1, 0, 0, 0, 4, 0, 0x40, 0, 2, 0, 0};
        byte[] garbage = Arrays.copyOf(header, 12 + 4 * 16);
        new Random(7).nextBytes(garbage);
        System.arraycopy(header, 0, garbage, 0, header.length);
        Path junk = Files.write(dir.resolve("junk.ttf"), garbage);
        assertOneLineFailure(render(junk.toString(), "Hello", "-o", out.toString()), ExitStatus.FAILED,
                "airlock render-text: " + junk + ": not a usable font: stbtt_InitFont rejected the font\n");

        // A real font cut short after its table directory.
        byte[] real = Files.readAllBytes(font());
        Path cut = Files.write(dir.resolve("cut.ttf"), Arrays.copyOf(real, 200));
        Cli.Result r = render(cut.toString(), "Hello", "-o", out.toString(), "--timeout", "20");
        assertOneLineFailure(r, ExitStatus.FAILED, "airlock render-text: " + cut + ": ");
        assertFalse(Files.exists(out), "no output for a failure");
    }

    @Test
    void damagedFontsNeverEscape() throws IOException {
        byte[] real = Files.readAllBytes(font());
        Random random = new Random(42);
        Path file = dir.resolve("damaged.ttf");
        Path out = dir.resolve("damaged.png");
        int failed = 0;
        for (int i = 0; i < 12; i++) {
            byte[] damaged = i % 4 == 3 ? Arrays.copyOf(real, 1 + random.nextInt(real.length - 1)) : real.clone();
            if (i % 4 != 3) {
                // Damage the table directory and the tables near it, where the offsets are.
                for (int flips = 0; flips < 1 + i * 2; flips++) {
                    damaged[random.nextInt(Math.min(damaged.length, 4096))] ^= (byte) (1 << random.nextInt(8));
                }
            }
            Files.write(file, damaged);
            Files.deleteIfExists(out);
            Cli.Result r = render(file.toString(), "Sandbox 123", "-o", out.toString(), "--timeout", "20");
            if (r.status() == ExitStatus.OK) {
                assertTrue(Files.isRegularFile(out), r::toString);
                assertEquals(1, r.out().split("\n").length, r::toString);
            } else {
                assertOneLineFailure(r, ExitStatus.FAILED, "airlock render-text: " + file + ": ");
                failed++;
            }
        }
        System.out.println("render-text: " + failed + " of 12 damaged fonts refused");
    }

    @Test
    void missingFontExits2() {
        Path missing = dir.resolve("nope.ttf");
        assertOneLineFailure(render(missing.toString(), "Hi"), ExitStatus.BAD_INPUT,
                "airlock render-text: cannot read " + missing + ": no such file or directory\n");
    }

    // ------------------------------------------------------------------ usage

    @Test
    void usageErrorsExit64() {
        String[][] bad = {
            {}, {"f.ttf"}, {"f.ttf", ""}, {"f.ttf", "two\nlines"}, {"f.ttf", "a", "b"}, {"f.ttf", "a", "--px", "0"},
            {"f.ttf", "a", "--px", String.valueOf(RenderTextCommand.MAX_PX + 1)}, {"f.ttf", "a", "--px", "12.5"},
            {"f.ttf", "a", "--index", "-1"}, {"f.ttf", "a", "--timeout", "x"}, {"f.ttf", "-5 degrees"},
            {"f.ttf", "a", "--px", "8", "--px", "9"}, {"f.ttf", "a", "--bold"},
        };
        for (String[] args : bad) {
            Cli.Result r = render(args);
            assertEquals(ExitStatus.USAGE, r.status(), () -> Arrays.toString(args) + "\n" + r);
            assertTrue(r.err().startsWith("airlock render-text: "), r::toString);
            assertTrue(r.err().contains("usage: airlock render-text FONT TEXT"), r::toString);
        }
        Cli.Result dash = render("-5 degrees");
        assertTrue(dash.err().contains("put '--' before"), dash::toString);
    }

    @Test
    void aTextStartingWithADashFollowsDoubleDash() {
        Path font = font();
        Path out = dir.resolve("minus.png");
        Cli.Result r = render(font.toString(), "-o", out.toString(), "--", "-5 °C");
        assertEquals(ExitStatus.OK, r.status(), r::toString);
        assertTrue(r.out().startsWith(font + ": \"-5 °C\" at 32 px -> " + out), r::toString);
    }

    @Test
    void helpDescribesOptionsAndFailures() {
        Cli.Result r = Cli.run("help", "render-text");
        assertEquals(ExitStatus.OK, r.status());
        for (String s : new String[] {"--px N", "--index K", "-o, --output OUT.png", "--timeout SECONDS", "text.png",
                "not a font", "Exit status:"}) {
            assertTrue(r.out().contains(s), () -> s + " missing from\n" + r);
        }
    }
}
