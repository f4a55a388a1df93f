package dev.airlock.libs;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link StbImage} over a {@link GlueRuntime}: the host side of {@code airlock_stb_image.c},
 * shared by the Wasm and the native binding. Every call copies the file into the library's memory
 * behind a small area for the glue's out-parameters, calls the glue, checks what comes back
 * (dimensions positive, channel counts as asked, sizes within the limits) before allocating
 * anything, copies the result out and frees the library's buffers.
 */
abstract class StbImageBinding implements StbImage {
    /** Size of the out-parameter area before the input: 8 ints and a pointer slot at 32. */
    private static final int OUT_AREA = 48;
    private static final int DELAYS_SLOT = 32;
    /** The longest failure reason read. */
    private static final int MAX_REASON = 256;

    final GlueRuntime runtime;
    private final DecodeLimits limits;

    StbImageBinding(GlueRuntime runtime, DecodeLimits limits) {
        this.runtime = runtime;
        this.limits = limits;
    }

    /** Places {@code file} after the out area; returns the block's address (the out area). */
    private long place(byte[] file) {
        if (file.length == 0) {
            throw new DecodeException("no input");
        }
        long block = runtime.allocate((long) OUT_AREA + file.length);
        try {
            runtime.write(block + OUT_AREA, file);
        } catch (RuntimeException e) {
            runtime.free(block);
            throw e;
        }
        return block;
    }

    private String failure() {
        long p = runtime.callPointer("airlock_stbi_failure_reason");
        return p == 0 ? "unknown failure" : runtime.readCString(p, MAX_REASON);
    }

    private static void checkChannels(int channels) {
        if (channels < 0 || channels > 4) {
            throw new IllegalArgumentException("channels must be 0 to 4: " + channels);
        }
    }

    @Override
    public Info info(byte[] file) {
        long block = place(file);
        try {
            int ok = runtime.callInt("airlock_stbi_info", block + OUT_AREA, file.length, block);
            if (ok == 0) {
                throw new DecodeException(failure());
            }
            int[] out = runtime.readInts(block, 5);
            if (out[1] < 0 && out[1] != Integer.MIN_VALUE) {
                // stbi_info reports a top-down BMP's height as stored: negative.
                out[1] = -out[1];
            }
            checkDimensions(out[0], out[1]);
            checkChannelCount(out[2]);
            return new Info(out[0], out[1], out[2], out[3] != 0, out[4] != 0);
        } finally {
            runtime.free(block);
        }
    }

    /** The dimensions and channel counts of a decoded image, checked. */
    private record Shape(int width, int height, int channelsInFile, int channels, int frames) {
        long samples() {
            return (long) width * height * channels * frames;
        }
    }

    /** Decodes with {@code function}; {@code reader} copies the result out of the library's memory. */
    private <T> T decode(String function, byte[] file, int channels, int sampleBytes, Reader<T> reader) {
        checkChannels(channels);
        long block = place(file);
        try {
            long pixels = runtime.callPointer(function, block + OUT_AREA, file.length, channels,
                    limits.maxOutputBytes(), block);
            if (pixels == 0) {
                throw new DecodeException(failure());
            }
            try {
                int[] out = runtime.readInts(block, 5);
                Shape shape = shape(out, channels, false);
                limits.check(shape.samples() * sampleBytes, "the decoded image");
                return reader.read(pixels, shape);
            } finally {
                runtime.release("airlock_stbi_free", pixels);
            }
        } finally {
            runtime.free(block);
        }
    }

    private Shape shape(int[] out, int channels, boolean gif) {
        checkDimensions(out[0], out[1]);
        checkChannelCount(out[2]);
        int expected = channels != 0 ? channels : gif ? 4 : out[2];
        if (out[3] != expected) {
            throw new SandboxException("the library returned " + out[3] + " channels; " + expected + " were asked for");
        }
        int frames = gif ? out[4] : 1;
        if (frames < 1) {
            throw new SandboxException("the library returned " + frames + " frames");
        }
        return new Shape(out[0], out[1], out[2], out[3], frames);
    }

    private void checkDimensions(int width, int height) {
        if (width == 0 || height == 0) {
            // stb_image accepts some headers (PNM) with a zero dimension and returns no pixels.
            throw new DecodeException("the image has no pixels (" + width + "x" + height + ")");
        }
        if (width < 0 || height < 0) {
            throw new SandboxException("the library returned dimensions " + width + "x" + height);
        }
    }

    private void checkChannelCount(int channels) {
        if (channels < 1 || channels > 4) {
            throw new SandboxException("the library returned " + channels + " channels");
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(long pixels, Shape shape);
    }

    @Override
    public Image load(byte[] file, int channels) {
        return decode("airlock_stbi_load", file, channels, 1, (p, s) ->
                new Image(s.width, s.height, s.channelsInFile, s.channels, runtime.read(p, (int) s.samples())));
    }

    @Override
    public Image16 load16(byte[] file, int channels) {
        return decode("airlock_stbi_load_16", file, channels, 2, (p, s) ->
                new Image16(s.width, s.height, s.channelsInFile, s.channels, runtime.readShorts(p, (int) s.samples())));
    }

    @Override
    public ImageF loadFloat(byte[] file, int channels) {
        return decode("airlock_stbi_loadf", file, channels, 4, (p, s) ->
                new ImageF(s.width, s.height, s.channelsInFile, s.channels, runtime.readFloats(p, (int) s.samples())));
    }

    @Override
    public Gif loadGif(byte[] file, int channels) {
        checkChannels(channels);
        long block = place(file);
        try {
            long pixels = runtime.callPointer("airlock_stbi_load_gif", block + OUT_AREA, file.length, channels,
                    limits.maxOutputBytes(), block, block + DELAYS_SLOT);
            long delays = runtime.readPointer(block + DELAYS_SLOT);
            try {
                if (pixels == 0) {
                    throw new DecodeException(failure());
                }
                int[] out = runtime.readInts(block, 5);
                Shape shape = shape(out, channels, true);
                limits.check(shape.samples(), "the decoded animation");
                int frameBytes = shape.width * shape.height * shape.channels;
                byte[] all = runtime.read(pixels, (int) shape.samples());
                int[] delayValues = delays == 0 ? new int[shape.frames] : runtime.readInts(delays, shape.frames);
                List<Frame> frames = new ArrayList<>(shape.frames);
                for (int i = 0; i < shape.frames; i++) {
                    byte[] frame = new byte[frameBytes];
                    System.arraycopy(all, i * frameBytes, frame, 0, frameBytes);
                    frames.add(new Frame(frame, delayValues[i]));
                }
                return new Gif(shape.width, shape.height, shape.channelsInFile, shape.channels, List.copyOf(frames));
            } finally {
                runtime.release("airlock_stbi_free", pixels);
                runtime.release("airlock_stbi_free", delays);
            }
        } finally {
            runtime.free(block);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
