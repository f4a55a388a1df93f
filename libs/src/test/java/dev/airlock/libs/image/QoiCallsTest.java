package dev.airlock.libs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.libs.QoiWasm;
import dev.airlock.libs.SandboxException;
import dev.airlock.libs.TestFiles;
import dev.airlock.taint.TaintedPointer;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The verification of what qoi returns, against a library that lies about the decoded image or
 * the encoding: every lie ends in a {@link SandboxException} naming the check.
 */
class QoiCallsTest {
    private static final byte[] PIXELS = TestFiles.pattern(20, 10, 4, 3);

    @BeforeEach
    void built() {
        TestFiles.assumeBuilt(QoiWasm.LIBRARY);
    }

    /** Forwards every call to the real glue; tests override what they falsify. */
    static class Liar implements QoiGlue.Functions {
        final QoiGlue.Functions real;

        Liar(QoiGlue.Functions real) {
            this.real = real;
        }

        @Override
        public TaintedPointer<Byte> airlock_qoi_decode(TaintedPointer<Byte> data, int size, int channels, int maxBytes,
                                                       TaintedPointer<Integer> out) {
            return real.airlock_qoi_decode(data, size, channels, maxBytes, out);
        }

        @Override
        public TaintedPointer<Byte> airlock_qoi_encode(TaintedPointer<Byte> pixels, int width, int height, int channels,
                                                       int colorspace, TaintedPointer<Integer> outLength) {
            return real.airlock_qoi_encode(pixels, width, height, channels, colorspace, outLength);
        }

        @Override
        public void airlock_qoi_free(TaintedPointer<?> pointer) {
            real.airlock_qoi_free(pointer);
        }
    }

    static SandboxedQoiCodec codec(UnaryOperator<QoiGlue.Functions> glue) {
        return new SandboxedQoiCodec(ImageLimits.DEFAULT, Duration.ofSeconds(10), glue);
    }

    static void assertRefused(String named, Executable call) {
        SandboxException e = assertThrows(SandboxException.class, call);
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void aDecodedImageMustMatchTheHeader() {
        byte[] file;
        try (SandboxedQoiCodec honest = codec(UnaryOperator.identity())) {
            file = honest.encode(DecodedImage.of(20, 10, 4, PIXELS), QoiColorspace.LINEAR);
            assertArrayEquals(PIXELS, honest.decode(file).image().bytes());
        }
        for (int field = 0; field < 5; field++) {
            int f = field;
            try (SandboxedQoiCodec liar = codec(real -> new Liar(real) {
                @Override
                public TaintedPointer<Byte> airlock_qoi_decode(TaintedPointer<Byte> data, int size, int channels,
                                                               int maxBytes, TaintedPointer<Integer> out) {
                    TaintedPointer<Byte> p = super.airlock_qoi_decode(data, size, channels, maxBytes, out);
                    out.elementAt(f).write(f == 3 ? 0 : 3);
                    return p;
                }
            })) {
                assertRefused("matches the header", () -> liar.decode(file));
            }
        }
        try (SandboxedQoiCodec liar = codec(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_qoi_decode(TaintedPointer<Byte> data, int size, int channels,
                                                           int maxBytes, TaintedPointer<Integer> out) {
                real.airlock_qoi_free(super.airlock_qoi_decode(data, size, channels, maxBytes, out));
                out.elementAt(5).write(7);
                return TaintedPointer.nullPointer(out.unverifiedMemoryBecause("test: a hostile pointer into the same sandbox"), dev.airlock.taint.Pointees.INT8);
            }
        })) {
            assertRefused("status", () -> liar.decode(file));
        }
    }

    @Test
    void anEncodingMustHaveAPossibleLengthAHeaderAndAnEnd() {
        int[][] lies = {{-1}, {10}, {20 * 10 * 5 + 23}};
        for (int[] lie : lies) {
            try (SandboxedQoiCodec liar = codec(real -> new Liar(real) {
                @Override
                public TaintedPointer<Byte> airlock_qoi_encode(TaintedPointer<Byte> pixels, int width, int height,
                                                               int channels, int colorspace,
                                                               TaintedPointer<Integer> outLength) {
                    TaintedPointer<Byte> p = super.airlock_qoi_encode(pixels, width, height, channels, colorspace, outLength);
                    outLength.write(lie[0]);
                    return p;
                }
            })) {
                assertRefused("length", () -> liar.encode(DecodedImage.of(20, 10, 4, PIXELS), QoiColorspace.SRGB));
            }
        }
        try (SandboxedQoiCodec liar = codec(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_qoi_encode(TaintedPointer<Byte> pixels, int width, int height,
                                                           int channels, int colorspace, TaintedPointer<Integer> outLength) {
                TaintedPointer<Byte> p = super.airlock_qoi_encode(pixels, width, height, channels, colorspace, outLength);
                p.elementAt(5).write((byte) 0x55);
                return p;
            }
        })) {
            assertRefused("header", () -> liar.encode(DecodedImage.of(20, 10, 4, PIXELS), QoiColorspace.SRGB));
        }
        try (SandboxedQoiCodec liar = codec(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_qoi_encode(TaintedPointer<Byte> pixels, int width, int height,
                                                           int channels, int colorspace, TaintedPointer<Integer> outLength) {
                TaintedPointer<Byte> p = super.airlock_qoi_encode(pixels, width, height, channels, colorspace, outLength);
                outLength.write(outLength.read().verify(n -> n) - 1);
                return p;
            }
        })) {
            assertRefused("end marker", () -> liar.encode(DecodedImage.of(20, 10, 4, PIXELS), QoiColorspace.SRGB));
        }
    }
}
