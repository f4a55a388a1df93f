/*
 * probe: the small C library the sandbox-api tests drive, compiled twice by build.sh — to a
 * wasm32-wasi reactor module (the sandboxed backend) and natively with gcc (the noop backend) —
 * so that one Java interface can be bound to both and the results compared.
 *
 * Each function exercises one thing the sandbox must get right: scalar arguments of every Wasm
 * type, buffers filled in place, strings in and out, callbacks (called at once, or saved and
 * called later), a struct, and the three ways a call can go wrong on purpose: a trap, a deep
 * recursion and an endless loop. Sizes are int (32-bit in both builds); pointers are the only
 * values whose width differs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__wasm__)
/* Exported from the Wasm module under its own name. */
#define PROBE_EXPORT(name) __attribute__((export_name(#name), used))
#else
/* Visible in the shared library (which is built with -fvisibility=hidden). */
#define PROBE_EXPORT(name) __attribute__((visibility("default"), used))
#endif

/* ---- scalars */

PROBE_EXPORT(probe_add)
int probe_add(int a, int b) {
    return a + b;
}

PROBE_EXPORT(probe_nothing)
void probe_nothing(void) {
}

PROBE_EXPORT(probe_mul64)
long long probe_mul64(long long a, long long b) {
    return a * b;
}

PROBE_EXPORT(probe_mix)
double probe_mix(int i, long long l, float f, double d) {
    return (double) i + (double) l + (double) f * 2.0 + d;
}

PROBE_EXPORT(probe_halve)
float probe_halve(float f) {
    return f / 2.0f;
}

/* ---- buffers */

/* Writes start, start + 1, ... (mod 256) to buf[0 .. len). */
PROBE_EXPORT(probe_fill)
void probe_fill(unsigned char *buf, int len, int start) {
    for (int i = 0; i < len; i++) {
        buf[i] = (unsigned char) (start + i);
    }
}

/* The sum of values[0 .. count), or -1 for a null array. */
PROBE_EXPORT(probe_sum)
long long probe_sum(const int *values, int count) {
    if (values == 0) {
        return -1;
    }
    long long sum = 0;
    for (int i = 0; i < count; i++) {
        sum += values[i];
    }
    return sum;
}

/* ---- strings */

PROBE_EXPORT(probe_strlen)
int probe_strlen(const char *s) {
    return (int) strlen(s);
}

/* "hello, NAME!" in a new buffer the caller frees with free(). */
PROBE_EXPORT(probe_greet)
char *probe_greet(const char *name) {
    static const char prefix[] = "hello, ";
    size_t n = strlen(name);
    char *out = malloc(sizeof prefix - 1 + n + 2);
    if (out == 0) {
        return 0;
    }
    memcpy(out, prefix, sizeof prefix - 1);
    memcpy(out + sizeof prefix - 1, name, n);
    out[sizeof prefix - 1 + n] = '!';
    out[sizeof prefix - 1 + n + 1] = '\0';
    return out;
}

/* A string in the library's static data. */
PROBE_EXPORT(probe_version)
const char *probe_version(void) {
    return "probe 1.0";
}

/* ---- callbacks */

typedef int (*probe_binary_fn)(int, int);

PROBE_EXPORT(probe_apply)
int probe_apply(probe_binary_fn f, int a, int b) {
    return f(a, b);
}

/* Left fold of values[0 .. count) with f, starting from init. */
PROBE_EXPORT(probe_fold)
int probe_fold(probe_binary_fn f, const int *values, int count, int init) {
    int acc = init;
    for (int i = 0; i < count; i++) {
        acc = f(acc, values[i]);
    }
    return acc;
}

static probe_binary_fn saved_callback;

/* Keeps f for probe_call_saved (a library that stores a callback, like a progress hook). */
PROBE_EXPORT(probe_save_callback)
void probe_save_callback(probe_binary_fn f) {
    saved_callback = f;
}

PROBE_EXPORT(probe_call_saved)
int probe_call_saved(int a, int b) {
    return saved_callback(a, b);
}

typedef double (*probe_real_fn)(double, long long);

/* f(x, n) + 1: a callback with other types than int. */
PROBE_EXPORT(probe_apply_real)
double probe_apply_real(probe_real_fn f, double x, long long n) {
    return f(x, n) + 1.0;
}

typedef const char *(*probe_source_fn)(int);

/* strlen of the string the callback returns for x, or -1 for NULL. */
PROBE_EXPORT(probe_length_of)
int probe_length_of(probe_source_fn f, int x) {
    const char *s = f(x);
    return s == 0 ? -1 : (int) strlen(s);
}

/* ---- a struct: { int x; int y; double weight; const char *label; } */

struct probe_point {
    int x;
    int y;
    double weight;
    const char *label;
};

/* x * y * weight + strlen(label). */
PROBE_EXPORT(probe_point_score)
double probe_point_score(const struct probe_point *p) {
    return (double) p->x * (double) p->y * p->weight + (p->label != 0 ? (double) strlen(p->label) : 0.0);
}

/* Multiplies x, y and weight by k in place. */
PROBE_EXPORT(probe_point_scale)
void probe_point_scale(struct probe_point *p, int k) {
    p->x *= k;
    p->y *= k;
    p->weight *= k;
}

/* A new point labelled with probe_version(), freed by the caller with free(). */
PROBE_EXPORT(probe_point_new)
struct probe_point *probe_point_new(int x, int y) {
    struct probe_point *p = malloc(sizeof *p);
    if (p != 0) {
        p->x = x;
        p->y = y;
        p->weight = 0.5;
        p->label = probe_version();
    }
    return p;
}

PROBE_EXPORT(probe_point_size)
int probe_point_size(void) {
    return (int) sizeof(struct probe_point);
}

/* ---- failures on purpose (the Wasm build only: natively they would crash or hang the JVM) */

PROBE_EXPORT(probe_trap)
int probe_trap(int x) {
    if (x >= 0) {
        __builtin_trap();
    }
    return x;
}

/* Recursion that the compiler cannot turn into a loop: depth frames, each using the stack. */
PROBE_EXPORT(probe_recurse)
int probe_recurse(int depth) {
    volatile int frame[4];
    frame[0] = depth;
    if (depth <= 0) {
        return 0;
    }
    return probe_recurse(depth - 1) + (frame[0] > 0 ? 1 : 0);
}

PROBE_EXPORT(probe_spin)
void probe_spin(void) {
    volatile unsigned counter = 0;
    for (;;) {
        counter++;
    }
}

/* Writes one byte at an arbitrary address: out of bounds traps in the sandbox. */
PROBE_EXPORT(probe_poke)
void probe_poke(uintptr_t address, int value) {
    *(volatile unsigned char *) address = (unsigned char) value;
}

/* malloc(size) for size in bytes, without the host's checks (to exhaust memory on purpose). */
PROBE_EXPORT(probe_alloc)
void *probe_alloc(int size) {
    return malloc((size_t) (unsigned) size);
}
