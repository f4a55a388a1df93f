package dev.airlock.libs;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The native reference run in a child JVM, for damaged inputs: stb_image and stb_truetype are
 * memory-unsafe, and on some damaged files the native build crashes (SIGSEGV, or SIGABRT from an
 * assertion) or loops forever. In a child process such a crash ends only the child; the parent
 * records "native crashed" and starts a new child for the next input.
 *
 * <p>Protocol: the parent writes (operation, channels, file); the child answers (status, payload)
 * where status 0 is a result (payload: its encoding below), 1 a {@link DecodeException} (payload:
 * the reason), 2 a {@link SandboxException} (payload: the message).
 */
final class NativeOracle implements AutoCloseable {
    static final String LOAD = "load";
    static final String INFO = "info";
    static final String LOAD_GIF = "loadGif";
    static final String QOI_DECODE = "qoiDecode";
    static final String FONT_SUMMARY = "fontSummary";

    private Process process;
    /** Where the child JVM writes its fatal error report. */
    private java.nio.file.Path errorFile;
    private DataOutputStream toChild;
    private DataInputStream fromChild;
    private int crashes;

    /** How many times a child died. */
    int crashes() {
        return crashes;
    }

    /** Runs {@code operation} natively in the child; an outcome whose failure starts with "native crashed" if it died. */
    Outcome<byte[]> call(String operation, int channels, byte[] file, long timeoutMillis) {
        try {
            if (process == null) {
                start();
            }
            toChild.writeUTF(operation);
            toChild.writeInt(channels);
            toChild.writeInt(file.length);
            toChild.write(file);
            toChild.flush();
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(timeoutMillis);
                    process.destroyForcibly();
                } catch (InterruptedException e) {
                    // answered in time
                }
            });
            watchdog.setDaemon(true);
            watchdog.start();
            try {
                int status = fromChild.readInt();
                byte[] payload = new byte[fromChild.readInt()];
                fromChild.readFully(payload);
                return switch (status) {
                    case 0 -> new Outcome<>(payload, null);
                    case 1 -> new Outcome<>(null, "DecodeException: " + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
                    default -> new Outcome<>(null, "SandboxException: " + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
                };
            } finally {
                watchdog.interrupt();
            }
        } catch (EOFException e) {
            return died();
        } catch (IOException e) {
            return died();
        }
    }

    private Outcome<byte[]> died() {
        crashes++;
        int code;
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            code = process.isAlive() ? -1 : process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        process.destroyForcibly();
        process = null;
        String how = code > 128 ? "signal " + (code - 128) : "exit code " + code;
        return new Outcome<>(null, "native crashed (" + how + crashReport() + ")");
    }

    /** ": SIGSEGV in FRAME" from the child JVM's fatal error report, if it wrote one. */
    private String crashReport() {
        try {
            if (errorFile == null || !java.nio.file.Files.exists(errorFile)) {
                return "";
            }
            String signal = null;
            String frame = null;
            for (String line : java.nio.file.Files.readAllLines(errorFile, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                if (signal == null && line.matches("#\\s+SIG[A-Z]+ .*")) {
                    signal = line.substring(1).trim().split("\\s+")[0];
                } else if (frame == null && line.startsWith("# C  [")) {
                    frame = line.substring(4).trim().replaceAll("\\s+", " ");
                }
            }
            java.nio.file.Files.deleteIfExists(errorFile);
            return (signal != null ? ": " + signal : "") + (frame != null ? " in " + frame : "");
        } catch (IOException e) {
            return "";
        }
    }

    private void start() throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String javaCommand = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        errorFile = java.nio.file.Files.createTempFile("airlock-oracle-hs_err", ".log");
        java.nio.file.Files.delete(errorFile);
        List<String> command = new ArrayList<>(List.of(javaCommand, "-Xmx2g", "-XX:TieredStopAtLevel=1",
                "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + errorFile, "-cp", classpath));
        String dir = System.getProperty(NativeLibraries.DIRECTORY_PROPERTY);
        if (dir != null) {
            command.add("-D" + NativeLibraries.DIRECTORY_PROPERTY + "=" + dir);
        }
        command.add(NativeOracle.class.getName());
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        toChild = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        fromChild = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                toChild.close();
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // ending anyway
            }
            process.destroyForcibly();
            process = null;
        }
    }

    // ------------------------------------------------------------------ the child

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out));
        try (StbImage image = new StbImageNative(); TrueType fonts = new TrueTypeNative(); Qoi qoi = new QoiNative()) {
            while (true) {
                String operation;
                try {
                    operation = in.readUTF();
                } catch (EOFException e) {
                    return;
                }
                int channels = in.readInt();
                byte[] file = new byte[in.readInt()];
                in.readFully(file);
                int status;
                byte[] payload;
                try {
                    payload = run(operation, channels, file, image, fonts, qoi);
                    status = 0;
                } catch (DecodeException e) {
                    status = 1;
                    payload = e.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                } catch (SandboxException e) {
                    status = 2;
                    payload = String.valueOf(e.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                out.writeInt(status);
                out.writeInt(payload.length);
                out.write(payload);
                out.flush();
            }
        }
    }

    /** Runs one operation; its result encoded. The parent runs the same on the Wasm build to compare. */
    static byte[] run(String operation, int channels, byte[] file, StbImage image, TrueType fonts, Qoi qoi) {
        return switch (operation) {
            case LOAD -> encode(image.load(file, channels));
            case INFO -> encode(image.info(file));
            case LOAD_GIF -> encode(image.loadGif(file, channels));
            case QOI_DECODE -> encode(qoi.decode(file, channels));
            case FONT_SUMMARY -> FontSummary.of(fonts, file);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    // ------------------------------------------------------------------ encodings

    static byte[] encode(StbImage.Info info) {
        return ints(info.width(), info.height(), info.channels(), info.is16Bit() ? 1 : 0, info.isHdr() ? 1 : 0);
    }

    static byte[] encode(StbImage.Image image) {
        return withPixels(ints(image.width(), image.height(), image.channelsInFile(), image.channels()), image.pixels());
    }

    static byte[] encode(Qoi.Image image) {
        return withPixels(ints(image.width(), image.height(), image.channelsInFile(), image.colorspace(), image.channels()),
                image.pixels());
    }

    static byte[] encode(StbImage.Gif gif) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(b)) {
            d.write(ints(gif.width(), gif.height(), gif.channelsInFile(), gif.channels(), gif.frames().size()));
            for (StbImage.Frame f : gif.frames()) {
                d.writeInt(f.delayMillis());
                d.writeInt(f.pixels().length);
                d.write(f.pixels());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static byte[] ints(int... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(b)) {
            d.writeInt(values.length);
            for (int v : values) {
                d.writeInt(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static byte[] withPixels(byte[] header, byte[] pixels) {
        byte[] all = new byte[header.length + pixels.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(pixels, 0, all, header.length, pixels.length);
        return all;
    }

    /** Where two encodings differ: the header values, else the first differing payload byte; null if equal. */
    static String difference(byte[] expected, byte[] actual) {
        int[] e = header(expected);
        int[] a = header(actual);
        String d = Mismatches.fields("header", e, a);
        if (d != null) {
            return d;
        }
        return Mismatches.bytes(expected, actual);
    }

    /** The length in bytes of an encoding's header (count and values). */
    static int headerLength(byte[] encoded) {
        return 4 + 4 * header(encoded).length;
    }

    private static int[] header(byte[] encoded) {
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int n = d.readInt();
            if (n < 0 || n > 16) {
                return new int[0];
            }
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = d.readInt();
            }
            return v;
        } catch (IOException e) {
            return new int[0];
        }
    }
}
