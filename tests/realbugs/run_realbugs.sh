#!/usr/bin/env bash
# Runs the ported GoKer kernels (kernels.txt) and tabulates what `csptrace check` says about them.
#
#   run_realbugs.sh [--build DIR] [--out DIR] [--seeds N] [--pool M] [--cut K] [--quiet-ms MS]
#                   [--only KERNEL]... [--verify]
#   run_realbugs.sh --smoke [--build DIR] [--out DIR]
#
# For each kernel, the buggy and the fixed version:
#   - N runs on the deterministic scheduler, --seed 1..N, traced to .jsonl;
#   - M runs on the pool, traced to .jsonl;
#   - K runs on the pool with --hold, traced to a binary .csptrace, killed with SIGKILL once the
#     program has been quiet for MS ms (the leak check's 50 ms are long over by then); the cut
#     trace must load (`csptrace validate`). A program that deadlocks globally ends by itself
#     before the kill: its trace is complete.
# Each trace gets `csptrace check --json` (kept beside it as TRACE.check.json); then tables.py
# reads every trace with end_state.py (did the bug manifest: see the rule there) and every
# verdict (the highest severity among the findings, and their kinds), writes one line per run to
# OUT/results.tsv and prints the tables as Markdown.
#
# --verify (the ctest realbugs.verdicts): exit 1 when a verdict is not the one kernels.txt expects
# (tables.py --verify says which runs).
#
# --smoke (the ctest realbugs.build_and_run): each kernel once, bug and fixed, --seed 1; fails
# unless every program exits 0 and every trace validates. Asserts no verdict.
#
# Defaults: --build build (from the repository root), --out BUILD/realbugs-runs, N 20, M 10,
# K 10, MS 400.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/../../build"
out=""
seeds=20 pool=10 cut=10 quiet_ms=400 smoke=0 verify=()
only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --pool) pool="$2"; shift 2 ;;
    --cut) cut="$2"; shift 2 ;;
    --quiet-ms) quiet_ms="$2"; shift 2 ;;
    --only) only+=("$2"); shift 2 ;;
    --smoke) smoke=1; shift ;;
    --verify) verify=(--verify); shift ;;
    -h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_realbugs.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
build="$(cd "$build" 2>/dev/null && pwd)" || { echo "run_realbugs.sh: no build directory" >&2; exit 2; }
out="${out:-$build/realbugs-runs}"
csptrace="$build/tracer/cli/csptrace"
bindir="$build/tests/realbugs"
[ -x "$csptrace" ] || { echo "run_realbugs.sh: $csptrace is missing: build the target csptrace" >&2; exit 2; }
mkdir -p "$out"

kernels=()
while read -r name _; do
  if [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" $name "* ]]; then kernels+=("$name"); fi
done < <(grep -E '^[a-z]' "$here/kernels.txt")

# ---- smoke ------------------------------------------------------------------------------------
if [ "$smoke" = 1 ]; then
  failed=0
  for k in "${kernels[@]}"; do
    for variant in bug fixed; do
      flags=(); [ "$variant" = fixed ] && flags=(--fixed)
      trace="$out/$k.$variant.smoke.jsonl"
      rm -f "$trace"
      timeout 60 "$bindir/realbugs_$k" "${flags[@]}" --seed 1 --trace "$trace" >/dev/null
      rc=$?
      "$csptrace" validate "$trace" >/dev/null 2>&1
      vrc=$?
      if [ "$rc" != 0 ] || [ "$vrc" != 0 ]; then
        echo "FAIL $k $variant: exit $rc (expected 0), validate exit $vrc"
        failed=1
      else
        echo "ok   $k $variant"
      fi
    done
  done
  exit $failed
fi

# ---- measurement ------------------------------------------------------------------------------
# The runs first (runs.tsv: one line per run, the traces and each trace's check --json beside
# them), then one pass of tables.py over them.
runs="$out/runs.tsv"
printf 'kernel\tvariant\tmode\trun\texit\ttrace\tcheck\tvalid\n' > "$runs"

# run_one KERNEL VARIANT MODE RUN EXIT JSONL_TRACE CHECKED_TRACE VALID
run_one() {
  "$csptrace" check --json "$7" > "$7.check.json" 2>/dev/null
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7.check.json" "$8" >> "$runs"
}

for k in "${kernels[@]}"; do
  bin="$bindir/realbugs_$k"
  [ -x "$bin" ] || { echo "run_realbugs.sh: $bin is missing: build the realbugs targets" >&2; exit 2; }
  for variant in bug fixed; do
    flags=(); [ "$variant" = fixed ] && flags=(--fixed)
    for ((s = 1; s <= seeds; s++)); do
      trace="$out/$k.$variant.seed-$s.jsonl"
      timeout 60 "$bin" "${flags[@]}" --seed "$s" --trace "$trace" >/dev/null 2>&1
      run_one "$k" "$variant" seed "$s" $? "$trace" "$trace" -
    done
    for ((i = 1; i <= pool; i++)); do
      trace="$out/$k.$variant.pool-$i.jsonl"
      timeout 60 "$bin" "${flags[@]}" --trace "$trace" >/dev/null 2>&1
      run_one "$k" "$variant" pool "$i" $? "$trace" "$trace" -
    done
    for ((i = 1; i <= cut; i++)); do
      trace="$out/$k.$variant.cut-$i.csptrace"
      rm -f "$trace"
      "$bin" "${flags[@]}" --hold --trace "$trace" >/dev/null 2>&1 &
      pid=$!
      sleep "$(awk -v ms="$quiet_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
      if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        rc=killed
      else
        wait "$pid"
        rc=$?
      fi
      "$csptrace" validate "$trace" >/dev/null 2>&1 && valid=yes || valid=no
      "$csptrace" export --format jsonl "$trace" -o "$trace.jsonl" >/dev/null 2>&1
      run_one "$k" "$variant" cut "$i" "$rc" "$trace.jsonl" "$trace" "$valid"
    done
  done
  echo "ran $k" >&2
done

# ---- tables -----------------------------------------------------------------------------------
python3 "$here/tables.py" "$runs" "$here/kernels.txt" "$out/results.tsv" "${verify[@]}"
