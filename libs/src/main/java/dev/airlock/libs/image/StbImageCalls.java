package dev.airlock.libs.image;

import dev.airlock.libs.DecodeException;
import dev.airlock.marshal.PrimitiveArrays;
import dev.airlock.sandbox.Sandbox;
import dev.airlock.sandbox.SandboxState;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decoder's calls into stb_image on one sandbox, and the verification of everything that
 * comes back. The only class that sees the library's results before they are verified.
 *
 * <p>Each operation copies the file into the sandbox (with an int array for the glue's results),
 * reads the header first ({@code stbi_info}) to refuse images beyond the {@link ImageLimits}
 * before decoding, decodes, then verifies the result's shape again — dimensions positive and
 * within the limits, channel counts as asked, frame count — computes the exact length of the
 * samples from the verified shape, copies exactly that many out, and frees the library's buffers.
 * Not thread-safe: one operation at a time, on a borrowed sandbox.
 */
final class StbImageCalls {
    /** The longest failure reason copied out of the sandbox (stb_image's are short static strings). */
    static final int MAX_REASON_BYTES = 200;
    /** The longest delay of a GIF frame: 65,535 hundredths of a second. */
    static final int MAX_DELAY_MILLIS = 655_350;
    /** Ints in the glue's result array. */
    private static final int OUT_INTS = 8;

    private final Sandbox sandbox;
    private final StbImageGlue.Functions glue;
    private final ImageLimits limits;

    /** Calls {@code glue}, bound to {@code sandbox}. */
    StbImageCalls(Sandbox sandbox, StbImageGlue.Functions glue, ImageLimits limits) {
        this.sandbox = sandbox;
        this.glue = glue;
        this.limits = limits;
    }

    /** A file in the sandbox and the array the glue writes its results to; freed by {@link #close}. */
    private final class Input implements AutoCloseable {
        final TaintedPointer<Byte> data;
        final TaintedPointer<Integer> out;
        final int length;

        Input(byte[] file) {
            this.length = file.length;
            this.data = sandbox.malloc(file.length);
            TaintedPointer<Integer> o = null;
            try {
                sandbox.copyIn(data, file);
                o = sandbox.malloc(Pointees.INT32, OUT_INTS);
            } finally {
                if (o == null) {
                    release(() -> sandbox.free(data));
                }
            }
            this.out = o;
        }

        @Override
        public void close() {
            release(() -> sandbox.free(data));
            release(() -> sandbox.free(out));
        }
    }

    /** Runs a release unless the sandbox trapped (its memory is gone with it: the pool drops it). */
    private void release(Runnable free) {
        if (sandbox.state() == SandboxState.OPEN) {
            free.run();
        }
    }

    // ------------------------------------------------------------------ operations

    ImageInfo info(byte[] file) {
        try (Input in = new Input(file)) {
            return info(in, file);
        }
    }

    DecodedImage decode(byte[] file, Channels channels, SampleType type) {
        try (Input in = new Input(file)) {
            ImageInfo header = info(in, file);
            int wanted = channels.count() != 0 ? channels.count() : header.channels();
            limits.checkBytes(header.width(), header.height(), wanted, type.bytesPerSample(), 1);
            switch (type) {
                case UINT8: {
                    TaintedPointer<Byte> p = glue.airlock_stbi_load(in.data, in.length, channels.count(),
                            limits.maxBytes(), in.out);
                    try {
                        Shape s = shape(p, in, channels, false);
                        byte[] samples = PrimitiveArrays.readBytes(p, s.samples())
                                .unverifiedSafeBecause("every byte is a valid 8-bit sample; the count was verified");
                        return s.image(type, samples);
                    } finally {
                        free(p);
                    }
                }
                case UINT16: {
                    TaintedPointer<Short> p = glue.airlock_stbi_load_16(in.data, in.length, channels.count(),
                            limits.maxBytes(), in.out);
                    try {
                        Shape s = shape(p, in, channels, false);
                        short[] samples = PrimitiveArrays.readShorts(p, s.samples())
                                .unverifiedSafeBecause("every 16-bit value is a valid sample; the count was verified");
                        return s.image(type, samples);
                    } finally {
                        free(p);
                    }
                }
                default: {
                    TaintedPointer<Float> p = glue.airlock_stbi_loadf(in.data, in.length, channels.count(),
                            limits.maxBytes(), in.out);
                    try {
                        Shape s = shape(p, in, channels, false);
                        float[] samples = PrimitiveArrays.readFloats(p, s.samples())
                                .verify(StbImageCalls::finiteAndNotNegative, "float samples are finite and not negative");
                        return s.image(type, samples);
                    } finally {
                        free(p);
                    }
                }
            }
        }
    }

    DecodedAnimation decodeAnimation(byte[] file, Channels channels) {
        if (ImageFormat.detect(file).orElse(null) != ImageFormat.GIF) {
            DecodedImage still = decode(file, channels, SampleType.UINT8);
            return new DecodedAnimation(still.width(), still.height(), List.of(new DecodedAnimation.Frame(still, 0)));
        }
        try (Input in = new Input(file)) {
            ImageInfo header = info(in, file);
            int wanted = channels.count() != 0 ? channels.count() : 4;
            limits.checkBytes(header.width(), header.height(), wanted, 1, 1);
            TaintedPointer<TaintedPointer<Integer>> delaysSlot = sandbox.malloc(Pointees.pointerTo(Pointees.INT32));
            try {
                TaintedPointer<Byte> p = glue.airlock_stbi_load_gif(in.data, in.length, channels.count(),
                        limits.maxBytes(), in.out, delaysSlot);
                TaintedPointer<Integer> delays = TaintedPointer.readPointer(delaysSlot);
                try {
                    Shape s = shape(p, in, channels, true);
                    int frameBytes = s.samples();
                    int total = limits.checkBytes(s.width, s.height, s.channels, 1, s.frames);
                    byte[] all = PrimitiveArrays.readBytes(p, total)
                            .unverifiedSafeBecause("every byte is a valid 8-bit sample; the count was verified");
                    int[] delayMillis = isNull(delays) ? new int[s.frames]
                            : PrimitiveArrays.readInts(delays, s.frames).verify(StbImageCalls::delays);
                    List<DecodedAnimation.Frame> frames = new ArrayList<>(s.frames);
                    for (int i = 0; i < s.frames; i++) {
                        byte[] frame = new byte[frameBytes];
                        System.arraycopy(all, i * frameBytes, frame, 0, frameBytes);
                        frames.add(new DecodedAnimation.Frame(s.image(SampleType.UINT8, frame), delayMillis[i]));
                    }
                    return new DecodedAnimation(s.width, s.height, frames);
                } finally {
                    free(p);
                    free(delays);
                }
            } finally {
                release(() -> sandbox.free(delaysSlot));
            }
        }
    }

    // ------------------------------------------------------------------ verification

    /** The header, verified; refuses an image beyond the limits. */
    private ImageInfo info(Input in, byte[] file) {
        boolean ok = glue.airlock_stbi_info(in.data, in.length, in.out).verify(v -> v != 0);
        if (!ok) {
            throw failure();
        }
        int[] o = PrimitiveArrays.readInts(in.out, 5).verify(StbImageCalls::header);
        limits.checkDimensions(o[0], o[1]);
        Optional<ImageFormat> format = ImageFormat.detect(file);
        // stbi_is_16_bit misses 16-bit PSDs (after its PNG test fails it does not rewind the
        // stream, so the PSD test reads from the wrong offset): the depth field, big-endian at
        // byte 22 of the PSD header, says it.
        boolean psd16 = format.orElse(null) == ImageFormat.PSD && file.length > 23 && file[22] == 0 && file[23] == 16;
        return new ImageInfo(format, o[0], o[1], o[2], o[3] != 0 || psd16, o[4] != 0);
    }

    /** The results of stbi_info: width, height (positive), channels 1..4, two flags 0/1. */
    private static int[] header(int[] o) {
        if (o[0] == 0 || o[1] == 0) {
            // stb_image accepts some headers (PNM) with a zero dimension and would return no pixels.
            throw new DecodeException("the image has no pixels (" + o[0] + "x" + o[1] + ")");
        }
        if (o[1] < 0 && o[1] != Integer.MIN_VALUE) {
            // stbi_info reports the height of a top-down BMP as stored: negative.
            o[1] = -o[1];
        }
        requirePositive(o[0], "width");
        requirePositive(o[1], "height");
        requireRange(o[2], 1, 4, "channels");
        requireRange(o[3], 0, 1, "16-bit flag");
        requireRange(o[4], 0, 1, "HDR flag");
        return o;
    }

    /** The verified shape of a decoded result. */
    private static final class Shape {
        final int width;
        final int height;
        final int channelsInFile;
        final int channels;
        final int frames;

        Shape(int width, int height, int channelsInFile, int channels, int frames) {
            this.width = width;
            this.height = height;
            this.channelsInFile = channelsInFile;
            this.channels = channels;
            this.frames = frames;
        }

        /** Samples of one frame; the limits were checked, so this fits an int. */
        int samples() {
            return width * height * channels;
        }

        DecodedImage image(SampleType type, Object samples) {
            return new DecodedImage(width, height, channels, channelsInFile, type, samples);
        }
    }

    /**
     * The shape the glue reported for the result at {@code pixels}, verified: a null result is the
     * library's failure; dimensions within the limits, channels as asked, frames within the limit,
     * the whole result within the byte limit.
     */
    private Shape shape(TaintedPointer<?> pixels, Input in, Channels asked, boolean gif) {
        if (isNull(pixels)) {
            throw failure();
        }
        int[] o = PrimitiveArrays.readInts(in.out, 5).verify(r -> {
            requirePositive(r[0], "width");
            requirePositive(r[1], "height");
            requireRange(r[2], 1, 4, "channels in file");
            int expected = asked.count() != 0 ? asked.count() : gif ? 4 : r[2];
            requireRange(r[3], expected, expected, "channels");
            requirePositive(r[4], "frames");
            if (!gif) {
                requireRange(r[4], 1, 1, "frames");
            }
            return r;
        });
        limits.checkDimensions(o[0], o[1]);
        limits.checkFrames(o[4]);
        limits.checkBytes(o[0], o[1], o[3], 1, o[4]);
        return new Shape(o[0], o[1], o[2], o[3], o[4]);
    }

    /** The library's failure reason, copied as a bounded, printable string. */
    private DecodeException failure() {
        TaintedPointer<Byte> reason = glue.airlock_stbi_failure_reason();
        if (isNull(reason)) {
            return new DecodeException("stb_image failed without a reason");
        }
        return new DecodeException(reason.copyAndVerifyString(MAX_REASON_BYTES, StbImageCalls::isPrintable,
                "the failure reason is printable ASCII"));
    }

    private void free(TaintedPointer<?> pointer) {
        if (pointer != null && !isNull(pointer)) {
            release(() -> glue.airlock_stbi_free(pointer));
        }
    }

    /** Whether a pointer from the sandbox is null: both answers are handled, so any is safe to act on. */
    private static boolean isNull(TaintedPointer<?> pointer) {
        return pointer.isNull().verify(b -> b);
    }

    static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static boolean finiteAndNotNegative(float[] samples) {
        for (float v : samples) {
            // Radiance and linearised 8-bit values are never negative; !(v >= 0) also catches NaN.
            if (!(v >= 0) || v == Float.POSITIVE_INFINITY) {
                return false;
            }
        }
        return true;
    }

    private static int[] delays(int[] delays) {
        for (int i = 0; i < delays.length; i++) {
            requireRange(delays[i], 0, MAX_DELAY_MILLIS, "delay of frame " + i);
        }
        return delays;
    }

    private static void requirePositive(int value, String what) {
        if (value < 1) {
            throw new VerificationException(what + " must be positive, was " + value);
        }
    }

    private static void requireRange(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new VerificationException(what + " must be in " + min + ".." + max + ", was " + value);
        }
    }
}
