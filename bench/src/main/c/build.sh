#!/usr/bin/env bash
# Builds the C library of the boundary-cost benchmark (boundary.c) twice. Run by Maven
# (exec-maven-plugin, generate-resources) as: build.sh TARGET_DIR. Writes:
#
#   TARGET/c/boundary.wasm.o              the object file
#   TARGET/generated-resources/c/dev/airlock/bench/boundary.wasm
#                                         wasm32-wasi reactor module (a classpath resource of the
#                                         benchmarks jar); malloc/free exported for the host, the
#                                         function table exported and growable for callbacks;
#                                         linked WITHOUT -O (so clang does not run wasm-opt)
#   TARGET/native/libairlock_boundary.so  the same source compiled natively with gcc -O2 (the
#                                         native backend and plain JNA load it)
#
# Nothing is rebuilt when the outputs are newer than their inputs. Environment: CLANG, GCC.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${1:?usage: build.sh TARGET_DIR}"
mkdir -p "$target"
target="$(cd "$target" && pwd)"

CLANG="${CLANG:-clang}"
GCC="${GCC:-gcc}"

# ---- the toolchain: one message naming every Debian package to install
missing=()
command -v "$CLANG" >/dev/null 2>&1 || missing+=("clang (clang)")
command -v wasm-ld >/dev/null 2>&1 || missing+=("wasm-ld (lld)")
command -v "$GCC" >/dev/null 2>&1 || missing+=("gcc (gcc)")
[ -f /usr/include/wasm32-wasi/stdlib.h ] || [ -n "${WASI_SYSROOT:-}" ] || missing+=("the WASI libc (wasi-libc)")
if ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" >/dev/null; then
  missing+=("the wasm32 compiler runtime (libclang-rt-14-dev-wasm32)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: cannot build the boundary benchmark's C library (missing: $(IFS=,; echo "${missing[*]}" | sed 's/,/, /g')):" \
    "install the Debian packages clang lld wasi-libc libclang-rt-14-dev-wasm32 gcc" \
    "(scripts/prerequisites.sh installs them), or build with -Dairlock.skipC=true (BoundaryBenchmark then fails in setup)." >&2
  exit 1
fi

obj="$target/c"
wasm_out="$target/generated-resources/c/dev/airlock/bench"
native_out="$target/native"
mkdir -p "$obj" "$wasm_out" "$native_out"

# stale OUTPUT INPUT...: true if OUTPUT is missing or older than an input.
stale() {
  local out="$1"; shift
  [ -e "$out" ] || return 0
  local dep
  for dep in "$@"; do
    [ "$dep" -nt "$out" ] && return 0
  done
  return 1
}

src="$here/boundary.c"
built=()
if stale "$obj/boundary.wasm.o" "$src" "$here/build.sh"; then
  "$CLANG" --target=wasm32-wasi -std=c11 -O2 -c "$src" -o "$obj/boundary.wasm.o"
fi
# Separate link step, no -O: with it clang runs wasm-opt, and the module measured would not be the
# one the libs module ships (see libs/src/main/c/build.sh). Reactor: no main, the host calls
# _initialize. malloc/free exported for Sandbox.malloc; the table exported and growable, so that
# the host's callback gets a slot.
if stale "$wasm_out/boundary.wasm" "$obj/boundary.wasm.o"; then
  "$CLANG" --target=wasm32-wasi -mexec-model=reactor -Wl,--export=malloc -Wl,--export=free \
    -Wl,--export-table -Wl,--growable-table \
    "$obj/boundary.wasm.o" -o "$wasm_out/boundary.wasm"
  built+=("boundary.wasm")
fi
if stale "$native_out/libairlock_boundary.so" "$src" "$here/build.sh"; then
  "$GCC" -std=c11 -O2 -shared -fPIC -fvisibility=hidden "$src" -o "$native_out/libairlock_boundary.so"
  built+=("libairlock_boundary.so")
fi
if [ ${#built[@]} -gt 0 ]; then
  echo "bench: built ${built[*]}"
else
  echo "bench: boundary library up to date"
fi
