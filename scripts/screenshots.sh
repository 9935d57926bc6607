#!/usr/bin/env bash
# Regenerates the screenshots in docs/images/ from real sample runs (deterministic seeds, so the
# pictures only change when the runtime, the analysis or the viewer does).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
bin=$CSP_BUILD_DIR
img=$CSP_ROOT/docs/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen

shot() {  # shot TRACE NAME [cspview options...]
  local trace=$1 name=$2
  shift 2
  "$bin/gui/cspview" "$trace" --screenshot "$img/$name.png" --size 1280x800 "$@" 2>/dev/null
  echo "wrote docs/images/$name.png"
}
# The index of the first event of KIND on CHAN (from csptrace print --no-time), for --at.
event_of() {  # event_of TRACE PATTERN [NTH]
  "$bin/tracer/csptrace" print --no-time "$1" | grep -n -E "$2" | sed -n "${3:-1}p" | cut -d: -f1 |
    awk '{print $1 - 1}'
}

"$bin/samples/hotdog" --seed 1 --trace "$work/hotdog.jsonl" >/dev/null
shot "$work/hotdog.jsonl" sample-hotdog-lint --at "$(event_of "$work/hotdog.jsonl" 'transfer +chan=in ')"
shot "$work/hotdog.jsonl" sample-hotdog-hot-dog --at "$(event_of "$work/hotdog.jsonl" 'transfer +chan=out .*hot dog')"
shot "$work/hotdog.jsonl" sample-hotdog-refused --at "$(event_of "$work/hotdog.jsonl" 'refused')"

"$bin/samples/pipeline" --seed 1 --trace "$work/pipeline.jsonl" >/dev/null
shot "$work/pipeline.jsonl" sample-pipeline-upper --at "$(event_of "$work/pipeline.jsonl" 'transfer +chan=upper-caser-out')"
shot "$work/pipeline.jsonl" sample-pipeline-printer --at "$(event_of "$work/pipeline.jsonl" 'transfer +chan=reverser-out' 2)"

"$bin/samples/philosophers" --deadlock --seed 1 --trace "$work/philosophers.jsonl" >/dev/null
shot "$work/philosophers.jsonl" sample-philosophers-seated --at "$(event_of "$work/philosophers.jsonl" 'transfer +chan=all-seated')"
shot "$work/philosophers.jsonl" sample-philosophers-deadlock
