/*
 * Airlock glue for qoi (from Debian's libqoi-dev, included, never copied): decoding and encoding
 * in memory.
 */
#include "airlock_glue.h"

#include <stdlib.h>

#define QOI_NO_STDIO
#define QOI_MALLOC(size) airlock_zalloc(size)
#define QOI_FREE(p) free(p)
#define QOI_IMPLEMENTATION
#include "qoi.h"

enum {
    STATUS_OK = 0,
    STATUS_INVALID = 1,     /* qoi_decode or qoi_encode refused the input */
    STATUS_TOO_LARGE = 2,   /* the result would exceed max_bytes */
    STATUS_BAD_ARGUMENT = 3
};

static unsigned int read_be32(const unsigned char *p) {
    return ((unsigned int) p[0] << 24) | ((unsigned int) p[1] << 16) | ((unsigned int) p[2] << 8) | p[3];
}

/*
 * Decodes to `channels` channels (0: as in the file, 3 or 4). out[0] width, out[1] height,
 * out[2] channels in the file, out[3] colorspace, out[4] channels of the result, out[5] status.
 */
AIRLOCK_EXPORT(airlock_qoi_decode)
unsigned char *airlock_qoi_decode(const unsigned char *data, int size, int channels, int max_bytes, int *out) {
    qoi_desc desc;
    unsigned char *pixels;
    int i;
    for (i = 0; i < 6; i++) {
        out[i] = 0;
    }
    if (data == 0 || size < 0 || (channels != 0 && channels != 3 && channels != 4)) {
        out[5] = STATUS_BAD_ARGUMENT;
        return 0;
    }
    /* The header: "qoif", width, height (big-endian), channels, colorspace. */
    if (size >= 14 && data[0] == 'q' && data[1] == 'o' && data[2] == 'i' && data[3] == 'f') {
        unsigned long long w = read_be32(data + 4), h = read_be32(data + 8);
        unsigned long long c = channels != 0 ? (unsigned) channels : data[12];
        if (w * h * c > (unsigned long long) max_bytes) {
            out[5] = STATUS_TOO_LARGE;
            return 0;
        }
    }
    pixels = (unsigned char *) qoi_decode(data, size, &desc, channels);
    if (pixels == 0) {
        out[5] = STATUS_INVALID;
        return 0;
    }
    out[0] = (int) desc.width;
    out[1] = (int) desc.height;
    out[2] = desc.channels;
    out[3] = desc.colorspace;
    out[4] = channels != 0 ? channels : desc.channels;
    return pixels;
}

/*
 * Encodes width x height pixels of `channels` (3 or 4) channels; *out_len receives the length of
 * the returned encoding, or -1 if qoi_encode refused the description.
 */
AIRLOCK_EXPORT(airlock_qoi_encode)
unsigned char *airlock_qoi_encode(const unsigned char *pixels, int width, int height, int channels, int colorspace,
                                  int *out_len) {
    qoi_desc desc;
    unsigned char *encoded;
    *out_len = -1;
    if (pixels == 0 || width <= 0 || height <= 0) {
        return 0;
    }
    desc.width = (unsigned int) width;
    desc.height = (unsigned int) height;
    desc.channels = (unsigned char) channels;
    desc.colorspace = (unsigned char) colorspace;
    if (channels != 3 && channels != 4) {
        return 0;
    }
    if (colorspace < 0 || colorspace > 1) {
        return 0;
    }
    encoded = (unsigned char *) qoi_encode(pixels, &desc, out_len);
    if (encoded == 0) {
        *out_len = -1;
    }
    return encoded;
}

/* Releases what airlock_qoi_decode or airlock_qoi_encode returned. */
AIRLOCK_EXPORT(airlock_qoi_free)
void airlock_qoi_free(void *p) {
    free(p);
}
