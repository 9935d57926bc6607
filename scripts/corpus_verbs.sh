#!/usr/bin/env bash
# Every csptrace verb over every trace the project keeps for breaking readers: the fuzz corpora
# (tests/fuzz/corpus/*), the fixtures and the hostile corpus's small shapes when generated. Run
# it on a sanitizer build to prove the verbs clean under ASan/UBSan (issue 21):
#
#   cmake --preset asan && cmake --build build-asan --target csptrace
#   scripts/corpus_verbs.sh build-asan
#
# For each file: validate, print, check, check --json, stats --json, and export to jsonl,
# csptrace and chrome. A verb may refuse a file (exit 2, with a message); it may not crash, hang
# (60 s) or make a sanitizer report. A trace that loads must survive both exports unchanged:
# `print --no-time` of the JSON Lines and of the binary export equals the original's.
# Exit 0 when every file passes; the failures are listed, with the command that failed.
set -u
build=${1:-build}
csptrace=$build/tracer/cli/csptrace
[[ -x $csptrace ]] || { echo "corpus_verbs.sh: no $csptrace; build the csptrace target first" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

files=()
for d in "$root"/tests/fuzz/corpus/* "$root"/tests/fixtures "$build"/tests/hostile/corpus; do
  [[ -d $d ]] || continue
  while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$d" -maxdepth 1 -type f -print0)
done

failures=0 checked=0 roundtrips=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Runs one verb; a crash, a timeout or a sanitizer report is a failure.
run() {
  local out=$work/out err=$work/err rc
  timeout 60 "$csptrace" "$@" >"$out" 2>"$err"
  rc=$?
  if ((rc > 2)) || grep -qE "ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:" "$err"; then
    fail "csptrace $* (exit $rc): $(grep -m1 -E 'ERROR|runtime error|.' "$err")"
  fi
  return $rc
}

for f in "${files[@]}"; do
  checked=$((checked + 1))
  run validate "$f"
  loads=$?
  run print "$f"
  run check "$f"
  run check --json "$f"
  run stats --json "$f"
  run export --format chrome "$f" -o "$work/x.json"
  run export --format jsonl "$f" -o "$work/x.jsonl"
  run export --format csptrace "$f" -o "$work/x.csptrace"
  if ((loads == 0)); then
    "$csptrace" print --no-time "$f" >"$work/a" 2>/dev/null
    for x in "$work/x.jsonl" "$work/x.csptrace"; do
      "$csptrace" print --no-time "$x" >"$work/b" 2>/dev/null
      cmp -s "$work/a" "$work/b" || fail "export round trip changes $f (through ${x##*.})"
    done
    roundtrips=$((roundtrips + 1))
  fi
done
echo "corpus_verbs.sh: $checked files, 8 verbs each, $roundtrips round trips; $failures failures"
((failures == 0))
