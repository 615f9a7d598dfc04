#!/usr/bin/env bash
# JMH benchmarks from the built jars, with the launcher's JVM flags (verification/target/launcher/jvm.options)
# and JNA unpacking under verification/target. Build first: ./mvnw -B -q package -DskipTests
#   verification/bench.sh                          # HalCallBenchmark with -prof gc (annotation defaults)
#   verification/bench.sh HalCallBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
#   verification/bench.sh -l                       # list the benchmarks in the jar
# Arguments are JMH's own (org.openjdk.jmh.Main -h); forked JVMs inherit these JVM flags.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/built-jars.sh"
if [ "$#" -eq 0 ]; then
  set -- HalCallBenchmark -prof gc
fi
exec java "${flags[@]}" -Djna.tmpdir="${jna_tmp}" ${GALVANI_JAVA_OPTS:-} \
  -cp "${jar}:${target}/lib/*" org.openjdk.jmh.Main "$@"
