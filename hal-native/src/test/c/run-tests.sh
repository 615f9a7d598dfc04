#!/usr/bin/env bash
# Compiles the C test program with every driver source under AddressSanitizer and UBSan, and runs it.
# Called by Maven (exec-maven-plugin, test phase). Fails on any check, leak or undefined behaviour.
set -euo pipefail
work="${1:?usage: run-tests.sh WORKDIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${here}/../../main/c"
cc="${CC:-gcc}"
if ! command -v "${cc}" >/dev/null 2>&1; then
  echo "ERROR: C compiler '${cc}' not found: install gcc (e.g. 'apt-get install -y gcc') or set CC." >&2
  exit 1
fi
mkdir -p "${work}"
"${cc}" -std=c11 -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
  -Wall -Wextra -Werror -pthread -D_GNU_SOURCE -I"${src}/include" \
  "${src}"/galvani_*.c "${here}/test_hal.c" -o "${work}/test_hal" -lm -ldl
# The locale-independence test runs the driver in a decimal-comma locale (de_DE.UTF-8). When the system
# has none compiled, it is built here from glibc's locale sources into the test's own LOCPATH.
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  if command -v localedef >/dev/null 2>&1 && [ -d /usr/share/i18n/locales ]; then
    mkdir -p "${work}/locale"
    [ -d "${work}/locale/de_DE.UTF-8" ] || localedef -i de_DE -f UTF-8 "${work}/locale/de_DE.UTF-8" >/dev/null 2>&1 || true
    export LOCPATH="${work}/locale"
  fi
fi
# LeakSanitizer needs ptrace-like access that some sandboxes deny; it is enabled when it works.
if ASAN_OPTIONS=detect_leaks=1 "${work}/test_hal" >/dev/null 2>&1; then leaks=1; else leaks=0; fi
ASAN_OPTIONS="detect_leaks=${leaks}:abort_on_error=0:halt_on_error=1" UBSAN_OPTIONS="print_stacktrace=1" \
  "${work}/test_hal"
