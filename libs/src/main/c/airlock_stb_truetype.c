/*
 * Airlock glue for stb_truetype (from Debian's libstb-dev, included, never copied): fonts from
 * memory (TrueType, OpenType/CFF, collections), metrics, kerning, glyph rasterisation, signed
 * distance fields, and a one-line text renderer.
 *
 * A font is a malloc'd stbtt_fontinfo that points into the font data; the caller keeps the data
 * alive, unchanged, until it frees the font.
 *
 * Bitmap functions write to out[]: out[0] width, out[1] height, out[2] x offset, out[3] y offset,
 * out[4] status (STATUS_*).
 */
#include "airlock_glue.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STBTT_malloc(size, user) ((void) (user), airlock_zalloc(size))
#define STBTT_free(p, user) ((void) (user), free(p))
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include "stb_truetype.h"

enum {
    STATUS_OK = 0,
    STATUS_EMPTY = 1,       /* the glyph has no pixels: width or height is 0 */
    STATUS_TOO_LARGE = 2,   /* the bitmap would exceed max_bytes */
    STATUS_NO_MEMORY = 3,   /* malloc failed */
    STATUS_BAD_ARGUMENT = 4
};

/* stb_truetype reads a font's tables without bounds checks: refuse what cannot hold a header. */
#define MIN_FONT_BYTES 12

AIRLOCK_EXPORT(airlock_tt_number_of_fonts)
int airlock_tt_number_of_fonts(const unsigned char *data, int len) {
    if (data == 0 || len < MIN_FONT_BYTES) {
        return 0;
    }
    return stbtt_GetNumberOfFonts(data);
}

AIRLOCK_EXPORT(airlock_tt_font_offset)
int airlock_tt_font_offset(const unsigned char *data, int len, int index) {
    if (data == 0 || len < MIN_FONT_BYTES) {
        return -1;
    }
    return stbtt_GetFontOffsetForIndex(data, index);
}

/*
 * Opens font number `index` of data (0 for a plain font file); null if there is no such font or
 * stb_truetype rejects it. *status receives 1 if the index is out of range, 2 if InitFont failed,
 * 3 if out of memory, 0 on success.
 */
AIRLOCK_EXPORT(airlock_tt_open)
stbtt_fontinfo *airlock_tt_open(const unsigned char *data, int len, int index, int *status) {
    int offset;
    stbtt_fontinfo *info;
    if (data == 0 || len < MIN_FONT_BYTES || index < 0) {
        *status = 1;
        return 0;
    }
    offset = stbtt_GetFontOffsetForIndex(data, index);
    if (offset < 0 || offset >= len) {
        *status = 1;
        return 0;
    }
    info = (stbtt_fontinfo *) airlock_zalloc(sizeof(stbtt_fontinfo));
    if (info == 0) {
        *status = 3;
        return 0;
    }
    if (!stbtt_InitFont(info, data, offset)) {
        free(info);
        *status = 2;
        return 0;
    }
    *status = 0;
    return info;
}

/*
 * Opens the font at byte `offset` of data (as stbtt_GetFontOffsetForIndex gives it); null if
 * stb_truetype rejects it. *status as for airlock_tt_open.
 */
AIRLOCK_EXPORT(airlock_tt_open_at)
stbtt_fontinfo *airlock_tt_open_at(const unsigned char *data, int len, int offset, int *status) {
    stbtt_fontinfo *info;
    if (data == 0 || len < MIN_FONT_BYTES || offset < 0 || offset > len - MIN_FONT_BYTES) {
        *status = 1;
        return 0;
    }
    info = (stbtt_fontinfo *) airlock_zalloc(sizeof(stbtt_fontinfo));
    if (info == 0) {
        *status = 3;
        return 0;
    }
    if (!stbtt_InitFont(info, data, offset)) {
        free(info);
        *status = 2;
        return 0;
    }
    *status = 0;
    return info;
}

AIRLOCK_EXPORT(airlock_tt_close)
void airlock_tt_close(stbtt_fontinfo *info) {
    free(info);
}

AIRLOCK_EXPORT(airlock_tt_glyph_count)
int airlock_tt_glyph_count(const stbtt_fontinfo *info) {
    return info->numGlyphs;
}

/*
 * Vertical metrics, unscaled: out[0] ascent, out[1] descent, out[2] line gap, out[3] 1 if the
 * OS/2 table has typographic metrics, out[4..6] those (typo ascent, descent, line gap),
 * out[7..10] the font's bounding box x0, y0, x1, y1.
 */
AIRLOCK_EXPORT(airlock_tt_vmetrics)
void airlock_tt_vmetrics(const stbtt_fontinfo *info, int *out) {
    memset(out, 0, 11 * sizeof(int));
    stbtt_GetFontVMetrics(info, &out[0], &out[1], &out[2]);
    out[3] = stbtt_GetFontVMetricsOS2(info, &out[4], &out[5], &out[6]);
    stbtt_GetFontBoundingBox(info, &out[7], &out[8], &out[9], &out[10]);
}

AIRLOCK_EXPORT(airlock_tt_scale_for_pixel_height)
float airlock_tt_scale_for_pixel_height(const stbtt_fontinfo *info, float pixels) {
    return stbtt_ScaleForPixelHeight(info, pixels);
}

AIRLOCK_EXPORT(airlock_tt_scale_for_em_to_pixels)
float airlock_tt_scale_for_em_to_pixels(const stbtt_fontinfo *info, float pixels) {
    return stbtt_ScaleForMappingEmToPixels(info, pixels);
}

AIRLOCK_EXPORT(airlock_tt_find_glyph)
int airlock_tt_find_glyph(const stbtt_fontinfo *info, int codepoint) {
    return stbtt_FindGlyphIndex(info, codepoint);
}

/* Horizontal metrics of a glyph, unscaled: out[0] advance width, out[1] left side bearing. */
AIRLOCK_EXPORT(airlock_tt_glyph_hmetrics)
void airlock_tt_glyph_hmetrics(const stbtt_fontinfo *info, int glyph, int *out) {
    out[0] = 0;
    out[1] = 0;
    stbtt_GetGlyphHMetrics(info, glyph, &out[0], &out[1]);
}

AIRLOCK_EXPORT(airlock_tt_glyph_kern)
int airlock_tt_glyph_kern(const stbtt_fontinfo *info, int glyph1, int glyph2) {
    return stbtt_GetGlyphKernAdvance(info, glyph1, glyph2);
}

AIRLOCK_EXPORT(airlock_tt_codepoint_kern)
int airlock_tt_codepoint_kern(const stbtt_fontinfo *info, int codepoint1, int codepoint2) {
    return stbtt_GetCodepointKernAdvance(info, codepoint1, codepoint2);
}

/* The glyph's box in font units: out[0..3] x0, y0, x1, y1; returns 0 if the glyph has none. */
AIRLOCK_EXPORT(airlock_tt_glyph_box)
int airlock_tt_glyph_box(const stbtt_fontinfo *info, int glyph, int *out) {
    memset(out, 0, 4 * sizeof(int));
    return stbtt_GetGlyphBox(info, glyph, &out[0], &out[1], &out[2], &out[3]);
}

/* The box of the glyph's bitmap at a scale and subpixel shift: out[0..3] x0, y0, x1, y1. */
AIRLOCK_EXPORT(airlock_tt_glyph_bitmap_box)
void airlock_tt_glyph_bitmap_box(const stbtt_fontinfo *info, int glyph, float scale_x, float scale_y,
                                 float shift_x, float shift_y, int *out) {
    memset(out, 0, 4 * sizeof(int));
    stbtt_GetGlyphBitmapBoxSubpixel(info, glyph, scale_x, scale_y, shift_x, shift_y, &out[0], &out[1], &out[2], &out[3]);
}

static int bitmap_fits(long long w, long long h, int max_bytes) {
    return w >= 0 && h >= 0 && w * h <= (long long) max_bytes;
}

/* The glyph rasterised (8-bit coverage, rows of out[0] bytes); see the file comment for out[]. */
AIRLOCK_EXPORT(airlock_tt_glyph_bitmap)
unsigned char *airlock_tt_glyph_bitmap(const stbtt_fontinfo *info, int glyph, float scale_x, float scale_y,
                                       float shift_x, float shift_y, int max_bytes, int *out) {
    int x0, y0, x1, y1;
    unsigned char *bitmap;
    memset(out, 0, 5 * sizeof(int));
    if (!(scale_x > 0) || !(scale_y > 0)) {
        out[4] = STATUS_BAD_ARGUMENT;
        return 0;
    }
    stbtt_GetGlyphBitmapBoxSubpixel(info, glyph, scale_x, scale_y, shift_x, shift_y, &x0, &y0, &x1, &y1);
    if (!bitmap_fits((long long) x1 - x0, (long long) y1 - y0, max_bytes)) {
        out[4] = STATUS_TOO_LARGE;
        return 0;
    }
    bitmap = stbtt_GetGlyphBitmapSubpixel(info, scale_x, scale_y, shift_x, shift_y, glyph,
                                          &out[0], &out[1], &out[2], &out[3]);
    if (bitmap == 0) {
        out[4] = out[0] == 0 || out[1] == 0 ? STATUS_EMPTY : STATUS_NO_MEMORY;
    }
    return bitmap;
}

/* The glyph's signed distance field (stbtt_GetGlyphSDF); see the file comment for out[]. */
AIRLOCK_EXPORT(airlock_tt_glyph_sdf)
unsigned char *airlock_tt_glyph_sdf(const stbtt_fontinfo *info, int glyph, float scale, int padding,
                                    int onedge_value, float pixel_dist_scale, int max_bytes, int *out) {
    int x0, y0, x1, y1;
    unsigned char *sdf;
    memset(out, 0, 5 * sizeof(int));
    if (!(scale > 0) || padding < 0 || padding > 1024 || onedge_value < 0 || onedge_value > 255) {
        out[4] = STATUS_BAD_ARGUMENT;
        return 0;
    }
    stbtt_GetGlyphBitmapBoxSubpixel(info, glyph, scale, scale, 0.0f, 0.0f, &x0, &y0, &x1, &y1);
    if (!bitmap_fits((long long) x1 - x0 + 2LL * padding, (long long) y1 - y0 + 2LL * padding, max_bytes)) {
        out[4] = STATUS_TOO_LARGE;
        return 0;
    }
    sdf = stbtt_GetGlyphSDF(info, scale, glyph, padding, (unsigned char) onedge_value, pixel_dist_scale,
                            &out[0], &out[1], &out[2], &out[3]);
    if (sdf == 0) {
        out[4] = out[0] == 0 || out[1] == 0 ? STATUS_EMPTY : STATUS_NO_MEMORY;
    }
    return sdf;
}

/* The next code point of UTF-8 text at *pos (advanced); malformed sequences give U+FFFD. */
static int next_codepoint(const unsigned char *s, int len, int *pos) {
    int i = *pos;
    int c = s[i++];
    int need, cp, min;
    if (c < 0x80) {
        *pos = i;
        return c;
    } else if ((c & 0xE0) == 0xC0) {
        need = 1; cp = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        need = 2; cp = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        need = 3; cp = c & 0x07; min = 0x10000;
    } else {
        *pos = i;
        return 0xFFFD;
    }
    while (need > 0) {
        if (i >= len || (s[i] & 0xC0) != 0x80) {
            *pos = i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i++] & 0x3F);
        need--;
    }
    *pos = i;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0xFFFD;
    }
    return cp;
}

/*
 * Lays out one line of UTF-8 text at pixel_height (advance widths plus kerning, subpixel x
 * positions, baseline at the scaled ascent) and draws it into bitmap (width x height bytes, rows
 * of `width`), keeping the larger coverage where glyphs overlap and clipping at the edges.
 * out[0] the pen position after the last glyph (pixels, rounded up), out[1] the baseline's row,
 * out[2] the number of code points drawn. Returns 0 on bad arguments.
 */
AIRLOCK_EXPORT(airlock_tt_render_line)
int airlock_tt_render_line(const stbtt_fontinfo *info, float pixel_height, const unsigned char *text, int len,
                           unsigned char *bitmap, int width, int height, int *out) {
    float scale, x = 0.0f;
    int ascent, descent, line_gap, baseline, pos = 0, previous = -1, count = 0;
    out[0] = out[1] = out[2] = 0;
    if (!(pixel_height > 0) || len < 0 || width < 0 || height < 0 || (len > 0 && text == 0)
            || (width > 0 && height > 0 && bitmap == 0)) {
        return 0;
    }
    scale = stbtt_ScaleForPixelHeight(info, pixel_height);
    stbtt_GetFontVMetrics(info, &ascent, &descent, &line_gap);
    baseline = (int) (ascent * scale);
    while (pos < len) {
        int codepoint = next_codepoint(text, len, &pos);
        int glyph = stbtt_FindGlyphIndex(info, codepoint);
        int advance, lsb, x0, y0, x1, y1, gw, gh, left, top;
        float shift;
        if (previous >= 0) {
            x += scale * stbtt_GetGlyphKernAdvance(info, previous, glyph);
        }
        stbtt_GetGlyphHMetrics(info, glyph, &advance, &lsb);
        left = (int) floorf(x);
        shift = x - (float) left;
        stbtt_GetGlyphBitmapBoxSubpixel(info, glyph, scale, scale, shift, 0.0f, &x0, &y0, &x1, &y1);
        gw = x1 - x0;
        gh = y1 - y0;
        left += x0;
        top = baseline + y0;
        /* Draw only glyphs that overlap the bitmap, and at most 16 Mi pixels each. */
        if (gw > 0 && gh > 0 && (long long) gw * gh <= (1LL << 24)
                && left < width && top < height && left + gw > 0 && top + gh > 0) {
            unsigned char *glyph_bitmap = (unsigned char *) malloc((size_t) gw * gh);
            if (glyph_bitmap != 0) {
                int row, col;
                stbtt_MakeGlyphBitmapSubpixel(info, glyph_bitmap, gw, gh, gw, scale, scale, shift, 0.0f, glyph);
                for (row = 0; row < gh; row++) {
                    int y = top + row;
                    if (y < 0 || y >= height) {
                        continue;
                    }
                    for (col = 0; col < gw; col++) {
                        int px = left + col;
                        unsigned char v;
                        if (px < 0 || px >= width) {
                            continue;
                        }
                        v = glyph_bitmap[row * gw + col];
                        if (v > bitmap[y * width + px]) {
                            bitmap[y * width + px] = v;
                        }
                    }
                }
                free(glyph_bitmap);
            }
        }
        x += scale * advance;
        previous = glyph;
        count++;
    }
    out[0] = (int) ceilf(x);
    out[1] = baseline;
    out[2] = count;
    return 1;
}
