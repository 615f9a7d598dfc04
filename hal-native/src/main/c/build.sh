#!/usr/bin/env bash
# Builds libgalvani_hal.so into OUTDIR/linux-x86-64/ (JNA's platform folder), so that the hal-native
# jar carries it where Native.register finds it. Called by Maven (exec-maven-plugin, compile phase).
# -Bsymbolic: the library's calls to its own functions bind inside it, so two copies in one process (JNA's
# extracted copy and the FFM binding's) never share one handle table by symbol interposition.
set -euo pipefail
out="${1:?usage: build.sh OUTDIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cc="${CC:-gcc}"
if ! command -v "${cc}" >/dev/null 2>&1; then
  echo "ERROR: C compiler '${cc}' not found. The native HAL driver is built from C: install gcc" \
       "(e.g. 'apt-get install -y gcc') or set CC." >&2
  exit 1
fi
mkdir -p "${out}/linux-x86-64"
"${cc}" -std=c11 -O2 -Wall -Wextra -Werror -Wshadow -Wformat=2 -fPIC -shared -pthread -D_GNU_SOURCE \
  -fvisibility=default -Wl,-Bsymbolic -I"${here}/include" \
  "${here}"/galvani_*.c -o "${out}/linux-x86-64/libgalvani_hal.so" -lm
echo "built ${out}/linux-x86-64/libgalvani_hal.so"
