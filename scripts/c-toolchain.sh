# Sourced by the modules' C build scripts (libs/src/main/c, sandbox-api/src/test/c,
# bench/src/main/c), which compile C to wasm32-wasi with Debian's clang 14 and natively with gcc.
# Defines:
#
#   c_toolchain_check           fills the array c_missing with what the machine lacks of the
#                               toolchain (clang, wasm-ld, gcc, wasi-libc, the wasm32 compiler
#                               runtime); callers may add entries of their own
#   c_toolchain_require WHAT THEN [PACKAGE...]
#                               if c_missing is not empty: one message on stderr naming every
#                               Debian package to install (the toolchain's and PACKAGE...), what
#                               cannot be built (WHAT) and what -Dairlock.skipC=true leads to
#                               (THEN); then exit 1
#   stale OUTPUT INPUT...       true if OUTPUT is missing or older than an input (links followed)
#
# Honours CLANG, WASM_LD, GCC and WASI_SYSROOT as the build scripts do.

c_toolchain_check() {
  c_missing=()
  command -v "${CLANG:-clang}" >/dev/null 2>&1 || c_missing+=("clang (clang)")
  command -v "${WASM_LD:-wasm-ld}" >/dev/null 2>&1 || c_missing+=("wasm-ld (lld)")
  command -v "${GCC:-gcc}" >/dev/null 2>&1 || c_missing+=("gcc (gcc)")
  [ -f /usr/include/wasm32-wasi/stdlib.h ] || [ -n "${WASI_SYSROOT:-}" ] || c_missing+=("the WASI libc (wasi-libc)")
  if ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" >/dev/null; then
    c_missing+=("the wasm32 compiler runtime (libclang-rt-14-dev-wasm32)")
  fi
}

c_toolchain_require() {
  local what="$1" then="$2"; shift 2
  [ ${#c_missing[@]} -eq 0 ] && return 0
  echo "$what (missing: $(IFS=,; echo "${c_missing[*]}" | sed 's/,/, /g')):" \
    "install the Debian packages clang lld wasi-libc libclang-rt-14-dev-wasm32 gcc${*:+ $*}" \
    "(scripts/prerequisites.sh installs them), or build with -Dairlock.skipC=true ($then)." >&2
  exit 1
}

stale() {
  local out="$1"; shift
  [ -e "$out" ] || return 0
  local dep
  for dep in "$@"; do
    [ "$(readlink -f "$dep")" -nt "$out" ] && return 0
  done
  return 1
}
