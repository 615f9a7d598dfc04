#!/usr/bin/env bash
# Compiles the C test program with every driver source under AddressSanitizer and UBSan and runs it,
# first for the host CPU, then cross-compiled for the other CPU (platforms.sh) under qemu-user
# (qemu-aarch64 -L /usr/aarch64-linux-gnu on an x86-64 host). Fails on any check, leak or undefined
# behaviour. Called by Maven (exec-maven-plugin, test phase) as: run-tests.sh WORKDIR [on|off]
# ("off" = -Dgalvani.cross=off: the other CPU is skipped with a warning; ./test.sh always runs it).
#
# Under qemu-user (7.2, measured): ASan and UBSan both work (a heap overflow and a signed overflow are
# reported as natively); LeakSanitizer does not (it needs ptrace-like access qemu-user does not give):
# leaks are checked by the host run only.
set -euo pipefail
work="${1:?usage: run-tests.sh WORKDIR [on|off]}"
cross="${2:-on}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${here}/../../main/c"
# shellcheck source=../../main/c/platforms.sh
. "${src}/platforms.sh"
mkdir -p "${work}"

compile_tests() {
  local arch="$1" cc
  cc="$(compiler_for "${arch}")"
  if ! command -v "${cc}" >/dev/null 2>&1; then
    echo "ERROR: C compiler '${cc}' for ${arch} not found: run ./test.sh (installs it) or" \
         "'$(install_hint "${arch}")'." >&2
    exit 1
  fi
  "${cc}" -std=c11 -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
    -Wall -Wextra -Werror -pthread -D_GNU_SOURCE -I"${src}/include" \
    "${src}"/galvani_*.c "${here}/test_hal.c" -o "${work}/test_hal_${arch}" -lm
}

host="$(host_arch)"
other="$(foreign_arch)"

compile_tests "${host}"
# The locale-independence test runs the driver in a decimal-comma locale (de_DE.UTF-8). When the system
# has none compiled, it is built here from glibc's locale sources into the tests' own LOCPATH.
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  if command -v localedef >/dev/null 2>&1 && [ -d /usr/share/i18n/locales ]; then
    mkdir -p "${work}/locale"
    [ -d "${work}/locale/de_DE.UTF-8" ] || localedef -i de_DE -f UTF-8 "${work}/locale/de_DE.UTF-8" >/dev/null 2>&1 || true
    export LOCPATH="${work}/locale"
  fi
fi
# LeakSanitizer needs ptrace-like access that some sandboxes deny; it is enabled when it works.
if ASAN_OPTIONS=detect_leaks=1 "${work}/test_hal_${host}" >/dev/null 2>&1; then leaks=1; else leaks=0; fi
echo "C tests, ${host} (host), ASan+UBSan, leak check ${leaks}:"
# The "kicks keep the watchdog quiet" window is 90 ms on the host (scale 3): at load 35-60 on two cores a thread
# kicking every millisecond was seen preempted past 30 ms (a false "kicked: no trip"); every trip is still required.
GALVANI_TEST_TIME_SCALE=3 ASAN_OPTIONS="detect_leaks=${leaks}:abort_on_error=0:halt_on_error=1" UBSAN_OPTIONS="print_stacktrace=1" \
  "${work}/test_hal_${host}"

# An x86-64 CPU without AVX-512 (ADR-32: the sim's noise then takes its portable fill, and no AVX-512 instruction
# may run): the host build again, without the sanitizers (their shadow memory does not map under qemu-x86_64),
# under qemu-user emulating a Haswell. Only on an x86-64 host with qemu-x86_64 (installed with qemu-user).
if [ "${host}" = x86_64 ] && command -v qemu-x86_64 >/dev/null 2>&1; then
  "$(compiler_for "${host}")" -std=c11 -g -O1 -Wall -Wextra -Werror -pthread -D_GNU_SOURCE -I"${src}/include" \
    "${src}"/galvani_*.c "${here}/test_hal.c" -o "${work}/test_hal_${host}_plain" -lm
  echo "C tests, ${host} without AVX-512 (under qemu-x86_64 -cpu Haswell), no sanitizers:"
  GALVANI_TEST_TIME_SCALE=10 qemu-x86_64 -cpu Haswell "${work}/test_hal_${host}_plain" 2> >(grep -v "warning: TCG doesn't support" >&2)
elif [ "${host}" = x86_64 ] && [ "${cross}" != off ]; then
  echo "ERROR: qemu-x86_64 not found: the C tests also run on an emulated x86-64 without AVX-512." \
       "Run ./test.sh (installs it) or 'apt-get install -y qemu-user'; -Dgalvani.cross=off skips it." >&2
  exit 1
fi

if [ "${cross}" = off ]; then
  echo "WARNING: -Dgalvani.cross=off: the C tests were NOT run for ${other} under qemu-user (./test.sh runs them)." >&2
  exit 0
fi
qemu="qemu-${other}"
if ! command -v "${qemu}" >/dev/null 2>&1; then
  echo "ERROR: ${qemu} not found: the C tests also run cross-built for ${other} under qemu-user." \
       "Run ./test.sh (installs it) or '$(install_hint "${other}")'; -Dgalvani.cross=off skips it." >&2
  exit 1
fi
compile_tests "${other}"
echo "C tests, ${other} (cross-built, under ${qemu}), ASan+UBSan, no leak check under qemu-user:"
# Emulated threads are slower and preempted longer: the one "kicks keep the watchdog quiet" window is
# stretched tenfold (GALVANI_TEST_TIME_SCALE, test_hal.c); every trip is still required.
GALVANI_TEST_TIME_SCALE=10 ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:halt_on_error=1" UBSAN_OPTIONS="print_stacktrace=1" \
  "${qemu}" -L "/usr/${other}-linux-gnu" "${work}/test_hal_${other}"
