package dev.airlock.cli;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.DecodeLimits;
import dev.airlock.libs.SandboxException;
import dev.airlock.libs.StbImage;
import dev.airlock.libs.StbImageWasm;
import dev.airlock.libs.WasmModules;
import dev.airlock.libs.WasmVariant;
import dev.airlock.wasm.Trap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code airlock decode FILE [-o OUT.png] [--max-pixels N] [--timeout SECONDS]}: decodes an image
 * with stb_image in the sandbox ({@link StbImageWasm}, standard build) and writes it as a PNG with
 * {@code javax.imageio}, keeping the file's channels (grey, grey and alpha, RGB, RGBA).
 *
 * <p>The image is decoded to 8-bit samples: 16-bit images are reduced, HDR images tone-mapped by
 * stb_image's own conversion (gamma 2.2, scale 1), a GIF gives its first frame. The header is read
 * first ({@code stbi_info}), so that an image beyond {@code --max-pixels} is refused before it is
 * decoded; the binding's {@link DecodeLimits} (four bytes per pixel) refuse it again should the
 * decoder disagree with its own header, and the decoded size is checked once more. A header
 * {@code stbi_info} cannot read is left to the decoder, whose failure reason is more precise.
 *
 * <p>A file the decoder refuses, a trap, a timeout and a result beyond the limits print one line
 * on stderr and exit {@link ExitStatus#FAILED}; an unreadable file or an unwritable output exit
 * {@link ExitStatus#BAD_INPUT}. No exception escapes for any input.
 */
final class DecodeCommand implements Command {
    /** The name of the option that names the output file. */
    private static final String OUTPUT = "--output";
    /** The short name of {@link #OUTPUT}. */
    private static final String OUTPUT_SHORT = "-o";
    /** The name of the option that limits the image's size. */
    private static final String MAX_PIXELS = "--max-pixels";
    /** The name of the option that limits the time of each call into the decoder. */
    private static final String TIMEOUT = "--timeout";

    /** The default of {@code --max-pixels}: 2^26 pixels (8192x8192), 256 MiB of RGBA samples. */
    static final long DEFAULT_MAX_PIXELS = 1L << 26;
    /**
     * The largest {@code --max-pixels} accepted, 2^28: a larger RGBA result could not fit in the
     * sandbox's memory (1 GiB) next to the file.
     */
    static final long MAX_MAX_PIXELS = 1L << 28;
    /** The default of {@code --timeout}: 10 seconds per call into the decoder. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The largest {@code --timeout} accepted, in seconds (one day). */
    static final long MAX_TIMEOUT_SECONDS = 86_400;
    /** How the messages call stb_image. */
    private static final String DECODER = "the decoder";

    /**
     * The directory relative paths (FILE, OUT.png) are resolved against, and where the default
     * output goes: the current directory in production, {@code Path.of("")}.
     */
    private final Path workingDirectory;

    /** The command as {@code airlock} runs it: paths relative to the current directory. */
    DecodeCommand() {
        this(Path.of(""));
    }

    /** The command with relative paths resolved against {@code workingDirectory} (for tests). */
    DecodeCommand(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public String name() {
        return "decode";
    }

    @Override
    public String summary() {
        return "Decode an image (JPEG, PNG, GIF, BMP, ...) in the sandbox and write it as PNG";
    }

    @Override
    public String synopsis() {
        return "usage: airlock decode FILE [-o OUT.png] [--max-pixels N] [--timeout SECONDS]\n";
    }

    @Override
    public String help() {
        return synopsis()
                + "\n"
                + "Decodes FILE with stb_image compiled to WebAssembly and run in Airlock's sandbox, and\n"
                + "writes the pixels as a PNG (with javax.imageio) with the channels of the file: grey,\n"
                + "grey+alpha, RGB or RGBA. Formats: JPEG (baseline and progressive), PNG, BMP, GIF (the\n"
                + "first frame), TGA, PSD (composited view), HDR (tone-mapped by stb_image's own 8-bit\n"
                + "conversion), PIC (Softimage) and PNM (binary PGM, PPM). 16-bit images are reduced to 8\n"
                + "bits. On success it prints one line:\n"
                + "  FILE: WIDTHxHEIGHT, N channels -> OUT.png\n"
                + "with \"(HDR, tone-mapped to 8 bits)\" or \"(16-bit, reduced to 8 bits)\" before the arrow\n"
                + "when the samples were converted.\n"
                + "\n"
                + "Options:\n"
                + "  -o, --output OUT.png  where to write the PNG (replaced if it exists). Default: FILE's\n"
                + "                        name with its extension replaced by .png, in the current\n"
                + "                        directory (NAME.decoded.png if that is FILE itself)\n"
                + "  --max-pixels N        refuse an image of more than N pixels (width x height), read\n"
                + "                        from its header before decoding; default " + DEFAULT_MAX_PIXELS + "\n"
                + "                        (8192x8192), at most " + MAX_MAX_PIXELS + "\n"
                + "  --timeout SECONDS     stop a call into the decoder after SECONDS (decimals allowed,\n"
                + "                        0 for no limit); default " + OptionScanner.seconds(DEFAULT_TIMEOUT) + "\n"
                + "  -h, --help            show this help\n"
                + "\n"
                + "A damaged or hostile file cannot harm the JVM: the decoder runs in a WebAssembly\n"
                + "instance with its own memory. Whatever it does, the failure is one line on stderr:\n"
                + "  airlock decode: FILE: not a supported image: REASON    (stb_image's failure reason)\n"
                + "  airlock decode: FILE: WxH is N pixels, more than --max-pixels M\n"
                + "  airlock decode: FILE: the decoder trapped: out of bounds memory access\n"
                + "  airlock decode: FILE: timed out after 10 s\n"
                + "and exit status 1. A missing or unreadable FILE, or an OUT that cannot be written,\n"
                + "exits 2.\n"
                + "\n"
                + "Examples:\n"
                + "  airlock decode photo.jpg                      # writes photo.png\n"
                + "  airlock decode scan.tga -o /tmp/scan.png --max-pixels 1000000 --timeout 2.5\n"
                + "\n"
                + Main.EXIT_STATUS_HELP;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options options = Options.parse(args);
        String prefix = "airlock " + name() + ": ";
        String file = options.file.toString();

        byte[] bytes;
        try {
            bytes = ImageFiles.read(workingDirectory.resolve(options.file), ImageFiles.MAX_INPUT_BYTES);
        } catch (IOException e) {
            err.println(prefix + "cannot read " + file + ": " + Diagnostics.reason(e));
            return ExitStatus.BAD_INPUT;
        } catch (ImageFiles.TooLargeException e) {
            err.println(prefix + file + ": " + e.getMessage());
            return ExitStatus.FAILED;
        }
        if (bytes.length == 0) {
            err.println(prefix + file + ": not a supported image: the file is empty");
            return ExitStatus.FAILED;
        }
        Path output = options.output != null ? options.output
                : ImageFiles.defaultOutput(workingDirectory.resolve(options.file), workingDirectory);
        if (!StbImageWasm.isAvailable(WasmVariant.STANDARD)) {
            err.println(prefix + "the sandboxed stb_image (dev/airlock/libs/wasm/stb_image.wasm) is not on the class"
                    + " path: build the libs module with its C toolchain (scripts/prerequisites.sh)");
            return ExitStatus.INTERNAL_ERROR;
        }

        StbImageWasm stb;
        try {
            // Compiles the module on first use: independent of the input, so a failure is a bug.
            stb = new StbImageWasm(WasmVariant.STANDARD, new DecodeLimits((int) Math.min(Integer.MAX_VALUE,
                    options.maxPixels * 4)), WasmModules.DEFAULT_CONFIG);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            err.println(prefix + "internal error: cannot load the sandboxed stb_image: " + e.getClass().getName() + ": "
                    + Diagnostics.oneLine(e));
            Diagnostics.debugTrace(e, err);
            return ExitStatus.INTERNAL_ERROR;
        }

        Decoded decoded;
        byte[] png;
        try (stb) {
            decoded = decode(stb, bytes, options);
            bytes = null;
            png = ImageFiles.encodePng(ImageFiles.image(decoded.image.width(), decoded.image.height(),
                    decoded.image.channels(), decoded.image.pixels()));
        } catch (Refused e) {
            err.println(prefix + file + ": " + e.getMessage());
            return ExitStatus.FAILED;
        } catch (DecodeException e) {
            String reason = e.reason();
            err.println(prefix + file + ": not a supported image" + (reason == null || reason.isBlank()
                    ? " (stb_image gives no reason)" : ": " + Diagnostics.libraryText(reason)));
            return ExitStatus.FAILED;
        } catch (SandboxException e) {
            err.println(prefix + file + ": " + Diagnostics.sandboxFailure(e, DECODER, options.timeout));
            return ExitStatus.FAILED;
        } catch (Trap t) {
            err.println(prefix + file + ": " + Diagnostics.trapFailure(t, DECODER, options.timeout));
            return ExitStatus.FAILED;
        } catch (OutOfMemoryError e) {
            err.println(prefix + file + ": out of memory (the Java heap is too small for this image; raise it with"
                    + " AIRLOCK_JAVA_OPTS=-Xmx..., or lower --max-pixels)");
            return ExitStatus.FAILED;
        } catch (IOException e) {
            err.println(prefix + file + ": cannot encode the PNG: " + Diagnostics.oneLine(e));
            return ExitStatus.FAILED;
        } catch (RuntimeException e) {
            // A check of the binding, a failure inside ImageIO:
            // still the input's doing, reported like the others.
            err.println(prefix + file + ": " + DECODER + " failed: " + e.getClass().getSimpleName() + ": "
                    + Diagnostics.libraryText(e.getMessage()));
            Diagnostics.debugTrace(e, err);
            return ExitStatus.FAILED;
        }

        Path target = workingDirectory.resolve(output);
        if (Files.isDirectory(target)) {
            err.println(prefix + "cannot write " + output + ": is a directory");
            return ExitStatus.BAD_INPUT;
        }
        try {
            Files.write(target, png);
        } catch (IOException e) {
            err.println(prefix + "cannot write " + output + ": " + Diagnostics.reason(e));
            return ExitStatus.BAD_INPUT;
        }
        StbImage.Image image = decoded.image;
        out.println(file + ": " + image.width() + "x" + image.height() + ", " + image.channels() + " channel"
                + (image.channels() == 1 ? "" : "s") + decoded.note() + " -> " + output);
        return ExitStatus.OK;
    }

    /**
     * Decodes {@code file} with {@code stb}, a fresh binding whose {@link DecodeLimits} allow four
     * bytes per pixel of {@code --max-pixels}: header and size check, then 8-bit pixels (and the
     * size checked again).
     *
     * @throws Refused if the image exceeds {@code --max-pixels}
     * @throws DecodeException if stb_image refuses the file
     * @throws SandboxException if the decoder trapped, timed out or returned something invalid
     */
    private static Decoded decode(StbImageWasm stb, byte[] file, Options options) throws Refused {
        stb.setCallTimeout(options.timeout);
        StbImage.Info info = null;
        try {
            info = stb.info(file);
            checkSize(info.width(), info.height(), options.maxPixels);
        } catch (DecodeException e) {
            // stbi_info tries every format in turn, so a damaged header of a known format ends as
            // "unknown image type"; decoding says what is wrong with it (and the binding's limit
            // still bounds the result).
        }
        StbImage.Image image = stb.load(file, 0);
        checkSize(image.width(), image.height(), options.maxPixels);
        return new Decoded(image, info != null && info.isHdr(), info != null && info.is16Bit());
    }

    /** Throws {@link Refused} if a {@code width x height} image has more than {@code maxPixels} pixels. */
    private static void checkSize(int width, int height, long maxPixels) throws Refused {
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new Refused(width + "x" + height + " is " + pixels + " pixels, more than " + MAX_PIXELS + " "
                    + maxPixels);
        }
    }

    /**
     * A decoded image and what its header said about its samples.
     *
     * @param image the 8-bit pixels, with the file's channels
     * @param hdr whether the file holds HDR (float) samples, tone-mapped to 8 bits
     * @param sixteenBit whether the file holds 16-bit samples, reduced to 8 bits
     */
    private record Decoded(StbImage.Image image, boolean hdr, boolean sixteenBit) {
        /** What the result line says about the conversion to 8 bits: "" if there was none. */
        String note() {
            return hdr ? " (HDR, tone-mapped to 8 bits)" : sixteenBit ? " (16-bit, reduced to 8 bits)" : "";
        }
    }

    /** The host refused the image (beyond {@code --max-pixels}); the message says why. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        /** A refusal with its one-line reason. */
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The parsed command line of {@code airlock decode}. */
    private static final class Options {
        /** The image file. */
        Path file;
        /** The output file as given, or null for the default. */
        Path output;
        /** The largest image accepted, in pixels. */
        long maxPixels = DEFAULT_MAX_PIXELS;
        /** How long one call into the decoder may run, or null for no limit. */
        Duration timeout = DEFAULT_TIMEOUT;

        /**
         * Parses the arguments of {@code airlock decode}.
         *
         * @throws UsageException if an option is unknown, repeated or lacks a valid value, or FILE
         *     is missing or not alone
         */
        static Options parse(List<String> args) throws UsageException {
            Options o = new Options();
            OptionScanner scanner = new OptionScanner(args);
            boolean maxPixelsGiven = false;
            boolean timeoutGiven = false;
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
                    case MAX_PIXELS:
                        if (maxPixelsGiven) {
                            throw scanner.givenTwice();
                        }
                        maxPixelsGiven = true;
                        o.maxPixels = scanner.integerValue(1, MAX_MAX_PIXELS);
                        break;
                    case TIMEOUT:
                        if (timeoutGiven) {
                            throw scanner.givenTwice();
                        }
                        timeoutGiven = true;
                        Duration d = scanner.secondsValue(MAX_TIMEOUT_SECONDS);
                        o.timeout = d.isZero() ? null : d;
                        break;
                    default:
                        throw scanner.unknownOption();
                }
            }
            List<String> operands = scanner.operands();
            if (operands.isEmpty()) {
                throw new UsageException("missing FILE (the image to decode)");
            }
            if (operands.size() > 1) {
                throw new UsageException("expected one FILE, got " + operands.size() + ": " + String.join(" ", operands));
            }
            o.file = OptionScanner.path(operands.get(0), "FILE");
            return o;
        }
    }
}
