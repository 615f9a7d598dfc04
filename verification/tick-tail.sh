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
. "$(dirname "${BASH_SOURCE[0]}")/built-jars.sh"
exec java "${flags[@]}" -Djna.tmpdir="${jna_tmp}" ${GALVANI_JAVA_OPTS:-} \
  -cp "${jar}:${target}/lib/*" org.galvani.bench.TickTailHarness "$@"
