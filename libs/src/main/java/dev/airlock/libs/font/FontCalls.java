package dev.airlock.libs.font;

import dev.airlock.libs.DecodeException;
import dev.airlock.marshal.PrimitiveArrays;
import dev.airlock.sandbox.Sandbox;
import dev.airlock.sandbox.SandboxState;
import dev.airlock.taint.MemoryFunctions;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.VerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One opened font in one sandbox, and the verification of everything stb_truetype returns about
 * it. Font units are 16-bit in TrueType, so every metric must fit a {@code short} (advance widths
 * an unsigned one); glyph indices must be below the glyph count; scales positive and finite;
 * bitmap sizes within the {@link FontLimits}, and copied by the count computed from the verified
 * size. Not thread-safe: {@link SandboxedFont} serialises the calls.
 */
final class FontCalls implements AutoCloseable {
    /** Ints in the glue's result array. */
    private static final int OUT_INTS = 12;

    private final Sandbox sandbox;
    private final FontGlue.Functions glue;
    private final FontLimits limits;
    private final TaintedPointer<Byte> data;
    private final TaintedPointer<Integer> out;
    private final TaintedPointer<Void> font;
    private final int glyphCount;

    /**
     * Copies {@code file} into {@code sandbox} and opens font {@code index} of it.
     *
     * @throws DecodeException if there is no such font or stb_truetype rejects it
     */
    FontCalls(Sandbox sandbox, FontGlue.Functions glue, FontLimits limits, byte[] file, int index) {
        this.sandbox = sandbox;
        this.glue = glue;
        this.limits = limits;
        boolean opened = false;
        TaintedPointer<Byte> d = null;
        TaintedPointer<Integer> o = null;
        try {
            d = sandbox.malloc(file.length);
            sandbox.copyIn(d, file);
            o = sandbox.malloc(Pointees.INT32, OUT_INTS);
            TaintedPointer<Void> f = glue.airlock_tt_open(d, file.length, index, o);
            if (isNull(f)) {
                int status = PrimitiveArrays.readInts(o, 1).verify(s -> range(s[0], 1, 3, "the status of a failed open"));
                throw new DecodeException(switch (status) {
                    case 1 -> "no font number " + index + " in the file";
                    case 2 -> "stb_truetype rejected the font";
                    default -> "out of memory opening the font";
                });
            }
            this.data = d;
            this.out = o;
            this.font = f;
            // numGlyphs is a 16-bit field of the font's maxp table.
            this.glyphCount = glue.airlock_tt_glyph_count(f).verifyRange(0, 0xFFFF, "glyph count");
            opened = true;
        } finally {
            if (!opened) {
                TaintedPointer<Byte> dd = d;
                TaintedPointer<Integer> oo = o;
                release(() -> sandbox.free(dd));
                release(() -> sandbox.free(oo));
            }
        }
    }

    /** How many fonts {@code file} holds, read in {@code sandbox}. */
    static int fontCount(Sandbox sandbox, FontGlue.Functions glue, byte[] file) {
        TaintedPointer<Byte> d = sandbox.malloc(file.length);
        try {
            sandbox.copyIn(d, file);
            // A collection's count is a 32-bit field, but it cannot exceed the fonts the file can hold.
            return glue.airlock_tt_number_of_fonts(d, file.length).verifyRange(0, Math.max(1, file.length / 12),
                    "font count");
        } finally {
            if (sandbox.state() == SandboxState.OPEN) {
                sandbox.free(d);
            }
        }
    }

    private void release(Runnable free) {
        if (sandbox.state() == SandboxState.OPEN) {
            free.run();
        }
    }

    int glyphCount() {
        return glyphCount;
    }

    VerticalMetrics verticalMetrics() {
        glue.airlock_tt_vmetrics(font, out);
        return PrimitiveArrays.readInts(out, 3).verify(m -> new VerticalMetrics(
                fontUnit(m[0], "ascent"), fontUnit(m[1], "descent"), fontUnit(m[2], "line gap")));
    }

    float scaleForPixelHeight(float pixelHeight) {
        limits.checkPixelHeight(pixelHeight);
        return glue.airlock_tt_scale_for_pixel_height(font, pixelHeight).verify(s -> {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new VerificationException("the scale must be positive and finite, was " + s);
            }
            return (float) s;
        });
    }

    int glyphIndex(int codepoint) {
        return glue.airlock_tt_find_glyph(font, codepoint).verifyRange(0, Math.max(0, glyphCount - 1), "glyph index");
    }

    GlyphMetrics glyphMetrics(int codepoint) {
        int glyph = glyphIndex(codepoint);
        glue.airlock_tt_glyph_hmetrics(font, glyph, out);
        int[] h = PrimitiveArrays.readInts(out, 2).verify(m -> new int[] {range(m[0], 0, 0xFFFF, "advance width"),
            fontUnit(m[1], "left side bearing")});
        boolean hasBox = glue.airlock_tt_glyph_box(font, glyph, out).verify(v -> v != 0);
        Optional<GlyphMetrics.Box> box = Optional.empty();
        if (hasBox) {
            box = Optional.of(PrimitiveArrays.readInts(out, 4).verify(b -> new GlyphMetrics.Box(fontUnit(b[0], "x0"),
                    fontUnit(b[1], "y0"), fontUnit(b[2], "x1"), fontUnit(b[3], "y1"))));
        }
        return new GlyphMetrics(glyph, h[0], h[1], box);
    }

    int kerning(int codepoint1, int codepoint2) {
        int g1 = glyphIndex(codepoint1);
        int g2 = glyphIndex(codepoint2);
        return glue.airlock_tt_glyph_kern(font, g1, g2).verify(k -> fontUnit(k, "kerning"));
    }

    GlyphBitmap glyphBitmap(int codepoint, float pixelHeight) {
        float scale = scaleForPixelHeight(pixelHeight);
        int glyph = glyphIndex(codepoint);
        int maxBytes = limits.maxBitmapPixels();
        TaintedPointer<Byte> pixels = glue.airlock_tt_glyph_bitmap(font, glyph, scale, scale, 0f, 0f, maxBytes, out);
        try {
            int[] o = PrimitiveArrays.readInts(out, 5).verify(r -> {
                range(r[4], 0, 3, "bitmap status");
                if (isNull(pixels) != (r[4] != 0)) {
                    throw new VerificationException("a bitmap comes with status 0 and only then, was " + r[4]);
                }
                range(r[2], -limits.maxBitmapWidth(), limits.maxBitmapWidth(), "x offset");
                range(r[3], -limits.maxBitmapHeight(), limits.maxBitmapHeight(), "y offset");
                if (r[4] == 0) {
                    range(r[0], 1, limits.maxBitmapWidth(), "bitmap width");
                    range(r[1], 1, limits.maxBitmapHeight(), "bitmap height");
                    if (!limits.allowsBitmap(r[0], r[1])) {
                        throw new VerificationException("a bitmap of " + r[0] + "x" + r[1] + " is beyond the limits");
                    }
                }
                return r;
            });
            switch (o[4]) {
                case 0:
                    byte[] coverage = PrimitiveArrays.readBytes(pixels, o[0] * o[1])
                            .unverifiedSafeBecause("every byte is a valid coverage value; the count was verified");
                    return new GlyphBitmap(o[0], o[1], o[2], o[3], coverage);
                case 1:
                    return new GlyphBitmap(0, 0, o[2], o[3], new byte[0]);
                case 2:
                    throw new DecodeException("the glyph's bitmap exceeds the limit of " + maxBytes + " pixels");
                default:
                    throw new DecodeException("out of memory rasterising the glyph");
            }
        } finally {
            if (!isNull(pixels)) {
                release(() -> glue.free(pixels));
            }
        }
    }

    /** Lays out {@code text} without drawing it: the pen position after it, in pixels. */
    int advance(String text, float pixelHeight) {
        return renderLine(text, pixelHeight, 0, 0).advance();
    }

    RenderedLine renderLine(String text, float pixelHeight, int width, int height) {
        float scale = scaleForPixelHeight(pixelHeight);
        limits.checkBitmap(width, height);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > limits.maxTextBytes()) {
            throw new IllegalArgumentException("the text of " + utf8.length + " UTF-8 bytes exceeds the limit of "
                    + limits.maxTextBytes());
        }
        int size = width * height;
        // One block: the text, then the bitmap (zeroed: the glue draws by keeping the larger coverage).
        TaintedPointer<Byte> block = sandbox.malloc(Math.max(1, (long) utf8.length + size));
        try {
            sandbox.copyIn(block, utf8);
            TaintedPointer<Byte> bitmap = block.add(utf8.length);
            if (size > 0) {
                MemoryFunctions.memset(bitmap, 0, size);
            }
            boolean ok = glue.airlock_tt_render_line(font, pixelHeight, block, utf8.length, bitmap, width, height, out)
                    .verify(v -> v != 0);
            if (!ok) {
                throw new DecodeException("stb_truetype could not render the line");
            }
            int codepoints = text.codePointCount(0, text.length());
            // Per code point the pen moves by an advance (unsigned 16-bit font units) and a kerning
            // (signed 16-bit), scaled; the baseline is the scaled ascent (signed 16-bit).
            double maxAdvance = codepoints * (65_535.0 + 32_768.0) * scale + 1;
            double maxBaseline = 32_768.0 * scale + 1;
            int[] o = PrimitiveArrays.readInts(out, 3).verify(r -> {
                if (Math.abs((double) r[0]) > maxAdvance) {
                    throw new VerificationException("the advance must be within " + maxAdvance + " pixels, was " + r[0]);
                }
                if (Math.abs((double) r[1]) > maxBaseline) {
                    throw new VerificationException("the baseline must be within " + maxBaseline + " pixels, was " + r[1]);
                }
                range(r[2], 0, codepoints, "code points laid out");
                return r;
            });
            byte[] coverage = size == 0 ? new byte[0] : PrimitiveArrays.readBytes(bitmap, size)
                    .unverifiedSafeBecause("every byte is a valid coverage value; the host chose the size");
            return new RenderedLine(width, height, o[1], o[0], o[2], coverage);
        } finally {
            release(() -> sandbox.free(block));
        }
    }

    @Override
    public void close() {
        release(() -> glue.airlock_tt_close(font));
        release(() -> sandbox.free(data));
        release(() -> sandbox.free(out));
    }

    private static boolean isNull(TaintedPointer<?> pointer) {
        return pointer.isNull().verify(b -> b);
    }

    /** A signed 16-bit font unit. */
    private static int fontUnit(int value, String what) {
        return range(value, Short.MIN_VALUE, Short.MAX_VALUE, what);
    }

    private static int range(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new VerificationException(what + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
