#!/usr/bin/env bash
# Sourced by build.sh and run-tests.sh: the CPUs the driver is built for, named three ways.
#   host_arch           x86_64 or aarch64 (uname -m), the CPU this build runs on
#   foreign_arch        the other one (cross-compiled, and its C tests run under qemu-user)
#   jna_dir ARCH        JNA's resource prefix: linux-x86-64 / linux-aarch64 (Platform.RESOURCE_PREFIX)
#   compiler_for ARCH   the C compiler for ARCH: $CC (or gcc) for the host, Debian's cross gcc
#                       (${ARCH}-linux-gnu-gcc, or $CC_x86_64 / $CC_aarch64) for the other
#   install_hint ARCH   the Debian packages that provide that compiler (and qemu-user to run its tests)

host_arch() {
  case "$(uname -m)" in
    x86_64|amd64) echo x86_64 ;;
    aarch64|arm64) echo aarch64 ;;
    *) echo "ERROR: host CPU $(uname -m): the driver is built on x86_64 or aarch64 only" >&2; return 1 ;;
  esac
}

foreign_arch() {
  if [ "$(host_arch)" = x86_64 ]; then echo aarch64; else echo x86_64; fi
}

jna_dir() {
  case "$1" in
    x86_64) echo linux-x86-64 ;;
    aarch64) echo linux-aarch64 ;;
  esac
}

compiler_for() {
  if [ "$1" = "$(host_arch)" ]; then
    echo "${CC:-gcc}"
  else
    local var="CC_$1"
    echo "${!var:-$1-linux-gnu-gcc}"
  fi
}

install_hint() {
  case "$1" in
    aarch64) echo "apt-get install -y gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user" ;;
    x86_64) echo "apt-get install -y gcc-x86-64-linux-gnu libc6-dev-amd64-cross qemu-user" ;;
  esac
}
