package dev.airlock.cli;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.DecodeLimits;
import dev.airlock.libs.SandboxException;
import dev.airlock.libs.TrueType;
import dev.airlock.libs.TrueTypeWasm;
import dev.airlock.libs.WasmModules;
import dev.airlock.libs.WasmVariant;
import dev.airlock.wasm.Trap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code airlock render-text FONT TEXT [--px N] [--index K] [-o OUT.png] [--timeout SECONDS]}:
 * renders one line of text with stb_truetype in the sandbox ({@link TrueTypeWasm},
 * {@link TrueType.Font#renderLine}) into an 8-bit grey PNG (white ink on black: the samples are
 * the glyphs' coverage).
 *
 * <p>The bitmap is sized to the line: its height is the font's ascent minus its descent at the
 * scale that makes that distance N pixels (the baseline at the scaled ascent, as {@code
 * renderLine} puts it), its width the pen's advance after the last glyph (advance widths and
 * kerning), measured by a first call of {@code renderLine} on an empty bitmap. Code points the
 * font has no glyph for are drawn as its missing glyph, and listed in a warning on stderr.
 *
 * <p>A file that is not a font, a font stb_truetype refuses, a trap, a timeout and a line beyond
 * the pixel limit print one line on stderr and exit {@link ExitStatus#FAILED}; an unreadable font
 * or an unwritable output exit {@link ExitStatus#BAD_INPUT}. No exception escapes for any input.
 */
final class RenderTextCommand implements Command {
    /** The name of the option that names the output file. */
    private static final String OUTPUT = "--output";
    /** The short name of {@link #OUTPUT}. */
    private static final String OUTPUT_SHORT = "-o";
    /** The name of the option that sets the pixel height. */
    private static final String PX = "--px";
    /** The name of the option that picks a face of a collection. */
    private static final String INDEX = "--index";
    /** The name of the option that limits the time of each call into the rasteriser. */
    private static final String TIMEOUT = "--timeout";

    /** The default of {@code --px}: the line is 32 pixels high. */
    static final int DEFAULT_PX = 32;
    /**
     * The largest {@code --px}: stb_truetype's {@code renderLine} skips glyphs of more than 2^24
     * pixels, which a much larger size would reach.
     */
    static final int MAX_PX = 2048;
    /** The default output file, in the current directory. */
    static final String DEFAULT_OUTPUT = "text.png";
    /** The default of {@code --timeout}: 10 seconds per call into the rasteriser. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The largest bitmap rendered, in pixels (bytes): the binding's default output limit, 2^28. */
    static final long MAX_PIXELS = DecodeLimits.DEFAULT.maxOutputBytes();
    /** How many code points without a glyph the warning names. */
    static final int MISSING_SHOWN = 8;
    /** How the messages call stb_truetype. */
    private static final String RASTERISER = "the rasteriser";

    /**
     * The directory relative paths (FONT, OUT.png) are resolved against, and where the default
     * output goes: the current directory in production, {@code Path.of("")}.
     */
    private final Path workingDirectory;

    /** The command as {@code airlock} runs it: paths relative to the current directory. */
    RenderTextCommand() {
        this(Path.of(""));
    }

    /** The command with relative paths resolved against {@code workingDirectory} (for tests). */
    RenderTextCommand(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public String name() {
        return "render-text";
    }

    @Override
    public String summary() {
        return "Render a line of text with a TrueType/OpenType font in the sandbox to a PNG";
    }

    @Override
    public String synopsis() {
        return "usage: airlock render-text FONT TEXT [--px N] [--index K] [-o OUT.png] [--timeout SECONDS]\n";
    }

    @Override
    public String help() {
        return synopsis()
                + "\n"
                + "Renders TEXT (one line, UTF-8) with the font FONT (TrueType, OpenType with TrueType or\n"
                + "CFF outlines, or a collection) using stb_truetype compiled to WebAssembly and run in\n"
                + "Airlock's sandbox, and writes an 8-bit grey PNG: black background, the glyphs' coverage\n"
                + "as white ink. The image is sized to the line: N pixels of ascent and descent high, as\n"
                + "wide as the glyphs' advances (with kerning). On success it prints one line:\n"
                + "  FONT: \"TEXT\" at N px -> OUT.png (WIDTHxHEIGHT)\n"
                + "Characters the font has no glyph for are drawn as its missing-glyph box and named in a\n"
                + "warning on stderr.\n"
                + "\n"
                + "Options:\n"
                + "  --px N                the height of the line in pixels, ascent to descent: 1 to " + MAX_PX
                + "\n"
                + "                        (default " + DEFAULT_PX + ")\n"
                + "  --index K             the face to use in a font collection (.ttc), from 0 (default 0)\n"
                + "  -o, --output OUT.png  where to write the PNG (replaced if it exists); default\n"
                + "                        " + DEFAULT_OUTPUT + " in the current directory\n"
                + "  --timeout SECONDS     stop a call into the rasteriser after SECONDS (decimals allowed,\n"
                + "                        0 for no limit); default " + OptionScanner.seconds(DEFAULT_TIMEOUT) + "\n"
                + "  -h, --help            show this help\n"
                + "Put '--' before a TEXT that starts with '-'.\n"
                + "\n"
                + "stb_truetype does not check the offsets it reads from a font, so a damaged or hostile\n"
                + "font would be dangerous in native code; in the sandbox, whatever it does, the failure is\n"
                + "one line on stderr:\n"
                + "  airlock render-text: FONT: not a font: ...\n"
                + "  airlock render-text: FONT: not a usable font: stbtt_InitFont rejected the font\n"
                + "  airlock render-text: FONT: the rasteriser trapped: out of bounds memory access\n"
                + "  airlock render-text: FONT: timed out after 10 s\n"
                + "and exit status 1. A missing or unreadable FONT, or an OUT that cannot be written,\n"
                + "exits 2.\n"
                + "\n"
                + "Examples:\n"
                + "  airlock render-text /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \"Hello\"\n"
                + "  airlock render-text NotoSansCJK.ttc \"Hello, world\" --index 2 --px 64 -o hello.png\n"
                + "\n"
                + Main.EXIT_STATUS_HELP;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options options = Options.parse(args);
        String prefix = "airlock " + name() + ": ";
        String font = options.font.toString();

        byte[] bytes;
        try {
            bytes = ImageFiles.read(workingDirectory.resolve(options.font), ImageFiles.MAX_INPUT_BYTES);
        } catch (IOException e) {
            err.println(prefix + "cannot read " + font + ": " + Diagnostics.reason(e));
            return ExitStatus.BAD_INPUT;
        } catch (ImageFiles.TooLargeException e) {
            err.println(prefix + font + ": " + e.getMessage());
            return ExitStatus.FAILED;
        }
        if (bytes.length == 0) {
            err.println(prefix + font + ": not a font: the file is empty");
            return ExitStatus.FAILED;
        }
        if (!TrueTypeWasm.isAvailable(WasmVariant.STANDARD)) {
            err.println(prefix + "the sandboxed stb_truetype (dev/airlock/libs/wasm/stb_truetype.wasm) is not on the"
                    + " class path: build the libs module with its C toolchain (scripts/prerequisites.sh)");
            return ExitStatus.INTERNAL_ERROR;
        }

        TrueTypeWasm truetype;
        try {
            // Compiles the module on first use: independent of the input, so a failure is a bug.
            truetype = new TrueTypeWasm(WasmVariant.STANDARD, DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            err.println(prefix + "internal error: cannot load the sandboxed stb_truetype: " + e.getClass().getName()
                    + ": " + Diagnostics.oneLine(e));
            Diagnostics.debugTrace(e, err);
            return ExitStatus.INTERNAL_ERROR;
        }

        Rendered rendered;
        byte[] png;
        try (truetype) {
            rendered = render(truetype, bytes, options);
            bytes = null;
            TrueType.TextLine line = rendered.line;
            png = ImageFiles.encodePng(ImageFiles.image(line.width(), line.height(), 1, line.pixels()));
        } catch (Refused e) {
            err.println(prefix + font + ": " + e.getMessage());
            return ExitStatus.FAILED;
        } catch (DecodeException e) {
            String reason = e.reason();
            err.println(prefix + font + ": not a usable font"
                    + (reason == null || reason.isBlank() ? "" : ": " + Diagnostics.libraryText(reason)));
            return ExitStatus.FAILED;
        } catch (SandboxException e) {
            err.println(prefix + font + ": " + Diagnostics.sandboxFailure(e, RASTERISER, options.timeout));
            return ExitStatus.FAILED;
        } catch (Trap t) {
            err.println(prefix + font + ": " + Diagnostics.trapFailure(t, RASTERISER, options.timeout));
            return ExitStatus.FAILED;
        } catch (OutOfMemoryError e) {
            err.println(prefix + font + ": out of memory (the Java heap is too small for this line; raise it with"
                    + " AIRLOCK_JAVA_OPTS=-Xmx..., or lower --px)");
            return ExitStatus.FAILED;
        } catch (IOException e) {
            err.println(prefix + font + ": cannot encode the PNG: " + Diagnostics.oneLine(e));
            return ExitStatus.FAILED;
        } catch (RuntimeException e) {
            // A check of the binding, a failure inside ImageIO:
            // still the input's doing, reported like the others.
            err.println(prefix + font + ": " + RASTERISER + " failed: " + e.getClass().getSimpleName() + ": "
                    + Diagnostics.libraryText(e.getMessage()));
            Diagnostics.debugTrace(e, err);
            return ExitStatus.FAILED;
        }

        Path target = workingDirectory.resolve(options.output);
        if (Files.isDirectory(target)) {
            err.println(prefix + "cannot write " + options.output + ": is a directory");
            return ExitStatus.BAD_INPUT;
        }
        try {
            Files.write(target, png);
        } catch (IOException e) {
            err.println(prefix + "cannot write " + options.output + ": " + Diagnostics.reason(e));
            return ExitStatus.BAD_INPUT;
        }
        if (!rendered.missing.isEmpty()) {
            err.println(prefix + "warning: " + font + " has no glyph for " + describe(rendered.missing)
                    + " (drawn as its missing glyph)");
        }
        TrueType.TextLine line = rendered.line;
        out.println(font + (options.indexGiven ? " (face " + options.index + ")" : "") + ": \"" + options.text
                + "\" at " + options.px + " px -> " + options.output + " (" + line.width() + "x" + line.height() + ")");
        return ExitStatus.OK;
    }

    /**
     * Opens the face with {@code truetype}, a fresh binding, and renders the line.
     *
     * @throws Refused if the file holds no font or not the face asked for, its metrics make no
     *     usable bitmap, or the bitmap would exceed {@link #MAX_PIXELS}
     * @throws DecodeException if stb_truetype refuses the font
     * @throws SandboxException if the rasteriser trapped, timed out or returned something invalid
     */
    private static Rendered render(TrueTypeWasm truetype, byte[] file, Options options) throws Refused {
        truetype.setCallTimeout(options.timeout);
        int faces = truetype.numberOfFonts(file);
        if (faces <= 0) {
            throw new Refused("not a font: stb_truetype finds neither a TrueType/OpenType font nor a collection");
        }
        if (options.index >= faces) {
            throw new Refused("no face number " + options.index + ": the file holds " + faces + " face"
                    + (faces == 1 ? "" : "s"));
        }
        try (TrueType.Font font = truetype.open(file, options.index)) {
            float px = options.px;
            float scale = font.scaleForPixelHeight(px);
            TrueType.VMetrics metrics = font.verticalMetrics();
            // As the glue computes it: the baseline at the scaled ascent, truncated.
            long baseline = (long) (metrics.ascent() * scale);
            long below = (long) Math.ceil(-(metrics.descent() * scale));
            long height = baseline + below;
            if (!(scale > 0) || Float.isInfinite(scale) || height < 1 || height > 4L * MAX_PX) {
                throw new Refused("unusable vertical metrics (ascent " + metrics.ascent() + ", descent "
                        + metrics.descent() + ")");
            }
            long width = Math.max(1, font.renderLine(options.text, px, 0, 0).advance());
            if (width * height > MAX_PIXELS) {
                throw new Refused("the line would be " + width + "x" + height + " pixels, more than the limit of "
                        + MAX_PIXELS);
            }
            TrueType.TextLine line = font.renderLine(options.text, px, (int) width, (int) height);
            List<Integer> missing = new ArrayList<>();
            options.text.codePoints().distinct().filter(c -> font.glyphIndex(c) == 0).forEach(missing::add);
            return new Rendered(line, missing);
        }
    }

    /** Code points as {@code U+4E2D 'x', ...}, the first {@link #MISSING_SHOWN} of them. */
    private static String describe(List<Integer> codepoints) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(codepoints.size(), MISSING_SHOWN); i++) {
            int c = codepoints.get(i);
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "U+%04X", c));
            if (!Character.isISOControl(c) && !Character.isWhitespace(c)) {
                sb.append(" '").appendCodePoint(c).append('\'');
            }
        }
        if (codepoints.size() > MISSING_SHOWN) {
            sb.append(" and ").append(codepoints.size() - MISSING_SHOWN).append(" more");
        }
        return sb.toString();
    }

    /**
     * A rendered line.
     *
     * @param line the bitmap and layout {@code renderLine} returned
     * @param missing the distinct code points of the text the font has no glyph for, in order
     */
    private record Rendered(TrueType.TextLine line, List<Integer> missing) {
    }

    /** The host refused to render (no such face, unusable metrics, too large); the message says why. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        /** A refusal with its one-line reason. */
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The parsed command line of {@code airlock render-text}. */
    private static final class Options {
        /** The font file. */
        Path font;
        /** The line of text. */
        String text;
        /** The height of the line in pixels. */
        int px = DEFAULT_PX;
        /** Whether {@code --px} was given. */
        boolean pxGiven;
        /** The face of a collection. */
        int index;
        /** Whether {@code --index} was given. */
        boolean indexGiven;
        /** The output file as given (relative to the working directory). */
        Path output;
        /** How long one call into the rasteriser may run, or null for no limit. */
        Duration timeout = DEFAULT_TIMEOUT;
        /** Whether {@code --timeout} was given. */
        boolean timeoutGiven;

        /**
         * Parses the arguments of {@code airlock render-text}.
         *
         * @throws UsageException if an option is unknown, repeated or lacks a valid value, or FONT
         *     and TEXT are not the two operands, or TEXT is empty or more than one line
         */
        static Options parse(List<String> args) throws UsageException {
            Options o = new Options();
            OptionScanner scanner = new OptionScanner(args);
            String option;
            while ((option = scanner.nextOption()) != null) {
                switch (option) {
                    case OUTPUT_SHORT:
                    case OUTPUT:
                        if (o.output != null) {
                            throw scanner.givenTwice();
                        }
                        o.output = OptionScanner.path(scanner.value(), "OUT.png");
                        break;
                    case PX:
                        if (o.pxGiven) {
                            throw scanner.givenTwice();
                        }
                        o.pxGiven = true;
                        o.px = (int) scanner.integerValue(1, MAX_PX);
                        break;
                    case INDEX:
                        if (o.indexGiven) {
                            throw scanner.givenTwice();
                        }
                        o.indexGiven = true;
                        o.index = (int) scanner.integerValue(0, Integer.MAX_VALUE);
                        break;
                    case TIMEOUT:
                        if (o.timeoutGiven) {
                            throw scanner.givenTwice();
                        }
                        o.timeoutGiven = true;
                        Duration d = scanner.secondsValue(DecodeCommand.MAX_TIMEOUT_SECONDS);
                        o.timeout = d.isZero() ? null : d;
                        break;
                    default:
                        throw scanner.unknownOption();
                }
            }
            List<String> operands = scanner.operands();
            if (operands.isEmpty()) {
                throw new UsageException("missing FONT and TEXT");
            }
            if (operands.size() == 1) {
                throw new UsageException("missing TEXT (the line to render)");
            }
            if (operands.size() > 2) {
                throw new UsageException("expected FONT and TEXT, got " + operands.size()
                        + " operands (quote a TEXT with spaces)");
            }
            o.font = OptionScanner.path(operands.get(0), "FONT");
            o.text = operands.get(1);
            if (o.text.isEmpty()) {
                throw new UsageException("TEXT is empty");
            }
            if (o.text.indexOf('\n') >= 0 || o.text.indexOf('\r') >= 0) {
                throw new UsageException("TEXT must be one line");
            }
            if (o.output == null) {
                o.output = Path.of(DEFAULT_OUTPUT);
            }
            return o;
        }
    }
}
