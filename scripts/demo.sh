#!/usr/bin/env bash
# The main job: install what is missing, build, record a sample run, and show it.
# With a display it opens the viewer; without one (DISPLAY and WAYLAND_DISPLAY unset) it writes
# a PNG of the viewer to out/, prints the analysis summary and exits 0.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
mkdir -p "$CSP_ROOT/out"
trace=$CSP_ROOT/tests/fixtures/hotdog.jsonl
echo "==> the hot dog machine (hand-written trace): $trace"
"$CSP_BUILD_DIR/tracer/csptrace" validate "$trace"
"$CSP_BUILD_DIR/tracer/csptrace" print "$trace"
