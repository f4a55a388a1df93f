#!/usr/bin/env bash
# Builds the C side of Airlock's libs module. Run by Maven (exec-maven-plugin, generate-resources)
# as: build.sh TARGET_DIR. Writes:
#
#   TARGET/c/include/                      links to the library headers (Debian's packages)
#   TARGET/c/obj/                          object files
#   TARGET/generated-resources/c/dev/airlock/libs/wasm/NAME.wasm
#                                          the sandboxed build: wasm32-wasi reactor modules, linked
#                                          WITHOUT -O (so clang does not run wasm-opt)
#   TARGET/generated-resources/c/dev/airlock/libs/wasm/NAME.wasmopt.wasm
#                                          the same objects linked WITH -O2: clang runs wasm-opt
#                                          (binaryen) after linking, which merges functions into
#                                          huge ones; used by benchmarks only
#   TARGET/native/libairlock_NAME.so       the reference: the same glue compiled natively with gcc,
#                                          loaded with JNA (stb_image also as _simd, with SSE2)
#
# Nothing is rebuilt when the outputs are newer than their inputs. Environment: CLANG, WASM_LD,
# GCC, WASM_OPT (tools), STB_INCLUDE_DIR (default /usr/include/stb), QOI_INCLUDE_DIR (default
# /usr/include).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${1:?usage: build.sh TARGET_DIR}"
mkdir -p "$target"
target="$(cd "$target" && pwd)"

CLANG="${CLANG:-clang}"
WASM_LD="${WASM_LD:-wasm-ld}"
GCC="${GCC:-gcc}"
WASM_OPT="${WASM_OPT:-wasm-opt}"
STB_INCLUDE_DIR="${STB_INCLUDE_DIR:-/usr/include/stb}"
QOI_INCLUDE_DIR="${QOI_INCLUDE_DIR:-/usr/include}"

# ---- the toolchain: one clear message naming every Debian package to install
. "$here/../../../../scripts/c-toolchain.sh"
c_toolchain_check
[ -f "$STB_INCLUDE_DIR/stb_image.h" ] && [ -f "$STB_INCLUDE_DIR/stb_truetype.h" ] || c_missing+=("stb_image.h/stb_truetype.h (libstb-dev)")
[ -f "$QOI_INCLUDE_DIR/qoi.h" ] || c_missing+=("qoi.h (libqoi-dev)")
c_toolchain_require "libs: cannot build the sandboxed C libraries" "the libs tests then skip" libstb-dev libqoi-dev
have_wasm_opt=1
command -v "$WASM_OPT" >/dev/null 2>&1 || have_wasm_opt=0

inc="$target/c/include"
obj="$target/c/obj"
wasm_out="$target/generated-resources/c/dev/airlock/libs/wasm"
native_out="$target/native"
mkdir -p "$inc" "$obj" "$wasm_out" "$native_out"

# The glue includes the headers by their bare names; link them where the Wasm build can see them
# without seeing the rest of /usr/include (glibc's headers must not reach wasm32-wasi).
ln -sf "$STB_INCLUDE_DIR/stb_image.h" "$inc/stb_image.h"
ln -sf "$STB_INCLUDE_DIR/stb_truetype.h" "$inc/stb_truetype.h"
ln -sf "$QOI_INCLUDE_DIR/qoi.h" "$inc/qoi.h"

# Compile flags shared by both builds. -O2 at compile time only; see the link lines. Uninitialised
# automatic variables are zeroed (stb_image reads some, e.g. palette entries past a BMP's palette,
# from damaged files): both builds then see zeros instead of stack garbage, and agree.
common_cflags=(-std=c11 -O2 -I "$inc" -I "$here" -Wno-unused-function -ftrivial-auto-var-init=zero)
# clang 14 wants its consent flag for -ftrivial-auto-var-init=zero. Two WebAssembly 2.0 features
# that clang 14 leaves off: without nontrapping-fptoint every C float-to-int cast becomes a range
# test (f32.abs, compare, if) around a trapping truncation, where trunc_sat is one JVM f2i;
# sign-ext gives i32.extend16_s for (short) casts instead of two shifts. Every engine the benchmarks
# compare implements both. A cast of NaN or of a value out of int's range is undefined in C: x86
# gives INT_MIN where trunc_sat gives 0 or saturates, so only such a cast (which a damaged font
# could cause) can tell the builds apart; the differential tests, damaged files included, find none.
wasm_cflags=(--target=wasm32-wasi "${common_cflags[@]}"
  -enable-trivial-auto-var-init-zero-knowing-it-will-be-removed-from-clang -DSTBI_NO_SIMD
  -mnontrapping-fptoint -msign-ext)
# Reactor module: no main; the host calls _initialize after instantiation. malloc/free exported
# for the host to place inputs and release results. The stack (1 MiB) comes first in memory, so
# that an overflow traps instead of overwriting data.
wasm_ldflags=(--target=wasm32-wasi -mexec-model=reactor -Wl,--export=malloc -Wl,--export=free
  -Wl,--stack-first -Wl,-z,stack-size=1048576)
native_cflags=("${common_cflags[@]}" -fPIC -shared -fvisibility=hidden)

built=()
# memset/memcpy/memmove as memory.fill/memory.copy (WebAssembly 2.0), which the engine runs as
# Arrays.fill/System.arraycopy, in place of wasi-libc's byte loops (calloc's zeroing among their
# callers). Only this file is compiled with -mbulk-memory: with it, clang 14 also wants real
# thread-local storage, which the libraries' _Thread_local variables would then need.
bulk_o="$obj/airlock_bulk_memory.wasm.o"
if stale "$bulk_o" "$here/airlock_bulk_memory.c" "$here/build.sh"; then
  "$CLANG" "${wasm_cflags[@]}" -mbulk-memory -c "$here/airlock_bulk_memory.c" -o "$bulk_o"
fi

# build_lib NAME GLUE.c HEADER...: both Wasm variants and the native library.
build_lib() {
  local name="$1" glue="$here/$2"; shift 2
  local deps=("$glue" "$here/airlock_glue.h" "$here/build.sh" "$@")
  # Our memset/memcpy/memmove come before wasi-libc on the link line, so they replace its own.
  local o="$obj/$name.wasm.o"
  if stale "$o" "${deps[@]}"; then
    "$CLANG" "${wasm_cflags[@]}" -c "$glue" -o "$o"
  fi
  # Separate link step, no -O: clang would run wasm-opt, which merges functions into huge ones.
  if stale "$wasm_out/$name.wasm" "$o" "$bulk_o"; then
    "$CLANG" "${wasm_ldflags[@]}" "$o" "$bulk_o" -o "$wasm_out/$name.wasm"
    built+=("$name.wasm")
  fi
  # The "huge functions" variant for benchmarks: -O2 on the link line, so wasm-opt runs.
  if [ "$have_wasm_opt" = 1 ]; then
    if stale "$wasm_out/$name.wasmopt.wasm" "$o" "$bulk_o"; then
      PATH="$(dirname "$(command -v "$WASM_OPT")"):$PATH" \
        "$CLANG" "${wasm_ldflags[@]}" -O2 "$o" "$bulk_o" -o "$wasm_out/$name.wasmopt.wasm"
      built+=("$name.wasmopt.wasm")
    fi
  fi
  if stale "$native_out/libairlock_$name.so" "${deps[@]}"; then
    "$GCC" "${native_cflags[@]}" -DSTBI_NO_SIMD "$glue" -o "$native_out/libairlock_$name.so" -lm
    built+=("libairlock_$name.so")
  fi
}

build_lib stb_image airlock_stb_image.c "$inc/stb_image.h"
build_lib stb_truetype airlock_stb_truetype.c "$inc/stb_truetype.h"
build_lib qoi airlock_qoi.c "$inc/qoi.h"
# stb_image natively with its SSE2 paths (no STBI_NO_SIMD): the fast reference for benchmarks.
simd="$native_out/libairlock_stb_image_simd.so"
if stale "$simd" "$here/airlock_stb_image.c" "$here/airlock_glue.h" "$here/build.sh" "$inc/stb_image.h"; then
  "$GCC" "${native_cflags[@]}" "$here/airlock_stb_image.c" -o "$simd" -lm
  built+=("libairlock_stb_image_simd.so")
fi

if [ "$have_wasm_opt" = 0 ]; then
  echo "libs: wasm-opt (binaryen) not found: the *.wasmopt.wasm benchmark variants are not built" >&2
fi
if [ ${#built[@]} -gt 0 ]; then
  echo "libs: built ${built[*]}"
else
  echo "libs: C libraries up to date"
fi
