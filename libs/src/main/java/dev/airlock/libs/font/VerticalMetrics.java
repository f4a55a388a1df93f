package dev.airlock.libs.font;

/**
 * A font's vertical metrics in font units (y up): multiply by a scale
 * ({@link SandboxedFont#scaleForPixelHeight}) for pixels.
 *
 * @param ascent how far the font rises above the baseline
 * @param descent how far it reaches below (usually negative)
 * @param lineGap the space between one line's descent and the next line's ascent
 */
public record VerticalMetrics(int ascent, int descent, int lineGap) {
    /** The distance from one baseline to the next: ascent - descent + line gap. */
    public int lineHeight() {
        return ascent - descent + lineGap;
    }
}
