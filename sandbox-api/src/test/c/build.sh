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

. "$here/../../../../scripts/c-toolchain.sh"
c_toolchain_check
c_toolchain_require "sandbox-api: cannot build the C test library" "the tests that need it then skip"

obj="$target/c"
wasm_out="$target/generated-test-resources/c/dev/airlock/sandbox"
native_out="$target/native"
mkdir -p "$obj" "$wasm_out" "$native_out"

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
