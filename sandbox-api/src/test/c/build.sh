#!/usr/bin/env bash
# Builds the C test library of sandbox-api (probe.c) twice. Run by Maven (exec-maven-plugin,
# generate-test-resources) as: build.sh TARGET_DIR. Writes:
#
#   TARGET/c/probe.wasm.o                 the object file
#   TARGET/generated-test-resources/c/dev/airlock/sandbox/probe.wasm
#                                         wasm32-wasi reactor module; the function table is exported
#                                         and growable (host callbacks go into free slots);
#                                         linked WITHOUT -O (so clang does not run wasm-opt)
#   TARGET/native/libprobe.so             the same source compiled natively with gcc (the noop
#                                         backend, loaded with JNA)
#
# Nothing is rebuilt when the outputs are newer than their inputs. Environment: CLANG, GCC.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${1:?usage: build.sh TARGET_DIR}"
mkdir -p "$target"
target="$(cd "$target" && pwd)"

CLANG="${CLANG:-clang}"
GCC="${GCC:-gcc}"

missing=()
command -v "$CLANG" >/dev/null 2>&1 || missing+=("clang (clang)")
command -v wasm-ld >/dev/null 2>&1 || missing+=("wasm-ld (lld)")
command -v "$GCC" >/dev/null 2>&1 || missing+=("gcc (gcc)")
[ -f /usr/include/wasm32-wasi/stdlib.h ] || [ -n "${WASI_SYSROOT:-}" ] || missing+=("the WASI libc (wasi-libc)")
if ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" >/dev/null; then
  missing+=("the wasm32 compiler runtime (libclang-rt-14-dev-wasm32)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "sandbox-api: cannot build the C test library (missing: $(IFS=,; echo "${missing[*]}" | sed 's/,/, /g')):" \
    "install the Debian packages clang lld wasi-libc libclang-rt-14-dev-wasm32 gcc" \
    "(scripts/prerequisites.sh installs them), or build with -Dairlock.skipC=true (the tests that need it then skip)." >&2
  exit 1
fi

obj="$target/c"
wasm_out="$target/generated-test-resources/c/dev/airlock/sandbox"
native_out="$target/native"
mkdir -p "$obj" "$wasm_out" "$native_out"

stale() {
  local out="$1"; shift
  [ -e "$out" ] || return 0
  local dep
  for dep in "$@"; do
    [ "$dep" -nt "$out" ] && return 0
  done
  return 1
}

src="$here/probe.c"
built=()
if stale "$obj/probe.wasm.o" "$src" "$here/build.sh"; then
  "$CLANG" --target=wasm32-wasi -std=c11 -O2 -c "$src" -o "$obj/probe.wasm.o"
fi
# Separate link step, no -O (clang would run wasm-opt). Reactor: no main, the host calls
# _initialize. malloc/free exported for the host; the table exported and growable for callbacks.
# The stack (64 KiB) comes first in memory, so that an overflow traps instead of overwriting data.
if stale "$wasm_out/probe.wasm" "$obj/probe.wasm.o"; then
  "$CLANG" --target=wasm32-wasi -mexec-model=reactor -Wl,--export=malloc -Wl,--export=free \
    -Wl,--export-table -Wl,--growable-table -Wl,--stack-first -Wl,-z,stack-size=65536 \
    "$obj/probe.wasm.o" -o "$wasm_out/probe.wasm"
  built+=("probe.wasm")
fi
if stale "$native_out/libprobe.so" "$src" "$here/build.sh"; then
  "$GCC" -std=c11 -O2 -shared -fPIC -fvisibility=hidden "$src" -o "$native_out/libprobe.so"
  built+=("libprobe.so")
fi
if [ ${#built[@]} -gt 0 ]; then
  echo "sandbox-api: built ${built[*]}"
else
  echo "sandbox-api: C test library up to date"
fi
