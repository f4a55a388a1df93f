package dev.airlock.libs.image;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.SandboxException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.airlock.sandbox.Sandbox;
import dev.airlock.sandbox.SandboxLibrary;
import dev.airlock.sandbox.SandboxPool;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Decodes images with stb_image running in a sandbox: JPEG, PNG, BMP, GIF (every frame), TGA,
 * PSD, HDR, PIC and PNM, to 8-bit, 16-bit or float samples.
 *
 * <pre>{@code
 * try (var decoder = SandboxedImageDecoder.create()) {
 *     BufferedImage image = decoder.decode(Files.readAllBytes(path)).toBufferedImage();
 * }
 * }</pre>
 *
 * <p>Nothing the library returns is trusted: dimensions are checked against the
 * {@link ImageLimits} (before decoding, from the header, and again after), channel counts
 * against what was asked, the length of the result exactly (width x height x channels x bytes
 * per sample) before it is copied out; the library's failure reason is copied as a bounded
 * string. A damaged or hostile file ends in a {@link DecodeException} (the library refused it,
 * or it exceeds a limit) or a {@link SandboxException} (the library trapped, ran past the time
 * limit, or returned a value that failed verification) — never in a crash of the JVM.
 *
 * <p>Thread-safe. Each call borrows a sandbox from a pool (sandbox-api's {@link SandboxPool}, at
 * most {@link Builder#maxSandboxes} at once; more callers wait): sandboxes are reused between
 * calls, one that trapped is dropped and replaced by a fresh one, one whose memory grew large is
 * closed after its call. A reused sandbox's memory holds remnants of earlier inputs, which a
 * hostile input could make the library read; where inputs of different origins must not meet,
 * set {@link Builder#freshSandboxPerCall}. Close the decoder to close its sandboxes.
 */
public final class SandboxedImageDecoder implements AutoCloseable {
    /** The most sandboxes of a decoder by default: one per processor. */
    static final int DEFAULT_SANDBOXES = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** The time limit of one call into the library by default. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The memory cap of a sandbox by default: 1 GiB (16,384 pages of 64 KiB). */
    static final long DEFAULT_MEMORY_BYTES = 1L << 30;

    private final ImageLimits limits;
    private final SandboxPool pool;
    /** Wraps each sandbox's binding: the identity, except in tests that play a hostile library. */
    private final UnaryOperator<StbImageGlue.Functions> glue;
    private volatile boolean closed;

    private SandboxedImageDecoder(ImageLimits limits, SandboxPool pool, UnaryOperator<StbImageGlue.Functions> glue) {
        this.limits = limits;
        this.pool = pool;
        this.glue = glue;
    }

    /** Runs {@code work} with the calls of a borrowed sandbox. */
    private <R> R run(Function<StbImageCalls, R> work) {
        if (closed) {
            throw new IllegalStateException("the decoder is closed");
        }
        return SandboxCalls.run(pool, "stb_image", sandbox -> work.apply(
                new StbImageCalls(sandbox, glue.apply(sandbox.bind(StbImageGlue.Functions.class)), limits)));
    }

    /** A decoder with the default limits ({@link ImageLimits#DEFAULT}, 30 s per call). */
    public static SandboxedImageDecoder create() {
        return builder().build();
    }

    /** A decoder with the given limits and the default time limit. */
    public static SandboxedImageDecoder create(ImageLimits limits) {
        return builder().limits(limits).build();
    }

    /** A builder for a decoder with other limits. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decodes a file with a decoder shared by the whole JVM (default limits) to a
     * {@link BufferedImage} of its natural type (see {@link DecodedImage#toBufferedImage()}):
     * the one-line way. The shared decoder is made on first use and never closed.
     *
     * @throws DecodeException if the file is damaged, unsupported or beyond the default limits
     * @throws SandboxException if the library trapped or returned a value that failed verification
     */
    public static BufferedImage read(byte[] file) {
        return Shared.DECODER.decode(file).toBufferedImage();
    }

    /** {@link #read(byte[])} on the contents of {@code file}. */
    public static BufferedImage read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    /** The limits this decoder enforces. */
    public ImageLimits limits() {
        return limits;
    }

    /** The header: format, dimensions, channels, 16-bit or HDR, without decoding the pixels. */
    public ImageInfo info(byte[] file) {
        limits.checkInput(file.length);
        return run(c -> c.info(file));
    }

    /** The image with 8-bit samples and the file's channels. */
    public DecodedImage decode(byte[] file) {
        return decode(file, Channels.AS_IN_FILE, SampleType.UINT8);
    }

    /** The image with 8-bit samples and the given channels. */
    public DecodedImage decode(byte[] file, Channels channels) {
        return decode(file, channels, SampleType.UINT8);
    }

    /**
     * The image with the given channels and samples: {@code UINT16} widens 8-bit files,
     * {@code FLOAT32} gives HDR radiance unclamped and linearises 8-bit files (gamma 2.2);
     * {@code UINT8} of an HDR file is stb_image's tone mapping (gamma 1/2.2, clamped). For a GIF
     * this is the first frame.
     */
    public DecodedImage decode(byte[] file, Channels channels, SampleType type) {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(type, "type");
        limits.checkInput(file.length);
        return run(c -> c.decode(file, channels, type));
    }

    /** Every frame of a GIF with its delay (any other format gives one frame), 8-bit, RGBA unless asked otherwise. */
    public DecodedAnimation decodeAnimation(byte[] file, Channels channels) {
        Objects.requireNonNull(channels, "channels");
        limits.checkInput(file.length);
        return run(c -> c.decodeAnimation(file, channels));
    }

    /** Every frame of a GIF with its delay, 8-bit RGBA. */
    public DecodedAnimation decodeAnimation(byte[] file) {
        return decodeAnimation(file, Channels.AS_IN_FILE);
    }

    /** How many sandboxes are idle (for tests). */
    int idleSandboxes() {
        return pool.idleCount();
    }

    /** How many sandboxes exist, idle or lent (for tests). */
    int sandboxes() {
        return pool.size();
    }

    /** Closes the idle sandboxes; calls still running close theirs when they end. Idempotent. */
    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    /** Settings of a new decoder. Not thread-safe. */
    public static final class Builder {
        private ImageLimits limits = ImageLimits.DEFAULT;
        private Duration callTimeout = DEFAULT_TIMEOUT;
        private int maxSandboxes = DEFAULT_SANDBOXES;
        private long maxMemoryBytes = DEFAULT_MEMORY_BYTES;
        private boolean freshSandboxPerCall;
        private SandboxLibrary library;
        private UnaryOperator<StbImageGlue.Functions> glue = UnaryOperator.identity();

        private Builder() {
        }

        /** The limits on what the decoder accepts (default {@link ImageLimits#DEFAULT}). */
        public Builder limits(ImageLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * How long one call into the library may run (default 30 s): stb_image loops for a very
         * long time on some damaged files. A call past it is interrupted and fails with a
         * {@link SandboxException}; its sandbox is discarded.
         */
        public Builder callTimeout(Duration value) {
            Objects.requireNonNull(value, "callTimeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive: " + value);
            }
            this.callTimeout = value;
            return this;
        }

        /**
         * The most sandboxes at once, which is the most calls that run in parallel (default: the
         * number of processors, at least 2); further callers wait for a sandbox.
         */
        public Builder maxSandboxes(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxSandboxes must be positive: " + value);
            }
            this.maxSandboxes = value;
            return this;
        }

        /**
         * The most memory one sandbox may use (default 1 GiB; rounded up to 64 KiB pages): the
         * library's allocations fail beyond it, and the call ends in an exception.
         */
        public Builder maxMemoryBytes(long value) {
            if (value < 1 || value > (1L << 32)) {
                throw new IllegalArgumentException("maxMemoryBytes must be in 1..2^32: " + value);
            }
            this.maxMemoryBytes = value;
            return this;
        }

        /**
         * Whether every call gets a fresh sandbox (default false: sandboxes are reused). A fresh
         * one costs an instantiation of the module per call, and guarantees that no input sees
         * what an earlier one left in the sandbox's memory.
         */
        public Builder freshSandboxPerCall(boolean value) {
            this.freshSandboxPerCall = value;
            return this;
        }

        /**
         * The library the sandboxes run (package-private: tests run the same verification over
         * sandbox-api's native backend). Default: the Wasm build.
         */
        Builder library(SandboxLibrary value) {
            this.library = Objects.requireNonNull(value, "library");
            return this;
        }

        /** Wraps the binding of each sandbox (package-private: tests that play a hostile library). */
        Builder glue(UnaryOperator<StbImageGlue.Functions> value) {
            this.glue = Objects.requireNonNull(value, "glue");
            return this;
        }

        /** The decoder. */
        public SandboxedImageDecoder build() {
            SandboxLibrary lib = library != null ? library : StbImageGlue.library();
            Sandbox.Builder sandboxes = Sandbox.builder(lib)
                    .maxMemoryPages((int) ((maxMemoryBytes + 65_535) / 65_536))
                    .callDeadline(callTimeout);
            SandboxPool.Builder pool = SandboxPool.builder(sandboxes).maxSize(maxSandboxes);
            if (freshSandboxPerCall) {
                pool.maxUses(1);
            }
            return new SandboxedImageDecoder(limits, pool.build(), glue);
        }
    }

    /** The decoder behind {@link #read(byte[])}, made on first use. */
    private static final class Shared {
        static final SandboxedImageDecoder DECODER = create();
    }
}
