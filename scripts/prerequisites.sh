#!/usr/bin/env bash
# Installs what Airlock's build and tests need and a fresh Debian machine may lack. Safe to run
# again: installs nothing that is already there. Needs root (or sudo) only when something is missing.
#
#   JDK 17 and Maven        the build
#   clang, lld, wasi-libc,  C -> wasm32-wasi for the sandboxed libraries (libs/) and the WASI
#   libclang-rt-14-dev-wasm32 test programs
#   gcc                     the same C compiled natively: the reference the sandboxed build is
#                           compared with
#   libstb-dev, libqoi-dev  the C sources of stb_image, stb_truetype and qoi (header-only)
#   binaryen, wabt          wasm-opt (the "huge functions" build variant) and wasm tools
#   nodejs                  V8, the second opinion in differential tests and benchmarks
set -euo pipefail

declare -A packages=(
  [java]=openjdk-17-jdk-headless
  [mvn]=maven
  [clang]=clang
  [wasm-ld]=lld
  [gcc]=gcc
  [wasm-opt]=binaryen
  [wasm-objdump]=wabt
  [node]=nodejs
)
need=()
for cmd in "${!packages[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || need+=("${packages[$cmd]}")
done
[ -f /usr/include/wasm32-wasi/stdlib.h ] || need+=(wasi-libc)
compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" >/dev/null || need+=(libclang-rt-14-dev-wasm32)
[ -f /usr/include/stb/stb_image.h ] || need+=(libstb-dev)
[ -f /usr/include/qoi.h ] || need+=(libqoi-dev)

if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
