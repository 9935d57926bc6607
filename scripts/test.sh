#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test through ctest.
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -L runtime); without any,
# the long suites labelled `heavy` are left out (run them with ./scripts/test.sh -L heavy).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
echo "==> testing"
cd "$CSP_BUILD_DIR"
if [ $# -eq 0 ]; then set -- -LE heavy; fi
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j"$(nproc)" "$@"
