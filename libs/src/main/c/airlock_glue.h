/*
 * Airlock glue: shared definitions for the small C files that expose each sandboxed library as
 * flat functions with plain int, float and pointer arguments. The same glue is compiled twice:
 * to wasm32-wasi (the sandboxed build, run on Airlock's engine) and natively with gcc (the
 * reference the sandboxed build is compared with, loaded with JNA).
 *
 * Conventions shared by every glue function:
 *  - sizes are int (32-bit in both builds); pointers are the only values whose width differs;
 *  - results of several values are written to an int array `out` supplied by the caller;
 *  - buffers a function returns were allocated with malloc and are released with free (exported
 *    from the Wasm module) or the library's own free function, by the caller;
 *  - `max_bytes` is the host's limit on the size of a decoded result: the glue refuses, before
 *    decoding, an image whose header promises more (the host checks again what it reads back).
 */
#ifndef AIRLOCK_GLUE_H
#define AIRLOCK_GLUE_H

#include <stdlib.h>
#include <string.h>

#if defined(__wasm__)
/* Exported from the Wasm module under its own name. */
#define AIRLOCK_EXPORT(name) __attribute__((export_name(#name), used))
#else
/* Visible in the shared library (which is built with -fvisibility=hidden). */
#define AIRLOCK_EXPORT(name) __attribute__((visibility("default"), used))
#endif

/*
 * Zero-filled allocations for the libraries (STBI_MALLOC, STBTT_malloc, QOI_MALLOC). A decoder
 * given a truncated or damaged file may leave part of its output unwritten and return it as a
 * success; with plain malloc those bytes are old heap contents (in the sandbox: pixels of an
 * earlier image), which would leak and make the two builds disagree. With zeroed memory both
 * builds return the same zeros. (Uninitialised stack variables are zeroed by the compiler:
 * -ftrivial-auto-var-init=zero in build.sh.)
 */
static inline void *airlock_zalloc(size_t size) {
    return calloc(1, size);
}

/* realloc that zeroes the bytes added past the old size. */
static inline void *airlock_zrealloc(void *p, size_t old_size, size_t new_size) {
    unsigned char *q = (unsigned char *) realloc(p, new_size);
    if (q != 0 && new_size > old_size) {
        memset(q + old_size, 0, new_size - old_size);
    }
    return q;
}

#endif
