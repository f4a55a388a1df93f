package dev.airlock.libs.font;

import dev.airlock.libs.DecodeException;
import dev.airlock.libs.LibraryException;
import dev.airlock.libs.SandboxException;
import dev.airlock.sandbox.Sandbox;
import dev.airlock.sandbox.SandboxState;
import dev.airlock.sandbox.SandboxTrapException;
import dev.airlock.taint.TaintException;
import dev.airlock.taint.VerificationException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A TrueType or OpenType font, parsed and rasterised by stb_truetype running in a sandbox of its
 * own.
 *
 * <pre>{@code
 * try (SandboxedFont font = SandboxedFont.load(Path.of("DejaVuSans.ttf"))) {
 *     BufferedImage text = font.render("Hello, world", 32f, Color.BLACK);
 * }
 * }</pre>
 *
 * <p>stb_truetype trusts every offset in a font file, so a damaged or hostile font makes it read
 * and compute nonsense; here that stays in the sandbox. Everything it returns is verified: font
 * units must fit TrueType's 16 bits, glyph indices the glyph count, scales must be positive and
 * finite, bitmaps within the {@link FontLimits}. Failures are a {@link DecodeException} (the font
 * or the request is refused) or a {@link SandboxException} (the library trapped, ran past its time
 * limit, or returned a value that failed verification). After a trap the next call loads the
 * font into a fresh sandbox, so one bad glyph does not make the font unusable.
 *
 * <p>Thread-safe (calls are serialised). Close the font to close its sandbox.
 */
public final class SandboxedFont implements AutoCloseable {
    private final byte[] file;
    private final int index;
    private final FontLimits limits;
    /** Wraps the sandbox's binding: the identity, except in tests that play a hostile library. */
    private final UnaryOperator<FontGlue.Functions> glue;
    private Sandbox sandbox;
    private FontCalls calls;
    private boolean closed;

    private SandboxedFont(byte[] file, int index, FontLimits limits, UnaryOperator<FontGlue.Functions> glue) {
        this.file = file;
        this.index = index;
        this.limits = limits;
        this.glue = glue;
        open();
    }

    /** Font 0 of {@code data} (a font file or collection) with the default limits. */
    public static SandboxedFont load(byte[] data) {
        return load(data, 0, FontLimits.DEFAULT);
    }

    /** Font 0 of a font file with the default limits. */
    public static SandboxedFont load(Path file) throws IOException {
        return load(Files.readAllBytes(file));
    }

    /**
     * Font {@code index} of {@code data} (0 for a plain font file; see {@link #fontCount} for a
     * collection), with {@code limits}. The data is copied.
     *
     * @throws DecodeException if there is no such font or stb_truetype rejects it
     */
    public static SandboxedFont load(byte[] data, int index, FontLimits limits) {
        return load(data, index, limits, UnaryOperator.identity());
    }

    /** {@link #load(byte[], int, FontLimits)} with the binding wrapped (tests that play a hostile library). */
    static SandboxedFont load(byte[] data, int index, FontLimits limits, UnaryOperator<FontGlue.Functions> glue) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(limits, "limits");
        if (index < 0) {
            throw new IllegalArgumentException("font index must not be negative: " + index);
        }
        checkSize(data, limits);
        return new SandboxedFont(data.clone(), index, limits, glue);
    }

    /** How many fonts {@code data} holds: 1 for a font file, n for a collection, 0 if it is neither. */
    public static int fontCount(byte[] data) {
        checkSize(data, FontLimits.DEFAULT);
        try (Sandbox s = newSandbox(FontLimits.DEFAULT)) {
            return translate(() -> FontCalls.fontCount(s, s.bind(FontGlue.Functions.class), data));
        }
    }

    private static void checkSize(byte[] data, FontLimits limits) {
        if (data.length < 12) {
            throw new DecodeException("not a font: " + data.length + " bytes");
        }
        if (data.length > limits.maxFontBytes()) {
            throw new DecodeException("the font of " + data.length + " bytes exceeds the limit of " + limits.maxFontBytes()
                    + " bytes (FontLimits.maxFontBytes)");
        }
    }

    private static Sandbox newSandbox(FontLimits limits) {
        try {
            return Sandbox.builder(FontGlue.library()).callDeadline(limits.callTimeout()).build();
        } catch (dev.airlock.sandbox.SandboxException e) {
            throw new SandboxException("stb_truetype: cannot create a sandbox: " + e.getMessage(), e);
        }
    }

    /** A fresh sandbox with the font opened in it. */
    private void open() {
        Sandbox s = newSandbox(limits);
        try {
            calls = translate(() -> new FontCalls(s, glue.apply(s.bind(FontGlue.Functions.class)), limits, file, index));
            sandbox = s;
        } finally {
            if (sandbox != s) {
                s.close();
            }
        }
    }

    /** Runs {@code call} on the font, reopening it first if an earlier call trapped. */
    private synchronized <R> R call(Function<FontCalls, R> call) {
        if (closed) {
            throw new IllegalStateException("the font is closed");
        }
        if (sandbox == null || sandbox.state() != SandboxState.OPEN) {
            // The last call trapped (the sandbox is poisoned): a fresh sandbox, the font opened again.
            if (sandbox != null) {
                sandbox.close();
                sandbox = null;
            }
            open();
        }
        return translate(() -> call.apply(calls));
    }

    private static <R> R translate(java.util.function.Supplier<R> call) {
        try {
            return call.get();
        } catch (LibraryException e) {
            throw e;
        } catch (SandboxTrapException e) {
            throw new SandboxException("stb_truetype trapped (" + e.kind() + "): " + e.getMessage(), e);
        } catch (dev.airlock.sandbox.SandboxException e) {
            throw new SandboxException("stb_truetype: " + e.getMessage(), e);
        } catch (VerificationException e) {
            throw new SandboxException("stb_truetype returned a value that failed verification: " + e.getMessage(), e);
        } catch (TaintException e) {
            throw new SandboxException("stb_truetype returned a bad pointer: " + e.getMessage(), e);
        }
    }

    /** The limits this font enforces. */
    public FontLimits limits() {
        return limits;
    }

    /** The number of glyphs; glyph indices are 0 to this minus one. */
    public int glyphCount() {
        return call(FontCalls::glyphCount);
    }

    /** Ascent, descent and line gap in font units. */
    public VerticalMetrics verticalMetrics() {
        return call(FontCalls::verticalMetrics);
    }

    /** The scale from font units to pixels that makes ascent - descent {@code pixelHeight} pixels high. */
    public float scaleForPixelHeight(float pixelHeight) {
        return call(c -> c.scaleForPixelHeight(pixelHeight));
    }

    /** The glyph of a Unicode code point; 0 (the missing glyph) if the font has none. */
    public int glyphIndex(int codepoint) {
        return call(c -> c.glyphIndex(codepoint));
    }

    /** The metrics and outline box of the glyph of {@code codepoint}, in font units. */
    public GlyphMetrics glyphMetrics(int codepoint) {
        return call(c -> c.glyphMetrics(codepoint));
    }

    /** The kerning between two code points' glyphs, in font units (add it to the first one's advance). */
    public int kerning(int codepoint1, int codepoint2) {
        return call(c -> c.kerning(codepoint1, codepoint2));
    }

    /** The glyph of {@code codepoint} rasterised at {@code pixelHeight}. */
    public GlyphBitmap glyphBitmap(int codepoint, float pixelHeight) {
        return call(c -> c.glyphBitmap(codepoint, pixelHeight));
    }

    /** The width of a line of text at {@code pixelHeight}: the pen position after its last glyph, in pixels. */
    public int measure(String text, float pixelHeight) {
        Objects.requireNonNull(text, "text");
        return call(c -> c.advance(text, pixelHeight));
    }

    /**
     * A line of text rendered at {@code pixelHeight} into a bitmap just large enough: as high as
     * the font's ascent - descent, as wide as the text plus an eighth of the pixel height for
     * glyphs that overhang their advance (italics).
     *
     * @throws IllegalArgumentException if that bitmap would exceed the {@link FontLimits}
     */
    public RenderedLine renderLine(String text, float pixelHeight) {
        Objects.requireNonNull(text, "text");
        return call(c -> {
            int advance = c.advance(text, pixelHeight);
            int width = Math.max(1, advance + (int) Math.ceil(pixelHeight / 8));
            int height = Math.max(1, (int) Math.ceil(pixelHeight) + 1);
            return c.renderLine(text, pixelHeight, width, height);
        });
    }

    /** A line of text rendered at {@code pixelHeight} into a {@code width x height} bitmap (clipped), baseline at the ascent. */
    public RenderedLine renderLine(String text, float pixelHeight, int width, int height) {
        Objects.requireNonNull(text, "text");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("the bitmap must be at least 1x1: " + width + "x" + height);
        }
        return call(c -> c.renderLine(text, pixelHeight, width, height));
    }

    /** {@link #renderLine(String, float)} as white-on-black {@code TYPE_BYTE_GRAY} coverage. */
    public BufferedImage render(String text, float pixelHeight) {
        return renderLine(text, pixelHeight).toGrayImage();
    }

    /** {@link #renderLine(String, float)} in {@code color} on transparent {@code TYPE_INT_ARGB}. */
    public BufferedImage render(String text, float pixelHeight, Color color) {
        return renderLine(text, pixelHeight).toImage(color);
    }

    /** Closes the font's sandbox. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sandbox == null) {
            return;
        }
        try {
            if (sandbox.state() == SandboxState.OPEN) {
                calls.close();
            }
        } finally {
            sandbox.close();
        }
    }
}
