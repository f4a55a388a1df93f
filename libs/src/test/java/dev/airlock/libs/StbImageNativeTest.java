package dev.airlock.libs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The native reference builds: the SSE2 flavour decodes like the no-SIMD one (JPEG within rounding). */
class StbImageNativeTest {
    @Test
    void simdFlavourAgreesWithNoSimd() {
        Prerequisites.assumeBuilt(StbImageWasm.LIBRARY);
        assumeTrue(StbImageNative.isAvailable(StbImageNative.Flavour.SIMD), Prerequisites.TOOLCHAIN_MESSAGE);
        try (StbImage plain = new StbImageNative(); StbImage simd = new StbImageNative(StbImageNative.Flavour.SIMD,
                DecodeLimits.DEFAULT)) {
            for (TestImages.Generated g : TestImages.all()) {
                StbImage.Image a = plain.load(g.bytes(), 0);
                StbImage.Image b = simd.load(g.bytes(), 0);
                assertEquals(a.width(), b.width(), g.name());
                assertEquals(a.channels(), b.channels(), g.name());
                if (!g.format().equals("jpeg")) {
                    assertArrayEquals(a.pixels(), b.pixels(), g.name());
                } else {
                    int worst = 0;
                    for (int i = 0; i < a.pixels().length; i++) {
                        worst = Math.max(worst, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
                    }
                    assertTrue(worst <= 8, g.name() + ": SIMD IDCT/colour conversion off by " + worst);
                }
            }
        }
    }
}
