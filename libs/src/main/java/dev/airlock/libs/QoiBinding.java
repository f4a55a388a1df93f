package dev.airlock.libs;

/** {@link Qoi} over a {@link GlueRuntime}: the host side of {@code airlock_qoi.c}. */
abstract class QoiBinding implements Qoi {
    private static final int OUT_AREA = 32;
    /** Header (14 bytes) and end marker (8) of a QOI file. */
    private static final int FRAMING = 14 + 8;

    final GlueRuntime runtime;
    private final DecodeLimits limits;

    QoiBinding(GlueRuntime runtime, DecodeLimits limits) {
        this.runtime = runtime;
        this.limits = limits;
    }

    @Override
    public Image decode(byte[] file, int channels) {
        if (channels != 0 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("channels must be 0, 3 or 4: " + channels);
        }
        long block = runtime.allocate((long) OUT_AREA + file.length);
        try {
            runtime.write(block + OUT_AREA, file);
            long pixels = runtime.callPointer("airlock_qoi_decode", block + OUT_AREA, file.length, channels,
                    limits.maxOutputBytes(), block);
            try {
                int[] o = runtime.readInts(block, 6);
                if (pixels == 0) {
                    throw new DecodeException(switch (o[5]) {
                        case 1 -> "qoi_decode refused the file";
                        case 2 -> "the decoded image exceeds the host's limit of " + limits.maxOutputBytes() + " bytes";
                        default -> "cannot decode (status " + o[5] + ")";
                    });
                }
                int width = o[0], height = o[1], inFile = o[2], colorspace = o[3], out = o[4];
                if (width < 1 || height < 1 || out != (channels != 0 ? channels : inFile) || (out != 3 && out != 4)) {
                    throw new SandboxException("the library returned " + width + "x" + height + "x" + out);
                }
                long bytes = (long) width * height * out;
                limits.check(bytes, "the decoded image");
                return new Image(width, height, inFile, colorspace, out, runtime.read(pixels, (int) bytes));
            } finally {
                runtime.release("airlock_qoi_free", pixels);
            }
        } finally {
            runtime.free(block);
        }
    }

    @Override
    public byte[] encode(byte[] pixels, int width, int height, int channels, int colorspace) {
        if (width < 1 || height < 1 || (channels != 3 && channels != 4) || (colorspace != 0 && colorspace != 1)) {
            throw new IllegalArgumentException("bad image description: " + width + "x" + height + ", " + channels
                    + " channels, colorspace " + colorspace);
        }
        long size = (long) width * height * channels;
        if (pixels.length != size) {
            throw new IllegalArgumentException(width + "x" + height + "x" + channels + " needs " + size + " bytes, not "
                    + pixels.length);
        }
        long maxEncoded = (long) width * height * (channels + 1) + FRAMING;
        limits.check(maxEncoded, "the encoded image (at most)");
        long block = runtime.allocate((long) OUT_AREA + pixels.length);
        try {
            runtime.write(block + OUT_AREA, pixels);
            long encoded = runtime.callPointer("airlock_qoi_encode", block + OUT_AREA, width, height, channels,
                    colorspace, block);
            try {
                int length = runtime.readInt(block);
                if (encoded == 0) {
                    throw new DecodeException("qoi_encode refused the image");
                }
                if (length < FRAMING || length > maxEncoded) {
                    throw new SandboxException("the library returned an encoding of " + length + " bytes");
                }
                return runtime.read(encoded, length);
            } finally {
                runtime.release("airlock_qoi_free", encoded);
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
