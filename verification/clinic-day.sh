#!/usr/bin/env bash
# A GC-free clinic day (org.galvani.cli.ClinicDayBenchmark): back-to-back journaled and sealed dexamethasone
# sessions through `galvani simulate` in one JVM under the Epsilon collector (no collection, ever) in a 128 MB
# heap, faster than real time, then optionally real-time seconds on the control thread; prints the bytes
# allocated per tick by the whole process after the warm-up session, the heap used, and the allocating threads.
# Build first: ./mvnw -B -q package -DskipTests
#   verification/clinic-day.sh                    # 28.8 M ticks (8 h at 1 kHz), no real-time part
#   verification/clinic-day.sh 28800000 180       # then 3 real-time minutes
# GALVANI_HEAP (default 128m) and GALVANI_JAVA_OPTS (e.g. -Dgalvani.hal.binding=ffm on JDK 22+) adjust the JVM.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/built-jars.sh"
heap="${GALVANI_HEAP:-128m}"
cd "${root}"
exec java "${flags[@]}" -Djna.tmpdir="${jna_tmp}" -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -XX:EpsilonMaxTLABSize=64k \
  -Xms"${heap}" -Xmx"${heap}" -XX:+AlwaysPreTouch ${GALVANI_JAVA_OPTS:-} \
  -cp "${jar}:${target}/lib/*" org.galvani.cli.ClinicDayBenchmark "$@"
