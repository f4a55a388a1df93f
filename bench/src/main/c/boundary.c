/*
 * boundary: the C side of the boundary-cost benchmark (dev.airlock.bench.BoundaryBenchmark).
 * Three functions that do as little as possible, so that what is measured is the crossing into
 * the library and back: a call, a buffer copied in and out, and a callback into the host. Built
 * by build.sh twice — to a wasm32-wasi reactor module (Airlock's Wasm backend) and natively with
 * gcc (sandbox-api's native backend, and plain JNA) — from this one source.
 */
#include <stdint.h>
#include <string.h>

#if defined(__wasm__)
/* Exported from the Wasm module under its own name. */
#define BOUNDARY_EXPORT(name) __attribute__((export_name(#name), used))
#else
/* Visible in the shared library (which is built with -fvisibility=hidden). */
#define BOUNDARY_EXPORT(name) __attribute__((visibility("default"), used))
#endif

/* The empty call: returns its argument (a void function could not show that it ran). */
BOUNDARY_EXPORT(boundary_identity)
int boundary_identity(int x) {
    return x;
}

/*
 * The 1 KB round trip's transformation: XORs every byte of buf[0 .. len) with 0x5A, eight bytes
 * at a time (memcpy keeps the unaligned 64-bit accesses defined), so that the library touches
 * every byte the host copied in without the loop dominating the copies.
 */
BOUNDARY_EXPORT(boundary_xor)
void boundary_xor(unsigned char *buf, int len) {
    const uint64_t mask = 0x5A5A5A5A5A5A5A5AULL;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t word;
        memcpy(&word, buf + i, sizeof word);
        word ^= mask;
        memcpy(buf + i, &word, sizeof word);
    }
    for (; i < len; i++) {
        buf[i] ^= 0x5A;
    }
}

typedef int (*boundary_fn)(int);

/* The callback round trip: calls the host's f once; the + 1 shows that the result came back through C. */
BOUNDARY_EXPORT(boundary_call)
int boundary_call(boundary_fn f, int x) {
    return f(x) + 1;
}
