#!/usr/bin/env bash
# Runs Airlock's whole test suite, as CI does: every module's tests on the default JDK, then again
# on the Temurin 25 JDK when it is installed. Installs what a fresh Debian machine lacks first, and
# fetches the corpus of real images and fonts the libs tests decode (cached outside the repository).
# The WebAssembly testsuite is expected in ../shared/wasm-testsuite; without it those tests skip.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/prerequisites.sh"
"$root/scripts/fetch-corpus.sh"

echo "== tests on the default JDK ($(java -version 2>&1 | head -n 1))"
mvn -B -ntp verify

temurin=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -x "$temurin/bin/java" ]; then
  echo "== tests on Temurin 25"
  JAVA_HOME="$temurin" mvn -B -ntp verify
fi
