#!/usr/bin/env bash
# JMH benchmarks from the built jars, with the launcher's JVM flags (verification/target/launcher/jvm.options)
# and JNA unpacking under verification/target. Build first: ./mvnw -B -q package -DskipTests
#   verification/bench.sh                          # HalCallBenchmark with -prof gc (annotation defaults)
#   verification/bench.sh HalCallBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
#   verification/bench.sh -l                       # list the benchmarks in the jar
# Arguments are JMH's own (org.openjdk.jmh.Main -h); forked JVMs inherit these JVM flags.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${here}/target"
jar=$(ls "${target}"/verification-*.jar 2>/dev/null | grep -v -- '-sources' | head -1 || true)
if [ -z "${jar}" ] || [ ! -f "${target}/launcher/jvm.options" ]; then
  echo "the benchmarks are not built yet: run ./mvnw -B -q package -DskipTests (needs gcc for the native driver)" >&2
  exit 2
fi
read -r -a flags < "${target}/launcher/jvm.options"
jna_tmp="${GALVANI_JNA_TMPDIR:-${target}/jna-tmp}"
mkdir -p "${jna_tmp}"
if [ "$#" -eq 0 ]; then
  set -- HalCallBenchmark -prof gc
fi
exec java "${flags[@]}" -Djna.tmpdir="${jna_tmp}" ${GALVANI_JAVA_OPTS:-} \
  -cp "${jar}:${target}/lib/*" org.openjdk.jmh.Main "$@"
