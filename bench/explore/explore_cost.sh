#!/usr/bin/env bash
# Exploration cost per run against a plain seeded run of the same program, process start
# included: N runs of `csptrace explore -- PROGRAM` (no failure: the program is correct) against
# N runs of `PROGRAM --seed i --trace T` in a shell loop (as a user would, and again with the
# clock calibration skipped as explore does), interleaved, REPS times; prints each side's median
# time per run with the spread, and the ratios of the medians.
# Usage: bench/explore/explore_cost.sh BUILD_DIR [PROGRAM=samples/pingpong] [N=300] [REPS=5]
set -euo pipefail
build=${1:?build folder}
program=${2:-samples/pingpong}
n=${3:-300}
reps=${4:-5}
csptrace="$build/tracer/cli/csptrace"
prog="$build/$program"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
explore=() plain=() plainmono=()
for ((r = 0; r < reps; r++)); do
  t0=$(date +%s.%N)
  "$csptrace" explore --runs "$n" -o "$tmp/found.csptrace" -- "$prog" > /dev/null
  t1=$(date +%s.%N)
  for ((i = 0; i < n; i++)); do "$prog" --seed "$i" --trace "$tmp/plain.csptrace" > /dev/null; done
  t2=$(date +%s.%N)
  for ((i = 0; i < n; i++)); do
    CSP_TRACE_CLOCK=monotonic "$prog" --seed "$i" --trace "$tmp/plain.csptrace" > /dev/null
  done
  t3=$(date +%s.%N)
  plainmono+=("$(echo "($t3 - $t2) / $n" | bc -l)")
  explore+=("$(echo "($t1 - $t0) / $n" | bc -l)")
  plain+=("$(echo "($t2 - $t1) / $n" | bc -l)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "%.3f ms (min %.3f, max %.3f)", a[int((NR+1)/2)]*1000, a[1]*1000, a[NR]*1000}'; }
med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "$program, $n runs x $reps repetitions, per run:"
echo "  csptrace explore (random)     $(median "${explore[@]}")"
echo "  plain --seed i --trace        $(median "${plain[@]}")"
echo "  plain, CSP_TRACE_CLOCK=monotonic $(median "${plainmono[@]}")"
echo "  ratio explore / plain         $(echo "$(med "${explore[@]}") / $(med "${plain[@]}")" | bc -l | cut -c1-5)"
echo "  ratio explore / plain (same clock) $(echo "$(med "${explore[@]}") / $(med "${plainmono[@]}")" | bc -l | cut -c1-5)"
