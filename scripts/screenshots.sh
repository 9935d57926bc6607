#!/usr/bin/env bash
# Regenerates the screenshots in docs/images/ from real sample runs and the hand-written
# fixtures (deterministic seeds, so the pictures only change when the runtime, the analysis or
# the viewer does; the times on the axis are the recorder's clock and differ a little from run
# to run).
#
# The "after" halves of docs/images/issue22-*-after.png are made here too; their "before"
# halves were made once with the viewer of commit 6eb922c, on the same traces and window sizes,
# and are not regenerated.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
bin=$CSP_BUILD_DIR
img=$CSP_ROOT/docs/images
fixtures=$CSP_ROOT/tests/fixtures
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen

shot() {  # shot TRACE NAME [cspview options...]
  local trace=$1 name=$2
  shift 2
  "$bin/gui/cspview" "$trace" --screenshot "$img/$name.png" --size 1280x800 "$@" 2>/dev/null
  echo "wrote docs/images/$name.png"
}
# The number (as csptrace prints it) of the NTH event matching PATTERN, for --at.
event_of() {  # event_of TRACE PATTERN [NTH]
  "$bin/tracer/csptrace" print --no-time "$1" | grep -E "$2" | sed -n "${3:-1}p" | awk '{print $1}'
}
# The time of event NUMBER as --view takes it ("452.1us").
time_of() {  # time_of TRACE NUMBER
  "$bin/tracer/csptrace" print "$1" | awk -v n="$2" '$1 == n {u = $3; sub("µs", "us", u); print $2 u}'
}

# The README's pictures.
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

# docs/viewer.md's pictures.
shot "$fixtures/hotdog.jsonl" hotdog-first-rendezvous --at "$(event_of "$fixtures/hotdog.jsonl" 'transfer +chan=in ')"
shot "$fixtures/gui-philosophers-deadlock.jsonl" philosophers-deadlock
shot "$work/pipeline.jsonl" pipeline-presentation-dark --size 1024x768 --presentation --dark \
  --at "$(event_of "$work/pipeline.jsonl" 'transfer +chan=reverser-out' 2)"

# Issue 22's "after" pictures: the traces and windows of the "before" ones.
"$bin/samples/philosophers" --deadlock --seed 7 --trace "$work/phil7.csptrace" >/dev/null
"$bin/samples/hotdog" --seed 7 --trace "$work/hotdog7.jsonl" >/dev/null
"$bin/samples/pipeline" --seed 7 --trace "$work/pipeline7.jsonl" >/dev/null
shot "$work/phil7.csptrace" issue22-1-fit-after
# Zoomed into the run, the end off screen: the cycle stays in its strip.
shot "$work/phil7.csptrace" issue22-2-cycle-after --size 1024x768 \
  --view "$(time_of "$work/phil7.csptrace" 1):$(time_of "$work/phil7.csptrace" 70)"
shot "$work/hotdog7.jsonl" issue22-4-story-after --size 1024x768 --presentation \
  --at "$(event_of "$work/hotdog7.jsonl" 'transfer +chan=in ')"
shot "$work/pipeline7.jsonl" issue22-5-dark-after --size 1024x768 --presentation --dark \
  --at "$(event_of "$work/pipeline7.jsonl" 'transfer +chan=reverser-out' 2)"
shot "$work/phil7.csptrace" issue22-10-small-after --size 1024x640

# Issue 23's sequence chart, at the lecture room's 1024x768 (docs/viewer.md, "For a lecture").
"$bin/samples/sieve" --primes 10 --seed 7 --trace "$work/sieve7.csptrace" >/dev/null
shot "$work/hotdog7.jsonl" sequence-hotdog --size 1024x768 --view sequence \
  --at "$(event_of "$work/hotdog7.jsonl" 'transfer +chan=out ')"
shot "$work/pipeline7.jsonl" sequence-pipeline --size 1024x768 --view sequence \
  --at "$(event_of "$work/pipeline7.jsonl" 'transfer +chan=reverser-out' 2)"
shot "$work/sieve7.csptrace" sequence-sieve --size 1024x768 --view sequence --at 420
shot "$work/phil7.csptrace" sequence-philosophers-deadlock --size 1024x768 --view sequence
