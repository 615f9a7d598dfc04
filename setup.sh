#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine with only a JDK lacks to build Galvani (./setup.sh build) or
# also to run every test (./setup.sh test, the default; ./test.sh calls it). Does nothing when all is there.
#
#   build  gcc, libc6-dev                                 the native HAL driver is built from C by Maven
#          gcc-aarch64-linux-gnu, libc6-dev-arm64-cross   ... and cross-compiled for linux-aarch64 (the board)
#          (on an aarch64 host the other way round: gcc-x86-64-linux-gnu, libc6-dev-amd64-cross)
#   test   qemu-user                                      the C test program also runs cross-built, under qemu
#          chromium                                       the HTML report test takes a screenshot of the report
#
# Installs with apt-get as root, or through sudo when not root; otherwise names what is missing and stops.
set -euo pipefail
purpose="${1:-test}"
case "${purpose}" in build|test) ;; *) echo "usage: ./setup.sh [build|test]" >&2; exit 2 ;; esac

have() { command -v "$1" >/dev/null 2>&1; }

case "$(uname -m)" in
  x86_64|amd64)  foreign=aarch64 ; foreign_pkgs=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross) ;;
  aarch64|arm64) foreign=x86_64  ; foreign_pkgs=(gcc-x86-64-linux-gnu libc6-dev-amd64-cross) ;;
  *) echo "setup.sh: host CPU $(uname -m) is not one the driver is built on (x86_64, aarch64)" >&2; exit 1 ;;
esac

missing=()
{ have gcc && [ -e /usr/include/stdio.h ]; } || missing+=(gcc libc6-dev)
{ have "${foreign}-linux-gnu-gcc" && [ -e "/usr/${foreign}-linux-gnu/include/stdio.h" ]; } || missing+=("${foreign_pkgs[@]}")
if [ "${purpose}" = test ]; then
  have "qemu-${foreign}" || missing+=(qemu-user)
  have chromium || have chromium-browser || missing+=(chromium)
fi
[ "${#missing[@]}" -eq 0 ] && exit 0

echo "setup.sh: installing what this machine lacks to ${purpose} Galvani: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif have sudo; then
  as_root=(sudo)
else
  echo "setup.sh: not root and no sudo: install these packages (Debian/Ubuntu names), then run again:" >&2
  echo "  apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! have apt-get; then
  echo "setup.sh: no apt-get here: install the equivalents of these Debian packages, then run again: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null \
  || { echo "setup.sh: could not install: ${missing[*]}" >&2; exit 1; }
