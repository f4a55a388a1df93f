#!/usr/bin/env bash
# Runs Airlock's benchmarks in one go and writes bench/results/<date>/:
#
#   machine.txt   the machine, JVM, node, and the commit measured
#   inputs.json   the inputs (size, dimensions, SHA-256 of the native build's pixels)
#   node.json     V8's raw numbers (bench/node/bench.mjs, run by the Java side as a subprocess)
#   jmh.json      JMH's raw results (every other engine, compile and instantiation times)
#   run.log       everything printed during the run
#   results.md    the tables (dev.airlock.bench.Report; rerun it on a directory with
#                 java -cp bench/target/benchmarks.jar dev.airlock.bench.Report bench/results/<date>)
#
# Builds the project first if bench/target/benchmarks.jar is missing or older than a source.
# Arguments go to dev.airlock.bench.RunAll: --quick (short iterations, a smoke test),
# --include REGEX (JMH benchmarks to run, e.g. Boundary for the boundary costs alone), --no-node,
# --no-jmh.
# Environment: AIRLOCK_CORPUS (default ~/.cache/airlock/corpus), JAVA_HOME, BENCH_OUT (results dir).
# Takes about 30 minutes on a 2-core machine, plus about 8 for the boundary costs.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"

if ! command -v node >/dev/null 2>&1; then
  echo "bench: node not found: the V8 column will be empty (apt-get install nodejs)" >&2
fi

# ---- the results directory
out="${BENCH_OUT:-$root/bench/results/$(date -u +%Y-%m-%d)}"
if [ -z "${BENCH_OUT:-}" ] && [ -e "$out" ]; then
  out="$out-$(date -u +%H%M)"
fi
mkdir -p "$out"

{
  echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "host:    $(uname -srm)"
  echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores)"
  echo "memory:  $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "os:      $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
  echo "java:    $("$java" -version 2>&1 | head -n 2 | tail -n 1)"
  echo "node:    $(node --version 2>/dev/null || echo none)"
  echo "gcc:     $(gcc --version 2>/dev/null | head -n 1)"
  echo "clang:   $(clang --version 2>/dev/null | head -n 1)"
  echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" status --porcelain -- wasm-engine tainted-types marshalling sandbox-api libs bench/src 2>/dev/null | grep -q . && echo ' (sources modified)')"
} > "$out/machine.txt"
cat "$out/machine.txt"

"$java" "${java_props[@]}" -cp "$jar" dev.airlock.bench.RunAll --out "$out" --work "$root/bench/target/bench-work" "$@" 2>&1 | tee "$out/run.log"
status=${PIPESTATUS[0]}
echo "bench: results in $out (table: $out/results.md)"
exit "$status"
