#!/usr/bin/env bash
# Fetches the test corpus of the libs module: real images and fonts from Debian packages, for the
# differential tests (sandboxed build vs native build). Everything goes to a cache OUTSIDE the
# repository; nothing of it is ever committed.
#
#   $AIRLOCK_CORPUS (default ~/.cache/airlock/corpus)
#     debs/      the packages, as `apt-get download` fetched them
#     extract/   each package unpacked with `dpkg-deb -x` (extract/PACKAGE/...)
#     files/     every image and font file, as files/PACKAGE/PATH-IN-PACKAGE
#
# Idempotent: a package already downloaded, unpacked or collected is skipped. Runs `apt-get update`
# only if a download fails. Needs apt-get and dpkg-deb (Debian); no root needed for `apt-get
# download` once the package lists are there.
set -euo pipefail

corpus="${AIRLOCK_CORPUS:-$HOME/.cache/airlock/corpus}"
# Wallpapers (JPEG, PNG), Tk's demo images (GIF, PPM, PNG), pygame's example data (TGA, PNM/PPM/PGM,
# BMP, GIF), fonts: TrueType, OpenType CFF, and a TrueType collection (.ttc).
packages=(
  desktop-base
  mate-backgrounds
  sway-backgrounds
  tk8.6-doc
  python-pygame-doc
  fonts-dejavu-core
  fonts-liberation2
  fonts-freefont-otf
  fonts-wqy-microhei
)
# What stb_image, stb_truetype and qoi read, by file name extension.
extensions='jpg|jpeg|png|bmp|gif|tga|psd|hdr|pic|pnm|ppm|pgm|qoi|ttf|otf|ttc'

mkdir -p "$corpus/debs" "$corpus/extract" "$corpus/files"
updated=0

download() {
  local pkg="$1"
  if compgen -G "$corpus/debs/${pkg}_*.deb" >/dev/null; then
    return 0
  fi
  echo "fetch-corpus: downloading $pkg" >&2
  if ! (cd "$corpus/debs" && apt-get download -q "$pkg" 2> >(grep -v 'unsandboxed as root' >&2)); then
    if [ "$updated" = 0 ]; then
      echo "fetch-corpus: updating the package lists" >&2
      sudo_cmd=()
      [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
      "${sudo_cmd[@]}" apt-get update -qq
      updated=1
      (cd "$corpus/debs" && apt-get download -q "$pkg" 2> >(grep -v 'unsandboxed as root' >&2))
    else
      return 1
    fi
  fi
}

for pkg in "${packages[@]}"; do
  download "$pkg"
  deb="$(compgen -G "$corpus/debs/${pkg}_*.deb" | sort | tail -n 1)"
  dir="$corpus/extract/$pkg"
  if [ ! -e "$dir/.extracted" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    dpkg-deb -x "$deb" "$dir"
    touch "$dir/.extracted"
  fi
  if [ ! -e "$corpus/files/$pkg/.collected" ]; then
    rm -rf "$corpus/files/$pkg"
    mkdir -p "$corpus/files/$pkg"
    # Regular files only: packages link the same picture under several names.
    (cd "$dir" && find . -type f -regextype posix-extended -iregex ".*\.($extensions)$" -print0) |
      while IFS= read -r -d '' f; do
        mkdir -p "$corpus/files/$pkg/$(dirname "$f")"
        cp -p "$dir/$f" "$corpus/files/$pkg/$f"
      done
    touch "$corpus/files/$pkg/.collected"
  fi
done

echo "fetch-corpus: $corpus/files"
find "$corpus/files" -type f ! -name .collected | sed -E 's/.*\.([^.\/]+)$/\1/' | tr 'A-Z' 'a-z' | sort | uniq -c |
  awk '{printf "  %-5s %d\n", $2, $1}'
