package dev.airlock.libs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.DecodeLimits;
import org.junit.jupiter.api.Test;

/** The limits' checks, at and beyond each bound, and without overflow. */
class ImageLimitsTest {
    @Test
    void eachLimitAtAndBeyondItsBound() {
        ImageLimits l = new ImageLimits(100, 50, 4000, 16_000, 1000, 3);
        l.checkDimensions(100, 40);
        l.checkDimensions(80, 50);
        assertThrows(DecodeException.class, () -> l.checkDimensions(101, 1));
        assertThrows(DecodeException.class, () -> l.checkDimensions(1, 51));
        assertThrows(DecodeException.class, () -> l.checkDimensions(100, 41));   // 4100 pixels
        assertEquals(16_000, l.checkBytes(100, 40, 4, 1, 1));
        assertEquals(16_000, l.checkBytes(50, 40, 4, 2, 1));
        assertThrows(DecodeException.class, () -> l.checkBytes(100, 40, 4, 1, 2));
        l.checkInput(1000);
        assertThrows(DecodeException.class, () -> l.checkInput(1001));
        assertThrows(DecodeException.class, () -> l.checkInput(0));
        l.checkFrames(3);
        DecodeException e = assertThrows(DecodeException.class, () -> l.checkFrames(4));
        assertTrue(e.getMessage().contains("maxFrames"));
    }

    @Test
    void hugeProductsDoNotOverflow() {
        ImageLimits l = ImageLimits.DEFAULT;
        assertThrows(DecodeException.class, () -> l.checkBytes(Integer.MAX_VALUE, Integer.MAX_VALUE, 4, 4, Integer.MAX_VALUE));
        assertThrows(DecodeException.class, () -> l.checkBytes(65_536, 65_536, 1, 1, 1));
    }

    @Test
    void withersAndTheRawLimit() {
        ImageLimits l = ImageLimits.DEFAULT.withMaxWidth(1).withMaxHeight(2).withMaxPixels(3).withMaxBytes(4)
                .withMaxInputBytes(5).withMaxFrames(6);
        assertEquals(new ImageLimits(1, 2, 3, 4, 5, 6), l);
        assertEquals(new DecodeLimits(4), l.toDecodeLimits());
        assertEquals(1 << 20, ImageLimits.of(new DecodeLimits(1 << 20)).maxBytes());
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.DEFAULT.withMaxBytes(0));
        assertThrows(IllegalArgumentException.class, () -> ImageLimits.DEFAULT.withMaxFrames(-1));
    }
}
