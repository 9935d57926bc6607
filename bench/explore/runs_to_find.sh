#!/usr/bin/env bash
# Runs to the first failing run, random against PCT, on each deadlocking sample: the median
# (and spread) over SEEDS exploration seeds (base seeds 0, 1000, 2000, ...), at most MAX runs
# each. Usage: bench/explore/runs_to_find.sh BUILD_DIR [SEEDS=20] [MAX=5000]
set -euo pipefail
build=${1:?build folder}
seeds=${2:-20}
max=${3:-5000}
csptrace="$build/tracer/cli/csptrace"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {  # strategy sample args... -> runs to find (or ">max")
  local strategy=$1 seed=$2; shift 2
  local out
  out=$("$csptrace" explore --strategy "$strategy" --seed "$seed" --runs "$max" --no-shrink \
          -o "$tmp/f.csptrace" -- "$@" || true)
  echo "$out" | sed -n 's/^found in run \([0-9 ]*\) (.*/\1/p' | tr -d ' ' | grep . || echo "$max+"
}
stats() { printf '%s\n' "$@" | sed 's/+$//' | sort -g | awk '{a[NR]=$1} END {printf "median %5d  (min %d, max %d)", a[int((NR+1)/2)], a[1], a[NR]}'; }
printf '%-30s %-40s %s\n' sample random pct
for spec in "cycle" "lost_message" "timeout_leak" "philosophers --deadlock" "bank_transfer" \
            "bank_transfer --audit-steps 24"; do
  read -r sample args <<< "$spec"
  r=() p=()
  for ((s = 0; s < seeds; s++)); do  # interleaved: random then pct for each seed
    r+=("$(run random $((s * 1000)) "$build/samples/$sample" $args)")
    p+=("$(run pct $((s * 1000)) "$build/samples/$sample" $args)")
  done
  printf '%-30s %-40s %s\n' "$spec" "$(stats "${r[@]}")" "$(stats "${p[@]}")"
done
