/*
 * memset, memcpy and memmove for the sandboxed (wasm32) build, as single bulk-memory instructions
 * (memory.fill, memory.copy; WebAssembly 2.0). Linked before wasi-libc, so these definitions
 * replace its byte-by-byte C loops everywhere, calloc's zeroing included; the engine runs each
 * instruction as one Arrays.fill or System.arraycopy. The native build keeps glibc's, which are
 * the optimised routines of the platform: each side uses its best memset.
 *
 * Compiled with -mbulk-memory, under which clang lowers these builtins to the instructions and
 * never to a call (a call would recurse into the function being defined).
 */
#include <stddef.h>

#if !defined(__wasm__) || !defined(__wasm_bulk_memory__)
#error "airlock_bulk_memory.c is for the wasm32 build with -mbulk-memory only"
#endif

void *memset(void *dest, int c, size_t n) {
    return __builtin_memset(dest, c, n);
}

void *memcpy(void *restrict dest, const void *restrict src, size_t n) {
    return __builtin_memcpy(dest, src, n);
}

/* memory.copy is defined for overlapping ranges (it copies as if through a temporary buffer). */
void *memmove(void *dest, const void *src, size_t n) {
    return __builtin_memmove(dest, src, n);
}
