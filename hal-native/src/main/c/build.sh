#!/usr/bin/env bash
# Builds libgalvani_hal.so for both CPUs the device may have, into OUTDIR/<JNA resource prefix>/ so that
# the hal-native jar carries them where Native.register finds them:
#   OUTDIR/linux-x86-64/libgalvani_hal.so    x86-64 (a PC, CI)
#   OUTDIR/linux-aarch64/libgalvani_hal.so   AArch64 (the likely board), with Debian's cross gcc
# The host's CPU is built with $CC (or gcc), the other with its cross compiler (platforms.sh).
# Called by Maven (exec-maven-plugin, compile phase) as: build.sh OUTDIR [on|off]
#   on  (default, -Dgalvani.cross=on): a missing cross compiler fails the build, saying how to install it
#   off (-Dgalvani.cross=off): the other CPU is skipped with a warning (a developer's quick build only;
#       ./test.sh installs the cross compiler and always builds and tests both)
# -Bsymbolic: the library's calls to its own functions bind inside it, so two copies in one process (JNA's
# extracted copy and the FFM binding's) never share one handle table by symbol interposition.
set -euo pipefail
out="${1:?usage: build.sh OUTDIR [on|off]}"
cross="${2:-on}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=platforms.sh
. "${here}/platforms.sh"

build_for() {
  local arch="$1" cc dir
  cc="$(compiler_for "${arch}")"
  dir="${out}/$(jna_dir "${arch}")"
  mkdir -p "${dir}"
  "${cc}" -std=c11 -O2 -Wall -Wextra -Werror -Wshadow -Wformat=2 -fPIC -shared -pthread -D_GNU_SOURCE \
    -fvisibility=default -Wl,-Bsymbolic -I"${here}/include" \
    "${here}"/galvani_*.c -o "${dir}/libgalvani_hal.so" -lm
  echo "built ${dir}/libgalvani_hal.so (${arch}, ${cc})"
}

host="$(host_arch)"
other="$(foreign_arch)"
if ! command -v "$(compiler_for "${host}")" >/dev/null 2>&1; then
  echo "ERROR: C compiler '$(compiler_for "${host}")' not found. The native HAL driver is built from C:" \
       "run ./test.sh (installs what is missing), or 'apt-get install -y gcc libc6-dev', or set CC." >&2
  exit 1
fi
build_for "${host}"

if [ "${cross}" = off ]; then
  echo "WARNING: ======================================================================================" >&2
  echo "WARNING: -Dgalvani.cross=off: the driver was NOT built for ${other}; this jar carries" >&2
  echo "WARNING: $(jna_dir "${host}")/ only and will not load on ${other} hardware. ./test.sh builds both." >&2
  echo "WARNING: ======================================================================================" >&2
  exit 0
fi
if ! command -v "$(compiler_for "${other}")" >/dev/null 2>&1; then
  echo "ERROR: cross compiler '$(compiler_for "${other}")' not found: the jar must carry the driver for" \
       "${other} too ($(jna_dir "${other}")/). Run ./test.sh (installs it), or '$(install_hint "${other}")'," \
       "or set CC_${other}; -Dgalvani.cross=off skips it for a quick local build." >&2
  exit 1
fi
build_for "${other}"
