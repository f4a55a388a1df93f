/*
 * Airlock glue for stb_image (from Debian's libstb-dev, included, never copied): decoding from
 * memory of every format stb_image reads (JPEG, PNG, BMP, GIF with animation, TGA, PSD, HDR, PIC,
 * PNM), to 8-bit, 16-bit or float samples.
 *
 * out[] layout of the load functions:
 *   out[0] width, out[1] height, out[2] channels in the file, out[3] channels of the result,
 *   out[4] frame count (GIF animation; 1 otherwise).
 */
#include "airlock_glue.h"

#define STBI_NO_STDIO
#define STBI_MALLOC(size) airlock_zalloc(size)
#define STBI_REALLOC_SIZED(p, old_size, new_size) airlock_zrealloc(p, old_size, new_size)
#define STBI_FREE(p) free(p)
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include "stb_image.h"

static const char *const TOO_LARGE = "image larger than the host's limit";

/* Forgets the reason of an earlier failure, so that every call reports its own. */
static void reset_failure(void) {
    stbi__g_failure_reason = 0;
}

static int fail(const char *reason) {
    stbi__g_failure_reason = reason;
    return 0;
}

/*
 * 1 if the header of the image promises a result of more than max_bytes (width x height x
 * channels x bytes per sample); 0 if not, or if the header cannot be read (decoding then reports
 * its own failure).
 */
static int too_large(const stbi_uc *buffer, int len, int req_comp, int sample_bytes, int max_bytes) {
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(buffer, len, &w, &h, &comp)) {
        reset_failure();
        return 0;
    }
    long long channels = req_comp != 0 ? req_comp : comp;
    return (long long) w * h * channels * sample_bytes > (long long) max_bytes;
}

static int bad_arguments(const stbi_uc *buffer, int len, int req_comp, int *out) {
    if (buffer == 0 || len <= 0 || out == 0) {
        return !fail("no input");
    }
    if (req_comp < 0 || req_comp > 4) {
        return !fail("bad req_comp");
    }
    return 0;
}

static void set_out(int *out, int w, int h, int comp, int req_comp, int frames) {
    out[0] = w;
    out[1] = h;
    out[2] = comp;
    out[3] = req_comp != 0 ? req_comp : comp;
    out[4] = frames;
}

/* The reason of the last failure (a static string), or null. */
AIRLOCK_EXPORT(airlock_stbi_failure_reason)
const char *airlock_stbi_failure_reason(void) {
    return stbi_failure_reason();
}

/* Header information: out[0] width, out[1] height, out[2] channels, out[3] is 16-bit, out[4] is HDR. */
AIRLOCK_EXPORT(airlock_stbi_info)
int airlock_stbi_info(const stbi_uc *buffer, int len, int *out) {
    int w = 0, h = 0, comp = 0;
    reset_failure();
    if (bad_arguments(buffer, len, 0, out)) {
        return 0;
    }
    if (!stbi_info_from_memory(buffer, len, &w, &h, &comp)) {
        return 0;
    }
    out[0] = w;
    out[1] = h;
    out[2] = comp;
    out[3] = stbi_is_16_bit_from_memory(buffer, len);
    out[4] = stbi_is_hdr_from_memory(buffer, len);
    reset_failure();
    return 1;
}

/* 8-bit samples, req_comp channels (0: as in the file). */
AIRLOCK_EXPORT(airlock_stbi_load)
stbi_uc *airlock_stbi_load(const stbi_uc *buffer, int len, int req_comp, int max_bytes, int *out) {
    int w = 0, h = 0, comp = 0;
    stbi_uc *pixels;
    reset_failure();
    if (bad_arguments(buffer, len, req_comp, out)) {
        return 0;
    }
    if (too_large(buffer, len, req_comp, 1, max_bytes)) {
        fail(TOO_LARGE);
        return 0;
    }
    pixels = stbi_load_from_memory(buffer, len, &w, &h, &comp, req_comp);
    if (pixels != 0) {
        set_out(out, w, h, comp, req_comp, 1);
    }
    return pixels;
}

/* 16-bit samples (8-bit images are widened), req_comp channels (0: as in the file). */
AIRLOCK_EXPORT(airlock_stbi_load_16)
stbi_us *airlock_stbi_load_16(const stbi_uc *buffer, int len, int req_comp, int max_bytes, int *out) {
    int w = 0, h = 0, comp = 0;
    stbi_us *pixels;
    reset_failure();
    if (bad_arguments(buffer, len, req_comp, out)) {
        return 0;
    }
    if (too_large(buffer, len, req_comp, 2, max_bytes)) {
        fail(TOO_LARGE);
        return 0;
    }
    pixels = stbi_load_16_from_memory(buffer, len, &w, &h, &comp, req_comp);
    if (pixels != 0) {
        set_out(out, w, h, comp, req_comp, 1);
    }
    return pixels;
}

/* Float samples (LDR images are converted with stb_image's default gamma), req_comp channels. */
AIRLOCK_EXPORT(airlock_stbi_loadf)
float *airlock_stbi_loadf(const stbi_uc *buffer, int len, int req_comp, int max_bytes, int *out) {
    int w = 0, h = 0, comp = 0;
    float *pixels;
    reset_failure();
    if (bad_arguments(buffer, len, req_comp, out)) {
        return 0;
    }
    if (too_large(buffer, len, req_comp, 4, max_bytes)) {
        fail(TOO_LARGE);
        return 0;
    }
    pixels = stbi_loadf_from_memory(buffer, len, &w, &h, &comp, req_comp);
    if (pixels != 0) {
        set_out(out, w, h, comp, req_comp, 1);
    }
    return pixels;
}

/*
 * Every frame of a GIF, 8-bit, req_comp channels (0: 4), frames one after the other; *delays
 * receives a malloc'd array of one delay (milliseconds) per frame.
 */
AIRLOCK_EXPORT(airlock_stbi_load_gif)
stbi_uc *airlock_stbi_load_gif(const stbi_uc *buffer, int len, int req_comp, int max_bytes, int *out, int **delays) {
    int w = 0, h = 0, frames = 0, comp = 0;
    stbi_uc *pixels;
    reset_failure();
    if (delays == 0) {
        fail("no input");
        return 0;
    }
    *delays = 0;
    if (bad_arguments(buffer, len, req_comp, out)) {
        return 0;
    }
    if (too_large(buffer, len, req_comp == 0 ? 4 : req_comp, 1, max_bytes)) {
        fail(TOO_LARGE);
        return 0;
    }
    pixels = stbi_load_gif_from_memory(buffer, len, delays, &w, &h, &frames, &comp, req_comp);
    if (pixels == 0) {
        free(*delays);
        *delays = 0;
        return 0;
    }
    set_out(out, w, h, comp, req_comp == 0 ? 4 : req_comp, frames);
    return pixels;
}

/* Releases what a load function returned. */
AIRLOCK_EXPORT(airlock_stbi_free)
void airlock_stbi_free(void *pixels) {
    stbi_image_free(pixels);
}
