#!/usr/bin/env bash
# The control loop against the machine's floor, in one invocation (org.galvani.bench.LoopJitterHarness):
# alternating rounds of the C floor program (hal-native/target/bench/galvani-floor: the same deadline
# schedule with an empty tick, busy-spinning), the Java loop, and cyclictest (rt-tests, the sleeping
# reference; installed here with apt-get when absent and possible), at 1 kHz and 10 kHz, all on one CPU (the
# last; the JVM's other threads on the others). In each round floor and loop run their schedule at the same
# phase (ADR-37: the platform's periodic interruptions make a schedule late at some phases only); the phases
# sweep the period over the rounds, and the ratio's 90 % interval comes from resampling the paired rounds.
# Build first: ./mvnw -B -q package -DskipTests
#   verification/loop-floor.sh            # 120 rounds of 0.5 s per program per rate (about 8 minutes)
#   verification/loop-floor.sh 0.5 40     # 40 rounds: quicker, a wider interval
# GALVANI_JAVA_OPTS adds JVM options: -Dgalvani.hal.binding=ffm (JDK 22+), -Dgalvani.bench.cpu=N (the CPU),
# -Dgalvani.bench.perRound=true (a line per round), -Dgalvani.bench.lateLog=FILE (each late Java tick),
# -Dgalvani.bench.rates=1000 (the rates, default 1000,10000).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/built-jars.sh"
if [ ! -x "${root}/hal-native/target/bench/galvani-floor" ]; then
  echo "the floor program is not built yet: run ./mvnw -B -q package -DskipTests (needs gcc)" >&2
  exit 2
fi
if ! command -v cyclictest >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing rt-tests (cyclictest) with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q rt-tests >/dev/null || echo "rt-tests not installed: the sleeping reference is skipped" >&2
  else
    echo "cyclictest not found (Debian/Ubuntu: sudo apt-get install rt-tests): the sleeping reference is skipped" >&2
  fi
fi
cd "${root}"
exec java "${flags[@]}" -Djna.tmpdir="${jna_tmp}" ${GALVANI_JAVA_OPTS:-} \
  -Dgalvani.floor.program="${root}/hal-native/target/bench/galvani-floor" \
  -cp "${jar}:${target}/lib/*" org.galvani.bench.LoopJitterHarness "$@"
