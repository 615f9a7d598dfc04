#!/usr/bin/env bash
# The tick's tail from every tick timed (org.galvani.bench.TickTailHarness; docs/decisions.md ADR-36): the same
# treating session as TickBenchmark, timed tick by tick with nanoTime, interleaved with a pure-compute floor of the
# same p50 and an empty timed operation (the timer's own cost), plus JMH SampleTime's estimate on the same ticks.
# Build first: ./mvnw -B -q package -DskipTests
#   verification/tick-tail.sh                        # 6 rounds of 4,000,000 ticks, JNA, normal priority
#   verification/tick-tail.sh 6 4000000 ffm          # the FFM binding (JDK 22+)
#   verification/tick-tail.sh 6 4000000 ffm fifo 1   # SCHED_FIFO, pinned to CPU 1 (root)
# Arguments: [rounds] [ticks-per-round] [jna|ffm] [normal|nice|fifo] [cpu]. GALVANI_JAVA_OPTS adds JVM options.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${here}/target"
jar=$(ls "${target}"/verification-*.jar 2>/dev/null | grep -v -- '-sources' | head -1 || true)
if [ -z "${jar}" ] || [ ! -f "${target}/launcher/jvm.options" ]; then
  echo "the harness is not built yet: run ./mvnw -B -q package -DskipTests (needs gcc for the native driver)" >&2
  exit 2
fi
read -r -a flags < "${target}/launcher/jvm.options"
jna_tmp="${GALVANI_JNA_TMPDIR:-${target}/jna-tmp}"
mkdir -p "${jna_tmp}"
exec java "${flags[@]}" -Djna.tmpdir="${jna_tmp}" ${GALVANI_JAVA_OPTS:-} \
  -cp "${jar}:${target}/lib/*" org.galvani.bench.TickTailHarness "$@"
