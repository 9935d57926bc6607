#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test through ctest.
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -L runtime).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "==> testing"
cd "$CSP_BUILD_DIR"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)" "$@"
