package dev.airlock.libs.image;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.SandboxException;
import dev.airlock.sandbox.Sandbox;
import dev.airlock.sandbox.SandboxPool;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * QOI ("Quite OK Image") decoding and encoding with the reference qoi library running in a
 * sandbox.
 *
 * <pre>{@code
 * try (var qoi = SandboxedQoiCodec.create()) {
 *     BufferedImage image = qoi.decode(bytes).toBufferedImage();
 *     byte[] encoded = qoi.encode(image);
 * }
 * }</pre>
 *
 * <p>Decoding checks the file's header on the host (against the {@link ImageLimits}) before the
 * call, requires the library's report of the image to match that header, and copies out exactly
 * width x height x channels bytes. Encoding requires the length the library reports to be
 * possible for the image, copies at most that many bytes, and checks the copy's header and end
 * marker. Failures: {@link DecodeException} (the library refused the input, or a limit), or
 * {@link SandboxException} (a trap, or a value that failed verification). Thread-safe; sandboxes
 * are pooled as in {@link SandboxedImageDecoder}.
 */
public final class SandboxedQoiCodec implements AutoCloseable {
    private final ImageLimits limits;
    private final SandboxPool pool;
    private final UnaryOperator<QoiGlue.Functions> glue;
    private volatile boolean closed;

    SandboxedQoiCodec(ImageLimits limits, Duration callTimeout, UnaryOperator<QoiGlue.Functions> glue) {
        this.limits = Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(callTimeout, "callTimeout");
        this.pool = SandboxPool.builder(Sandbox.builder(QoiGlue.library()).callDeadline(callTimeout))
                .maxSize(SandboxedImageDecoder.DEFAULT_SANDBOXES).build();
        this.glue = glue;
    }

    /** A codec with the default limits ({@link ImageLimits#DEFAULT}, 30 s per call). */
    public static SandboxedQoiCodec create() {
        return create(ImageLimits.DEFAULT);
    }

    /** A codec with the given limits (maxBytes also bounds the size of an encoding). */
    public static SandboxedQoiCodec create(ImageLimits limits) {
        return create(limits, SandboxedImageDecoder.DEFAULT_TIMEOUT);
    }

    /** A codec with the given limits and time limit per call. */
    public static SandboxedQoiCodec create(ImageLimits limits, Duration callTimeout) {
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive: " + callTimeout);
        }
        return new SandboxedQoiCodec(limits, callTimeout, UnaryOperator.identity());
    }

    private <R> R run(Function<QoiCalls, R> work) {
        if (closed) {
            throw new IllegalStateException("the codec is closed");
        }
        return SandboxCalls.run(pool, "qoi", sandbox -> work.apply(
                new QoiCalls(sandbox, glue.apply(sandbox.bind(QoiGlue.Functions.class)), limits)));
    }

    /** The image with the channels of the file (RGB or RGBA). */
    public QoiImage decode(byte[] file) {
        return decode(file, Channels.AS_IN_FILE);
    }

    /** The image with {@code channels}: {@code AS_IN_FILE}, {@code RGB} or {@code RGBA}. */
    public QoiImage decode(byte[] file, Channels channels) {
        Objects.requireNonNull(channels, "channels");
        limits.checkInput(file.length);
        return run(c -> c.decode(file, channels));
    }

    /** Encodes 8-bit RGB or RGBA pixels, declaring {@code colorspace}. */
    public byte[] encode(DecodedImage image, QoiColorspace colorspace) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(colorspace, "colorspace");
        return run(c -> c.encode(image, colorspace));
    }

    /**
     * Encodes a {@link BufferedImage} as sRGB: RGBA if its colour model has alpha, else RGB (the
     * colours as {@link BufferedImage#getRGB} gives them).
     */
    public byte[] encode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int channels = image.getColorModel().hasAlpha() ? 4 : 3;
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] pixels = new byte[w * h * channels];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            pixels[i * channels] = (byte) (p >> 16);
            pixels[i * channels + 1] = (byte) (p >> 8);
            pixels[i * channels + 2] = (byte) p;
            if (channels == 4) {
                pixels[i * channels + 3] = (byte) (p >>> 24);
            }
        }
        return encode(DecodedImage.of(w, h, channels, pixels), QoiColorspace.SRGB);
    }

    /** Closes the idle sandboxes; calls still running close theirs when they end. Idempotent. */
    @Override
    public void close() {
        closed = true;
        pool.close();
    }
}
