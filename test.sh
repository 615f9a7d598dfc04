#!/usr/bin/env bash
# THE test command of the README (and of CI, .ci/run): installs what a fresh Debian/Ubuntu machine with only a
# JDK lacks (./setup.sh test: gcc, the aarch64 cross gcc, qemu-user, chromium), then runs every test:
# Java, the C driver's tests under ASan/UBSan on this CPU and cross-built under qemu-user for the other.
# Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
./setup.sh test
exec ./mvnw -B verify "$@"
