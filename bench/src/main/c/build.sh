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

. "$here/../../../../scripts/c-toolchain.sh"
c_toolchain_check
c_toolchain_require "bench: cannot build the boundary benchmark's C library" "BoundaryBenchmark then fails in setup"

obj="$target/c"
wasm_out="$target/generated-resources/c/dev/airlock/bench"
native_out="$target/native"
mkdir -p "$obj" "$wasm_out" "$native_out"

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
