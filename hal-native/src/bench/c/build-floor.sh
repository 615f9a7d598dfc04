#!/usr/bin/env bash
# Builds the loop-floor program (galvani_floor.c: the control loop's deadline schedule with an empty tick,
# busy-spinning) into OUTDIR/galvani-floor. Called by Maven (hal-native, exec-maven-plugin, compile phase);
# org.galvani.bench.LoopJitterHarness runs it interleaved with the Java loop (verification/loop-floor.sh).
set -euo pipefail
out="${1:?usage: build-floor.sh OUTDIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cc="${CC:-gcc}"
if ! command -v "${cc}" >/dev/null 2>&1; then
  echo "ERROR: C compiler '${cc}' not found: install gcc (e.g. 'apt-get install -y gcc') or set CC." >&2
  exit 1
fi
mkdir -p "${out}"
"${cc}" -std=c11 -O2 -Wall -Wextra -Werror -Wshadow -D_GNU_SOURCE "${here}/galvani_floor.c" -o "${out}/galvani-floor"
echo "built ${out}/galvani-floor"
