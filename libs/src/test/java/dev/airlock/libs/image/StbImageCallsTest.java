package dev.airlock.libs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.LibraryException;
import dev.airlock.libs.SandboxException;
import dev.airlock.libs.StbImageWasm;
import dev.airlock.libs.TestFiles;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedPointer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The verification of what stb_image returns, against a library that lies: the real glue in a
 * real sandbox, wrapped so that its results are rewritten (in the sandbox's memory, where a
 * compromised library would write them) before the host reads them. Each lie must end in a
 * {@link DecodeException} (a limit) or a {@link SandboxException} (a failed verification or a
 * trap) — never in a wrong image, a huge allocation, or a read outside the sandbox.
 */
class StbImageCallsTest {
    private static final byte[] PNG = TestFiles.image("png-rgba").bytes();       // 37 x 23 RGBA
    private static final byte[] GIF = TestFiles.image("gif-animated-none").bytes();
    private static final byte[] JUNK = "not an image, just text long enough".getBytes();

    @BeforeEach
    void built() {
        TestFiles.assumeBuilt(StbImageWasm.LIBRARY);
    }

    /** Forwards every call to the real glue; tests override what they falsify. */
    static class Liar implements StbImageGlue.Functions {
        final StbImageGlue.Functions real;

        Liar(StbImageGlue.Functions real) {
            this.real = real;
        }

        @Override
        public TaintedPointer<Byte> airlock_stbi_failure_reason() {
            return real.airlock_stbi_failure_reason();
        }

        @Override
        public TaintedInt airlock_stbi_info(TaintedPointer<Byte> buffer, int length, TaintedPointer<Integer> out) {
            return real.airlock_stbi_info(buffer, length, out);
        }

        @Override
        public TaintedPointer<Byte> airlock_stbi_load(TaintedPointer<Byte> buffer, int length, int channels, int maxBytes,
                                                      TaintedPointer<Integer> out) {
            return real.airlock_stbi_load(buffer, length, channels, maxBytes, out);
        }

        @Override
        public TaintedPointer<Short> airlock_stbi_load_16(TaintedPointer<Byte> buffer, int length, int channels,
                                                          int maxBytes, TaintedPointer<Integer> out) {
            return real.airlock_stbi_load_16(buffer, length, channels, maxBytes, out);
        }

        @Override
        public TaintedPointer<Float> airlock_stbi_loadf(TaintedPointer<Byte> buffer, int length, int channels,
                                                        int maxBytes, TaintedPointer<Integer> out) {
            return real.airlock_stbi_loadf(buffer, length, channels, maxBytes, out);
        }

        @Override
        public TaintedPointer<Byte> airlock_stbi_load_gif(TaintedPointer<Byte> buffer, int length, int channels,
                                                          int maxBytes, TaintedPointer<Integer> out,
                                                          TaintedPointer<TaintedPointer<Integer>> delays) {
            return real.airlock_stbi_load_gif(buffer, length, channels, maxBytes, out, delays);
        }

        @Override
        public void airlock_stbi_free(TaintedPointer<?> pointer) {
            real.airlock_stbi_free(pointer);
        }
    }

    /** Writes {@code value} at {@code out[index]}, in the sandbox. */
    static void lie(TaintedPointer<Integer> out, int index, int value) {
        out.elementAt(index).write(value);
    }

    static SandboxedImageDecoder decoder(UnaryOperator<StbImageGlue.Functions> glue) {
        return SandboxedImageDecoder.builder().glue(glue).build();
    }

    static <E extends LibraryException> E assertFails(Class<E> type, String named, Executable call) {
        E e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(named), e.getMessage());
        return e;
    }

    @Test
    void negativeOrHugeHeaderDimensions() {
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedInt airlock_stbi_info(TaintedPointer<Byte> buffer, int length, TaintedPointer<Integer> out) {
                TaintedInt r = super.airlock_stbi_info(buffer, length, out);
                lie(out, 0, -7);
                return r;
            }
        })) {
            assertFails(SandboxException.class, "width", () -> d.info(PNG));
            assertFails(SandboxException.class, "width", () -> d.decode(PNG));
        }
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedInt airlock_stbi_info(TaintedPointer<Byte> buffer, int length, TaintedPointer<Integer> out) {
                TaintedInt r = super.airlock_stbi_info(buffer, length, out);
                lie(out, 2, 5);
                return r;
            }
        })) {
            assertFails(SandboxException.class, "channels", () -> d.info(PNG));
        }
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedInt airlock_stbi_info(TaintedPointer<Byte> buffer, int length, TaintedPointer<Integer> out) {
                TaintedInt r = super.airlock_stbi_info(buffer, length, out);
                lie(out, 1, 1 << 20);
                return r;
            }
        })) {
            assertFails(DecodeException.class, "maxHeight", () -> d.info(PNG));
        }
    }

    @Test
    void decodedShapeThatDisagreesWithTheRequest() {
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_stbi_load(TaintedPointer<Byte> buffer, int length, int channels,
                                                          int maxBytes, TaintedPointer<Integer> out) {
                TaintedPointer<Byte> p = super.airlock_stbi_load(buffer, length, channels, maxBytes, out);
                lie(out, 3, 3);
                return p;
            }
        })) {
            assertFails(SandboxException.class, "channels", () -> d.decode(PNG, Channels.RGBA));
        }
        // Dimensions within every limit but far beyond the buffer: the copy would leave the
        // sandbox's memory, which the bounds-checked view refuses.
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_stbi_load(TaintedPointer<Byte> buffer, int length, int channels,
                                                          int maxBytes, TaintedPointer<Integer> out) {
                TaintedPointer<Byte> p = super.airlock_stbi_load(buffer, length, channels, maxBytes, out);
                lie(out, 0, 8000);
                lie(out, 1, 8000);
                return p;
            }
        })) {
            assertFails(SandboxException.class, "", () -> d.decode(PNG));
        }
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_stbi_load(TaintedPointer<Byte> buffer, int length, int channels,
                                                          int maxBytes, TaintedPointer<Integer> out) {
                TaintedPointer<Byte> p = super.airlock_stbi_load(buffer, length, channels, maxBytes, out);
                lie(out, 0, 30_000);
                lie(out, 1, 30_000);
                return p;
            }
        })) {
            // 900 million pixels: refused by the limit before anything is copied or allocated.
            assertFails(DecodeException.class, "maxPixels", () -> d.decode(PNG));
        }
    }

    @Test
    void pixelsOutsideTheSandbox() {
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_stbi_load(TaintedPointer<Byte> buffer, int length, int channels,
                                                          int maxBytes, TaintedPointer<Integer> out) {
                TaintedPointer<Byte> p = super.airlock_stbi_load(buffer, length, channels, maxBytes, out);
                super.airlock_stbi_free(p);
                return TaintedPointer.of(out.unverifiedMemoryBecause("test: a hostile pointer into the same sandbox"), 0xFFFF_FF00L, Pointees.INT8);
            }

            @Override
            public void airlock_stbi_free(TaintedPointer<?> pointer) {
                // The forged pointer is not the library's to free.
            }
        })) {
            assertFails(SandboxException.class, "bad pointer", () -> d.decode(PNG));
        }
    }

    @Test
    void failureReasonsAreBoundedAndPrintable() {
        // A reason that is not printable.
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_stbi_failure_reason() {
                TaintedPointer<Byte> p = super.airlock_stbi_failure_reason();
                p.write((byte) 7);
                return p;
            }
        })) {
            assertFails(SandboxException.class, "printable", () -> d.decode(JUNK));
        }
        // A "reason" with no NUL within the maximum: the buffer of the input itself.
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            TaintedPointer<Byte> input;

            @Override
            public TaintedInt airlock_stbi_info(TaintedPointer<Byte> buffer, int length, TaintedPointer<Integer> out) {
                input = buffer;
                return super.airlock_stbi_info(buffer, length, out);
            }

            @Override
            public TaintedPointer<Byte> airlock_stbi_failure_reason() {
                super.airlock_stbi_failure_reason();
                return input;
            }
        })) {
            byte[] longJunk = "x".repeat(StbImageCalls.MAX_REASON_BYTES * 2).getBytes();
            assertFails(SandboxException.class, "NUL", () -> d.decode(longJunk));
        }
        // An honest library: its own reason, verbatim.
        try (SandboxedImageDecoder d = decoder(UnaryOperator.identity())) {
            assertEquals("unknown image type", assertThrows(DecodeException.class, () -> d.decode(JUNK)).reason());
        }
    }

    @Test
    void floatSamplesMustBeFiniteAndNotNegative() {
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedPointer<Float> airlock_stbi_loadf(TaintedPointer<Byte> buffer, int length, int channels,
                                                            int maxBytes, TaintedPointer<Integer> out) {
                TaintedPointer<Float> p = super.airlock_stbi_loadf(buffer, length, channels, maxBytes, out);
                p.elementAt(17).write(Float.NaN);
                return p;
            }
        })) {
            assertFails(SandboxException.class, "finite", () -> d.decode(PNG, Channels.RGB, SampleType.FLOAT32));
        }
    }

    @Test
    void animationFramesAndDelays() {
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_stbi_load_gif(TaintedPointer<Byte> buffer, int length, int channels,
                                                              int maxBytes, TaintedPointer<Integer> out,
                                                              TaintedPointer<TaintedPointer<Integer>> delays) {
                TaintedPointer<Byte> p = super.airlock_stbi_load_gif(buffer, length, channels, maxBytes, out, delays);
                lie(out, 4, 1_000_000);
                return p;
            }
        })) {
            assertFails(DecodeException.class, "maxFrames", () -> d.decodeAnimation(GIF));
        }
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_stbi_load_gif(TaintedPointer<Byte> buffer, int length, int channels,
                                                              int maxBytes, TaintedPointer<Integer> out,
                                                              TaintedPointer<TaintedPointer<Integer>> delays) {
                TaintedPointer<Byte> p = super.airlock_stbi_load_gif(buffer, length, channels, maxBytes, out, delays);
                TaintedPointer.readPointer(delays).elementAt(2).write(-5);
                return p;
            }
        })) {
            assertFails(SandboxException.class, "delay of frame 2", () -> d.decodeAnimation(GIF));
        }
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedPointer<Byte> airlock_stbi_load_gif(TaintedPointer<Byte> buffer, int length, int channels,
                                                              int maxBytes, TaintedPointer<Integer> out,
                                                              TaintedPointer<TaintedPointer<Integer>> delays) {
                TaintedPointer<Byte> p = super.airlock_stbi_load_gif(buffer, length, channels, maxBytes, out, delays);
                lie(out, 4, 0);
                return p;
            }
        })) {
            assertFails(SandboxException.class, "frames", () -> d.decodeAnimation(GIF));
        }
    }

    /** A call that traps poisons its sandbox; the decoder drops it and the next call gets a fresh one. */
    @Test
    void aTrapPoisonsOnlyThatSandbox() {
        boolean[] trapped = {false};
        try (SandboxedImageDecoder d = decoder(real -> new Liar(real) {
            @Override
            public TaintedInt airlock_stbi_info(TaintedPointer<Byte> buffer, int length, TaintedPointer<Integer> out) {
                if (!trapped[0]) {
                    trapped[0] = true;
                    // An out-parameter at the end of the address space: the library's store traps.
                    return super.airlock_stbi_info(buffer, length, TaintedPointer.of(out.unverifiedMemoryBecause("test: a hostile pointer into the same sandbox"), 0xFFFF_FFF0L,
                            Pointees.INT32));
                }
                return super.airlock_stbi_info(buffer, length, out);
            }
        })) {
            SandboxException e = assertFails(SandboxException.class, "trapped", () -> d.decode(PNG));
            assertTrue(e.getCause() instanceof dev.airlock.sandbox.SandboxTrapException, String.valueOf(e.getCause()));
            assertEquals(0, d.sandboxes());
            assertEquals(37, d.decode(PNG).width());
            assertEquals(1, d.sandboxes());
        }
    }
}
