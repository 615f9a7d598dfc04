#!/usr/bin/env bash
# The driver's tick-path calls timed in C alone (bench_hal.c): clock read, a kick pair, a sample+actuate pair.
# Not part of the build; run by hand on a quiet machine and quote the load average (uptime) with the figures:
#   hal-native/src/test/c/bench.sh [ROUNDS [BATCH]]             the driver in this tree
#   SRC=/some/old/tree/hal-native/src/main/c hal-native/src/test/c/bench.sh   another version of the driver
# The library is built as build.sh builds it (-O2, -fPIC -shared -Bsymbolic) and the program calls it through the
# dynamic linker, as JNA and FFM do.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${SRC:-${here}/../../main/c}"
out="$(mktemp -d)"
trap 'rm -rf "${out}"' EXIT
"${CC:-gcc}" -std=c11 -O2 -Wall -Wextra -Werror -fPIC -shared -pthread -D_GNU_SOURCE -fvisibility=default \
  -Wl,-Bsymbolic -I"${src}/include" "${src}"/galvani_*.c -o "${out}/libgalvani_hal.so" -lm
"${CC:-gcc}" -std=c11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I"${src}/include" "${here}/bench_hal.c" -o "${out}/bench_hal" \
  -L"${out}" -lgalvani_hal -Wl,-rpath,"${out}"
uptime
"${out}/bench_hal" "$@"
uptime
