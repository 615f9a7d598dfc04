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
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/.." && pwd)"
target="${here}/target"
jar=$(ls "${target}"/verification-*.jar 2>/dev/null | grep -v -- '-sources' | head -1 || true)
if [ -z "${jar}" ] || [ ! -f "${target}/launcher/jvm.options" ]; then
  echo "the benchmark is not built yet: run ./mvnw -B -q package -DskipTests (needs gcc)" >&2
  exit 2
fi
read -r -a flags < "${target}/launcher/jvm.options"
jna_tmp="${GALVANI_JNA_TMPDIR:-${target}/jna-tmp}"
mkdir -p "${jna_tmp}"
heap="${GALVANI_HEAP:-128m}"
cd "${root}"
exec java "${flags[@]}" -Djna.tmpdir="${jna_tmp}" -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -XX:EpsilonMaxTLABSize=64k \
  -Xms"${heap}" -Xmx"${heap}" -XX:+AlwaysPreTouch ${GALVANI_JAVA_OPTS:-} \
  -cp "${jar}:${target}/lib/*" org.galvani.cli.ClinicDayBenchmark "$@"
