# Sourced by bench/run.sh and bench/paired.sh: fetches the corpus if it is missing and builds the
# project if bench/target/benchmarks.jar is missing or older than a source. Sets root, jar, java,
# and java_props (the system properties that locate the native builds and the repository).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar="$root/bench/target/benchmarks.jar"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_props=(-Dairlock.repo="$root" -Dairlock.libs.nativeDir="$root/libs/target/native"
  -Dairlock.bench.nativeDir="$root/bench/target/native")

# ---- the corpus (images and fonts from Debian packages, cached outside the repository)
corpus="${AIRLOCK_CORPUS:-$HOME/.cache/airlock/corpus}"
if [ ! -d "$corpus/files" ]; then
  "$root/scripts/fetch-corpus.sh"
fi

# ---- build if needed
stale=0
if [ ! -f "$jar" ]; then
  stale=1
elif [ -n "$(find "$root/pom.xml" "$root/wasm-engine/pom.xml" "$root/wasm-engine/src/main" "$root/libs/pom.xml" \
      "$root/libs/src/main" "$root/tainted-types/pom.xml" "$root/tainted-types/src/main" "$root/marshalling/pom.xml" \
      "$root/marshalling/src/main" "$root/sandbox-api/pom.xml" "$root/sandbox-api/src/main" \
      "$root/bench/pom.xml" "$root/bench/src" -type f -newer "$jar" -print -quit)" ]; then
  stale=1
fi
if [ "$stale" = 1 ]; then
  echo "bench: building (mvn install -DskipTests -pl wasm-engine,libs -am; mvn package -pl bench)" >&2
  mvn -q -B -ntp install -DskipTests -pl wasm-engine,libs -am
  mvn -q -B -ntp package -DskipTests -pl bench
fi

