#!/usr/bin/env bash
# The ratio of one engine to the native build on one workload, from alternating 200 ms windows in
# one JVM (dev.airlock.bench.PairedRatio): a diagnostic for telling whether a small change helps,
# robust to the machine's drift. The figures of the targets come from bench/run.sh (JMH).
#
#   bench/paired.sh text ENGINE SECONDS           e.g. bench/paired.sh text airlock 45
#   bench/paired.sh decode INPUT ENGINE SECONDS   e.g. bench/paired.sh decode jpeg-Elephants_3840x2160 airlock 60
#
# ENGINE: airlock, airlock_wasmopt, chicory, native_sse2 (decode only). INPUT: an id of
# dev.airlock.bench.Inputs. Builds and fetches the corpus first when needed, as run.sh does.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"

exec "$java" "${java_props[@]}" -Xmx4g -Xss16m -cp "$jar" dev.airlock.bench.PairedRatio "$@"
