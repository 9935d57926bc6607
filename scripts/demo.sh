#!/usr/bin/env bash
# The main job: install what is missing, build, record a run of the deadlocking dining
# philosophers, analyse it, and show it. With a display it opens the viewer on the trace;
# without one (DISPLAY and WAYLAND_DISPLAY unset) it writes a PNG of the viewer to out/, prints
# the analysis summary and exits 0.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
bin=$CSP_BUILD_DIR
out=$CSP_ROOT/out
mkdir -p "$out"
trace=$out/philosophers-deadlock.jsonl

echo "==> recording: samples/philosophers --deadlock --seed 1 --trace $trace"
"$bin/samples/philosophers" --deadlock --seed 1 --trace "$trace"
echo
echo "==> analysis: csptrace check $trace"
# Exit status 1 means "found an error", which is the point of this sample.
"$bin/tracer/csptrace" check "$trace" || [[ $? -eq 1 ]]
echo
if [[ ! -x $bin/gui/cspview ]]; then
  echo "==> the viewer is not built (configure with -DCSP_BUILD_GUI=ON); the run as text:"
  "$bin/tracer/csptrace" print "$trace"
  exit 0
fi
if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
  echo "==> opening the viewer"
  exec "$bin/gui/cspview" "$trace"
fi
png=$out/philosophers-deadlock.png
echo "==> no display: rendering the viewer to $png"
QT_QPA_PLATFORM=offscreen "$bin/gui/cspview" "$trace" --screenshot "$png"
echo "wrote $png (open it, or run this script with a display to get the window)"
