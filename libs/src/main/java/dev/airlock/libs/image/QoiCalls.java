package dev.airlock.libs.image;

import dev.airlock.libs.DecodeException;
import dev.airlock.marshal.PrimitiveArrays;
import dev.airlock.sandbox.Sandbox;
import dev.airlock.sandbox.SandboxState;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.Tainted;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.VerificationException;
import java.util.Arrays;

/**
 * The QOI codec's calls into qoi on one sandbox, and the verification of everything that comes
 * back. Decoding: the host reads the 14-byte header itself, refuses an image beyond the limits
 * before the call, and then requires the library's report to match the header exactly and the
 * channel count to be what was asked; the samples are copied out by the count computed from the
 * verified shape. Encoding: the length the library reports must lie between the smallest
 * possible QOI file and the largest encoding of the image (and within the limits); the copy, of
 * exactly that length, must start with the expected header and end with QOI's end marker.
 */
final class QoiCalls {
    /** Header (14 bytes) and end marker (8) of a QOI file. */
    static final int FRAMING = 14 + 8;
    private static final byte[] END_MARKER = {0, 0, 0, 0, 0, 0, 0, 1};
    private static final int OUT_INTS = 6;

    private final Sandbox sandbox;
    private final QoiGlue.Functions glue;
    private final ImageLimits limits;

    QoiCalls(Sandbox sandbox, QoiGlue.Functions glue, ImageLimits limits) {
        this.sandbox = sandbox;
        this.glue = glue;
        this.limits = limits;
    }

    /** A QOI header as the host reads it. */
    record Header(int width, int height, int channels, int colorspace) {
        /** The header of {@code file}, or a DecodeException saying why it is not one. */
        static Header of(byte[] file) {
            if (file.length < FRAMING || file[0] != 'q' || file[1] != 'o' || file[2] != 'i' || file[3] != 'f') {
                throw new DecodeException("not a QOI file (no qoif header)");
            }
            long width = be32(file, 4);
            long height = be32(file, 8);
            int channels = file[12];
            int colorspace = file[13];
            if (width == 0 || height == 0 || (channels != 3 && channels != 4) || (colorspace != 0 && colorspace != 1)) {
                throw new DecodeException("bad QOI header: " + width + "x" + height + ", " + channels + " channels, colorspace "
                        + colorspace);
            }
            return new Header((int) Math.min(width, Integer.MAX_VALUE), (int) Math.min(height, Integer.MAX_VALUE),
                    channels, colorspace);
        }

        /** The 14 header bytes. */
        byte[] bytes() {
            return new byte[] {'q', 'o', 'i', 'f', (byte) (width >>> 24), (byte) (width >>> 16), (byte) (width >>> 8),
                (byte) width, (byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height,
                (byte) channels, (byte) colorspace};
        }

        private static long be32(byte[] b, int i) {
            return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
        }
    }

    private void release(Runnable free) {
        if (sandbox.state() == SandboxState.OPEN) {
            free.run();
        }
    }

    QoiImage decode(byte[] file, Channels channels) {
        if (channels != Channels.AS_IN_FILE && channels != Channels.RGB && channels != Channels.RGBA) {
            throw new IllegalArgumentException("QOI decodes to RGB or RGBA, not " + channels);
        }
        Header header = Header.of(file);
        limits.checkDimensions(header.width(), header.height());
        int wanted = channels.count() != 0 ? channels.count() : header.channels();
        int bytes = limits.checkBytes(header.width(), header.height(), wanted, 1, 1);
        TaintedPointer<Byte> data = sandbox.malloc(file.length);
        try {
            sandbox.copyIn(data, file);
            TaintedPointer<Integer> out = sandbox.malloc(Pointees.INT32, OUT_INTS);
            try {
                TaintedPointer<Byte> pixels = glue.airlock_qoi_decode(data, file.length, channels.count(), limits.maxBytes(),
                        out);
                try {
                    Tainted<int[]> report = PrimitiveArrays.readInts(out, OUT_INTS);
                    if (pixels.isNull().verify(b -> b)) {
                        int status = report.verify(o -> {
                            require(o[5] == 1 || o[5] == 2, "the status of a failed decode (" + o[5] + ") is 1 or 2");
                            return o[5];
                        });
                        throw new DecodeException(status == 2
                                ? "the decoded image exceeds the limit of " + limits.maxBytes() + " bytes"
                                : "qoi_decode refused the file");
                    }
                    report.verify(o -> {
                        require(o[0] == header.width() && o[1] == header.height() && o[2] == header.channels()
                                && o[3] == header.colorspace() && o[4] == wanted && o[5] == 0,
                                "the decoder's report " + Arrays.toString(o) + " matches the header " + header
                                        + " and " + wanted + " channels");
                        return o;
                    });
                    byte[] samples = PrimitiveArrays.readBytes(pixels, bytes)
                            .unverifiedSafeBecause("every byte is a valid 8-bit sample; the count was verified");
                    return new QoiImage(new DecodedImage(header.width(), header.height(), wanted, header.channels(),
                            SampleType.UINT8, samples), QoiColorspace.of(header.colorspace()));
                } finally {
                    if (!pixels.isNull().verify(b -> b)) {
                        release(() -> glue.airlock_qoi_free(pixels));
                    }
                }
            } finally {
                release(() -> sandbox.free(out));
            }
        } finally {
            release(() -> sandbox.free(data));
        }
    }

    byte[] encode(DecodedImage image, QoiColorspace colorspace) {
        if (image.sampleType() != SampleType.UINT8 || image.channels() < 3) {
            throw new IllegalArgumentException("QOI encodes 8-bit RGB or RGBA images, not " + image);
        }
        Header header = new Header(image.width(), image.height(), image.channels(), colorspace.code());
        long maxEncoded = (long) image.width() * image.height() * (image.channels() + 1) + FRAMING;
        if (maxEncoded > limits.maxBytes()) {
            throw new DecodeException("the encoding may take " + maxEncoded + " bytes, beyond the limit of "
                    + limits.maxBytes() + " bytes (ImageLimits.maxBytes)");
        }
        byte[] pixels = image.bytes();
        TaintedPointer<Byte> data = sandbox.malloc(pixels.length);
        try {
            sandbox.copyIn(data, pixels);
            TaintedPointer<Integer> length = sandbox.malloc(Pointees.INT32, 1);
            try {
                TaintedPointer<Byte> encoded = glue.airlock_qoi_encode(data, image.width(), image.height(),
                        image.channels(), colorspace.code(), length);
                try {
                    if (encoded.isNull().verify(b -> b)) {
                        throw new DecodeException("qoi_encode refused the image");
                    }
                    int n = PrimitiveArrays.readInts(length, 1).verify(l -> l[0]);
                    require(n >= FRAMING && n <= maxEncoded, "the encoding's length " + n + " is in " + FRAMING + ".."
                            + maxEncoded);
                    byte[] copy = PrimitiveArrays.readBytes(encoded, n).verify(bytes -> {
                        require(Arrays.equals(bytes, 0, 14, header.bytes(), 0, 14), "the encoding starts with the header");
                        require(Arrays.equals(bytes, n - 8, n, END_MARKER, 0, 8), "the encoding ends with the end marker");
                        return bytes;
                    });
                    return copy;
                } finally {
                    if (!encoded.isNull().verify(b -> b)) {
                        release(() -> glue.airlock_qoi_free(encoded));
                    }
                }
            } finally {
                release(() -> sandbox.free(length));
            }
        } finally {
            release(() -> sandbox.free(data));
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new VerificationException("check failed: " + what);
        }
    }
}
