package dev.airlock.libs.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.Qoi;
import dev.airlock.libs.QoiNative;
import dev.airlock.libs.QoiWasm;
import dev.airlock.libs.SandboxException;
import dev.airlock.libs.TestFiles;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The safe QOI codec: round trips, the same bytes as the raw native binding, header and limit
 * checks, and damaged files ending in a clear exception.
 */
class SandboxedQoiCodecTest {
    private static SandboxedQoiCodec qoi;

    @BeforeAll
    static void open() {
        if (TestFiles.isBuilt(QoiWasm.LIBRARY)) {
            qoi = SandboxedQoiCodec.create();
        }
    }

    @AfterAll
    static void close() {
        if (qoi != null) {
            qoi.close();
        }
    }

    @BeforeEach
    void built() {
        TestFiles.assumeBuilt(QoiWasm.LIBRARY);
    }

    @Test
    void roundTripsAndMatchesTheRawNativeBinding() {
        try (Qoi reference = new QoiNative()) {
            for (int channels : new int[] {3, 4}) {
                for (int[] size : new int[][] {{1, 1}, {37, 23}, {200, 3}, {64, 64}}) {
                    int w = size[0], h = size[1];
                    byte[] pixels = TestFiles.pattern(w, h, channels, w * 31L + channels);
                    for (QoiColorspace cs : QoiColorspace.values()) {
                        byte[] encoded = qoi.encode(DecodedImage.of(w, h, channels, pixels), cs);
                        assertArrayEquals(reference.encode(pixels, w, h, channels, cs.code()), encoded, w + "x" + h);
                        QoiImage decoded = qoi.decode(encoded);
                        assertEquals(cs, decoded.colorspace());
                        assertEquals(channels, decoded.image().channels());
                        assertArrayEquals(pixels, decoded.image().bytes());
                        Qoi.Image raw = reference.decode(encoded, 0);
                        assertArrayEquals(raw.pixels(), decoded.image().bytes());
                        int other = channels == 3 ? 4 : 3;
                        QoiImage converted = qoi.decode(encoded, Channels.of(other));
                        assertEquals(other, converted.image().channels());
                        assertEquals(channels, converted.image().channelsInFile());
                        assertArrayEquals(reference.decode(encoded, other).pixels(), converted.image().bytes());
                    }
                }
            }
        }
    }

    @Test
    void encodesAndDecodesBufferedImages() {
        BufferedImage argb = new BufferedImage(17, 9, BufferedImage.TYPE_INT_ARGB);
        BufferedImage rgb = new BufferedImage(17, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 17; x++) {
                argb.setRGB(x, y, (x * 15) << 24 | (y * 28) << 16 | (x * 7) << 8 | 99);
                rgb.setRGB(x, y, (y * 28) << 16 | (x * 7) << 8 | 99);
            }
        }
        BufferedImage back = qoi.decode(qoi.encode(argb)).toBufferedImage();
        assertEquals(BufferedImage.TYPE_4BYTE_ABGR, back.getType());
        BufferedImage backRgb = qoi.decode(qoi.encode(rgb)).toBufferedImage();
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, backRgb.getType());
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 17; x++) {
                assertEquals(argb.getRGB(x, y), back.getRGB(x, y));
                assertEquals(rgb.getRGB(x, y), backRgb.getRGB(x, y));
            }
        }
    }

    @Test
    void headersAndLimitsAreCheckedBeforeTheCall() {
        byte[] encoded = qoi.encode(DecodedImage.of(37, 23, 4, TestFiles.pattern(37, 23, 4, 5)), QoiColorspace.SRGB);
        assertThrows(DecodeException.class, () -> qoi.decode("not a qoi file at all, really".getBytes()));
        assertThrows(DecodeException.class, () -> qoi.decode(Arrays.copyOf(encoded, 13)));
        byte[] badChannels = encoded.clone();
        badChannels[12] = 5;
        assertThrows(DecodeException.class, () -> qoi.decode(badChannels));
        byte[] huge = encoded.clone();
        huge[4] = 0x7F;   // width 2^30 and more
        DecodeException e = assertThrows(DecodeException.class, () -> qoi.decode(huge));
        assertTrue(e.getMessage().contains("maxWidth"), e.getMessage());
        try (SandboxedQoiCodec small = SandboxedQoiCodec.create(ImageLimits.DEFAULT.withMaxBytes(37 * 23 * 4 - 1))) {
            assertThrows(DecodeException.class, () -> small.decode(encoded));
            assertEquals(3, small.decode(encoded, Channels.RGB).image().channels());
            assertThrows(DecodeException.class, () -> small.encode(DecodedImage.of(37, 23, 4, new byte[37 * 23 * 4]),
                    QoiColorspace.SRGB));
        }
        assertThrows(IllegalArgumentException.class, () -> qoi.decode(encoded, Channels.GREY));
        assertThrows(IllegalArgumentException.class, () -> qoi.encode(DecodedImage.of(2, 2, 1, new byte[4]),
                QoiColorspace.SRGB));
    }

    @Test
    void damagedFilesEndInAClearException() {
        byte[] encoded = qoi.encode(DecodedImage.of(64, 48, 4, TestFiles.pattern(64, 48, 4, 9)), QoiColorspace.SRGB);
        int failures = 0;
        int decoded = 0;
        try (SandboxedQoiCodec quick = SandboxedQoiCodec.create(ImageLimits.DEFAULT, Duration.ofSeconds(3))) {
            for (TestFiles.Damaged v : TestFiles.damaged(encoded, 99, 30, 60)) {
                try {
                    QoiImage image = quick.decode(v.bytes());
                    DecodedImage d = image.image();
                    assertEquals(d.width() * d.height() * d.channels(), d.bytes().length);
                    decoded++;
                } catch (DecodeException | SandboxException e) {
                    assertNotNull(e.getMessage());
                    failures++;
                } catch (RuntimeException e) {
                    fail(v.name() + " threw " + e, e);
                }
            }
        }
        // qoi decodes most damaged files (to other pixels); truncated headers and chunks it refuses.
        assertTrue(failures >= 1 && decoded > 10, failures + " failures, " + decoded + " decoded");
    }

    @Test
    void aClosedCodecRefusesCalls() {
        SandboxedQoiCodec c = SandboxedQoiCodec.create();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.decode(new byte[30]));
    }
}
