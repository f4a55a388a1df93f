package dev.airlock.libs;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@link TrueType} over a {@link GlueRuntime}: the host side of {@code airlock_stb_truetype.c},
 * shared by the Wasm and the native binding. A font lives in the library's memory as one block
 * (an out-parameter area followed by the font file) and the {@code stbtt_fontinfo} the glue
 * allocated.
 */
abstract class TrueTypeBinding implements TrueType {
    /** The out-parameter area at the start of every block. */
    private static final int OUT_AREA = 64;

    final GlueRuntime runtime;
    private final DecodeLimits limits;

    TrueTypeBinding(GlueRuntime runtime, DecodeLimits limits) {
        this.runtime = runtime;
        this.limits = limits;
    }

    /** Runs {@code call} with {@code file} placed in the library's memory; frees it afterwards. */
    private int withFile(byte[] file, java.util.function.LongUnaryOperator call) {
        long block = runtime.allocate((long) OUT_AREA + file.length);
        try {
            runtime.write(block + OUT_AREA, file);
            return (int) call.applyAsLong(block + OUT_AREA);
        } finally {
            runtime.free(block);
        }
    }

    @Override
    public int numberOfFonts(byte[] file) {
        return withFile(file, data -> runtime.callInt("airlock_tt_number_of_fonts", data, file.length));
    }

    @Override
    public int fontOffsetForIndex(byte[] file, int index) {
        return withFile(file, data -> runtime.callInt("airlock_tt_font_offset", data, file.length, index));
    }

    @Override
    public Font open(byte[] file, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("font index must not be negative: " + index);
        }
        return open(file, "airlock_tt_open", index, "no font number " + index + " in the file");
    }

    @Override
    public Font openAt(byte[] file, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("font offset must not be negative: " + offset);
        }
        return open(file, "airlock_tt_open_at", offset, "no font at offset " + offset + " in the file");
    }

    private Font open(byte[] file, String function, int where, String notThere) {
        long block = runtime.allocate((long) OUT_AREA + file.length);
        boolean opened = false;
        try {
            runtime.write(block + OUT_AREA, file);
            long info = runtime.callPointer(function, block + OUT_AREA, file.length, where, block);
            if (info == 0) {
                int status = runtime.readInt(block);
                throw new DecodeException(switch (status) {
                    case 1 -> notThere;
                    case 2 -> "stbtt_InitFont rejected the font";
                    case 3 -> "out of memory";
                    default -> "cannot open the font (status " + status + ")";
                });
            }
            GlueFont font = new GlueFont(block, info, file.length);
            opened = true;
            return font;
        } finally {
            if (!opened) {
                runtime.free(block);
            }
        }
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** A font in the library's memory. */
    private final class GlueFont implements Font {
        private final long block;
        private final long info;
        private final int generation;
        private final int glyphCount;
        private boolean closed;

        GlueFont(long block, long info, int length) {
            this.block = block;
            this.info = info;
            this.generation = runtime.generation();
            int n = runtime.callInt("airlock_tt_glyph_count", info);
            if (n < 0) {
                throw new SandboxException("the library reported " + n + " glyphs");
            }
            this.glyphCount = n;
        }

        private void check() {
            if (closed) {
                throw new IllegalStateException("the font is closed");
            }
            if (runtime.generation() != generation) {
                throw new IllegalStateException("the library's instance was reset after a trap; open the font again");
            }
        }

        private void checkGlyph(int glyph) {
            if (glyph < 0 || glyph >= glyphCount) {
                throw new IllegalArgumentException("glyph " + glyph + " is not in 0.." + (glyphCount - 1));
            }
        }

        private static void checkScale(float scale) {
            if (!(scale > 0) || Float.isInfinite(scale)) {
                throw new IllegalArgumentException("scale must be positive and finite: " + scale);
            }
        }

        @Override
        public int glyphCount() {
            check();
            return glyphCount;
        }

        @Override
        public VMetrics verticalMetrics() {
            check();
            runtime.callVoid("airlock_tt_vmetrics", info, block);
            int[] o = runtime.readInts(block, 11);
            return new VMetrics(o[0], o[1], o[2], o[3] != 0, o[4], o[5], o[6], new Box(o[7], o[8], o[9], o[10]));
        }

        @Override
        public float scaleForPixelHeight(float pixels) {
            check();
            return runtime.callFloat("airlock_tt_scale_for_pixel_height", info, pixels);
        }

        @Override
        public float scaleForMappingEmToPixels(float pixels) {
            check();
            return runtime.callFloat("airlock_tt_scale_for_em_to_pixels", info, pixels);
        }

        @Override
        public int glyphIndex(int codepoint) {
            check();
            return runtime.callInt("airlock_tt_find_glyph", info, codepoint);
        }

        @Override
        public HMetrics glyphHMetrics(int glyph) {
            check();
            checkGlyph(glyph);
            runtime.callVoid("airlock_tt_glyph_hmetrics", info, glyph, block);
            int[] o = runtime.readInts(block, 2);
            return new HMetrics(o[0], o[1]);
        }

        @Override
        public int glyphKernAdvance(int glyph1, int glyph2) {
            check();
            checkGlyph(glyph1);
            checkGlyph(glyph2);
            return runtime.callInt("airlock_tt_glyph_kern", info, glyph1, glyph2);
        }

        @Override
        public int codepointKernAdvance(int codepoint1, int codepoint2) {
            check();
            return runtime.callInt("airlock_tt_codepoint_kern", info, codepoint1, codepoint2);
        }

        @Override
        public Optional<Box> glyphBox(int glyph) {
            check();
            checkGlyph(glyph);
            int ok = runtime.callInt("airlock_tt_glyph_box", info, glyph, block);
            if (ok == 0) {
                return Optional.empty();
            }
            int[] o = runtime.readInts(block, 4);
            return Optional.of(new Box(o[0], o[1], o[2], o[3]));
        }

        @Override
        public Box glyphBitmapBox(int glyph, float scaleX, float scaleY, float shiftX, float shiftY) {
            check();
            checkGlyph(glyph);
            checkScale(scaleX);
            checkScale(scaleY);
            runtime.callVoid("airlock_tt_glyph_bitmap_box", info, glyph, scaleX, scaleY, shiftX, shiftY, block);
            int[] o = runtime.readInts(block, 4);
            return new Box(o[0], o[1], o[2], o[3]);
        }

        @Override
        public GlyphBitmap glyphBitmap(int glyph, float scaleX, float scaleY, float shiftX, float shiftY) {
            check();
            checkGlyph(glyph);
            checkScale(scaleX);
            checkScale(scaleY);
            long pixels = runtime.callPointer("airlock_tt_glyph_bitmap", info, glyph, scaleX, scaleY, shiftX, shiftY,
                    limits.maxOutputBytes(), block);
            return bitmap(pixels, "glyph bitmap");
        }

        @Override
        public GlyphBitmap glyphSdf(int glyph, float scale, int padding, int onEdgeValue, float pixelDistScale) {
            check();
            checkGlyph(glyph);
            checkScale(scale);
            if (padding < 0 || padding > 1024 || onEdgeValue < 0 || onEdgeValue > 255) {
                throw new IllegalArgumentException("padding 0..1024 and onEdgeValue 0..255 expected: " + padding + ", "
                        + onEdgeValue);
            }
            long pixels = runtime.callPointer("airlock_tt_glyph_sdf", info, glyph, scale, padding, onEdgeValue,
                    pixelDistScale, limits.maxOutputBytes(), block);
            return bitmap(pixels, "signed distance field");
        }

        /** The bitmap the glue returned at {@code pixels} (freed here), described by the out area. */
        private GlyphBitmap bitmap(long pixels, String what) {
            try {
                int[] o = runtime.readInts(block, 5);
                int status = o[4];
                if (pixels == 0) {
                    switch (status) {
                        case 1:
                            return new GlyphBitmap(0, 0, o[2], o[3], new byte[0]);
                        case 2:
                            throw new DecodeException("the " + what + " exceeds the host's limit of "
                                    + limits.maxOutputBytes() + " bytes");
                        case 3:
                            throw new DecodeException("out of memory");
                        default:
                            throw new DecodeException("cannot make the " + what + " (status " + status + ")");
                    }
                }
                if (o[0] < 1 || o[1] < 1) {
                    throw new SandboxException("the library returned a " + o[0] + "x" + o[1] + " " + what);
                }
                long bytes = (long) o[0] * o[1];
                limits.check(bytes, "the " + what);
                return new GlyphBitmap(o[0], o[1], o[2], o[3], runtime.read(pixels, (int) bytes));
            } finally {
                runtime.free(pixels);
            }
        }

        @Override
        public TextLine renderLine(String text, float pixelHeight, int width, int height) {
            check();
            checkScale(pixelHeight);
            if (width < 0 || height < 0 || (long) width * height > limits.maxOutputBytes()) {
                throw new IllegalArgumentException("bitmap of " + width + "x" + height + " is negative or beyond the limit");
            }
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int size = width * height;
            long area = runtime.allocate((long) utf8.length + size + 1);
            try {
                long textAddress = area;
                long bitmap = area + utf8.length;
                runtime.write(textAddress, utf8);
                runtime.write(bitmap, new byte[size]);
                int ok = runtime.callInt("airlock_tt_render_line", info, pixelHeight, textAddress, utf8.length, bitmap,
                        width, height, block);
                if (ok == 0) {
                    throw new DecodeException("cannot render the line");
                }
                int[] o = runtime.readInts(block, 3);
                return new TextLine(width, height, o[0], o[1], o[2], runtime.read(bitmap, size));
            } finally {
                runtime.free(area);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (runtime.generation() == generation) {
                runtime.release("airlock_tt_close", info);
                runtime.free(block);
            }
        }
    }
}
