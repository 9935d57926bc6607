#!/usr/bin/env bash
# Every csptrace verb over every trace the project keeps for breaking readers: the fuzz corpora
# (tests/fuzz/corpus/*), the fixtures and, once `ctest -L hostile` has generated them in BUILD,
# the hostile corpus's small shapes. Run it on a sanitizer build to prove the verbs clean under
# ASan/UBSan (issue 21):
#
#   cmake --preset asan && cmake --build build-asan --target csptrace
#   scripts/corpus_verbs.sh build-asan              # or: scripts/corpus_verbs.sh BUILD FILE|DIR...
#
# For each file: validate, print, check, check --json, stats --json, export to sqlite and a
# query (docs/query.md), and export to jsonl,
# csptrace and chrome. A verb may refuse a file (exit 2, with a message); it may not crash, hang
# (60 s) or make a sanitizer report. A trace that loads must survive both exports unchanged:
# `print --no-time` of the JSON Lines and of the binary export equals the original's (the JSON
# Lines one only when no text needed U+FFFD, which the export warns about).
# Files are checked JOBS at a time (default 2). Exit 0 when every file passes; the failures are
# listed, with the command that failed.
set -u
build=${1:-build}
csptrace=$build/tracer/cli/csptrace
[[ -x $csptrace ]] || { echo "corpus_verbs.sh: no $csptrace; build the csptrace target first" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

shift $(($# > 0 ? 1 : 0))
sources=("$@")
((${#sources[@]})) || sources=("$root"/tests/fuzz/corpus/* "$root"/tests/fixtures "$build"/tests/hostile/small)
list=$work/files
: >"$list"
for d in "${sources[@]}"; do
  if [[ -f $d ]]; then printf '%s\0' "$d" >>"$list"
  elif [[ -d $d ]]; then find "$d" -maxdepth 1 -type f -print0 >>"$list"
  fi
done

# One file: every verb, then the round trips. Prints a line per failure and "ok" or "ok rt"
# (it loaded, and round-tripped) at the end; a crash, a timeout or a sanitizer report fails.
check_one() {
  local f=$1 dir
  dir=$(mktemp -d -p "$work")
  run() {
    local rc
    timeout 60 "$csptrace" "$@" >"$dir/out" 2>"$dir/err"
    rc=$?
    if ((rc > 2)) || grep -qE "ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:" "$dir/err"; then
      echo "FAIL: csptrace $* (exit $rc): $(grep -m1 -E 'ERROR|runtime error|.' "$dir/err")"
    fi
    return $rc
  }
  run validate "$f"
  local loads=$?
  run print "$f"
  run check "$f"
  run check --json "$f"
  run stats --json "$f"
  run export --format chrome "$f" -o "$dir/x.json"
  run export --format sqlite "$f" -o "$dir/x.db"
  run query --no-cache "$f" "SELECT kind, COUNT(*) FROM events GROUP BY kind"
  run export --format jsonl "$f" -o "$dir/x.jsonl"
  # Texts that are not UTF-8 become U+FFFD in JSON, with a warning (docs/reliability.md): that
  # round trip may differ, the binary one may not.
  local lossy=""
  grep -q "not valid UTF-8" "$dir/err" && lossy=1
  run export --format csptrace "$f" -o "$dir/x.csptrace"
  local rt=""
  if ((loads == 0)); then
    "$csptrace" print --no-time "$f" >"$dir/a" 2>/dev/null
    local exports=("$dir/x.csptrace")
    [[ -z $lossy ]] && exports+=("$dir/x.jsonl")
    for x in "${exports[@]}"; do
      "$csptrace" print --no-time "$x" >"$dir/b" 2>/dev/null
      cmp -s "$dir/a" "$dir/b" || echo "FAIL: export round trip changes $f (through ${x##*.})"
    done
    rt=" rt"
  fi
  rm -rf "$dir"
  echo "ok$rt"
}
export -f check_one
export csptrace work

xargs -0 -n 1 -P "${JOBS:-2}" bash -c 'check_one "$1"' _ <"$list" >"$work/results"
grep '^FAIL' "$work/results"
checked=$(grep -c '^ok' "$work/results")
roundtrips=$(grep -c '^ok rt' "$work/results")
failures=$(grep -c '^FAIL' "$work/results")
echo "corpus_verbs.sh: $checked files, 10 verbs each, $roundtrips round trips; $failures failures"
((failures == 0))
