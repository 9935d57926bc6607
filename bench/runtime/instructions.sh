#!/usr/bin/env bash
# Instructions per operation of every cspbench workload on one worker, counted by callgrind:
# repeatable whatever else the machine does, so a change to the runtime's hot paths is compared
# before and after by count, beside the timed, interleaved runs of compare_peers.sh.
#
#   bench/runtime/instructions.sh [CSPBENCH]          # default: build/bench/runtime/cspbench
#   bench/runtime/instructions.sh old/cspbench new/cspbench   # two binaries side by side
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bins=("$@")
[[ ${#bins[@]} -gt 0 ]] || bins=("$root/build/bench/runtime/cspbench")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# workload and size: small enough for callgrind, large enough that start-up is noise.
runs=("pingpong 20000" "buffered 100000" "fanin_select 20000" "fanin_shared 20000"
      "pipeline 2000" "sieve 300" "spawn_parked 20000"
      "pingpong 20000 traced" "pipeline 2000 traced")
count() {  # bin workload n [traced] -> instructions per op
  local bin=$1 w=$2 n=$3 extra=()
  [[ ${4:-} == traced ]] && extra=(--trace "$work/t.csptrace")
  local out
  out=$(valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$bin" --workers 1 -n "$n" "${extra[@]}" "$w" 2>&1)
  local refs ops
  refs=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' <<<"$out")
  ops=$(sed -n 's/.* ops=\([0-9]*\).*/\1/p' <<<"$out")
  awk -v r="$refs" -v o="$ops" 'BEGIN { printf "%.1f", r / o }'
}
printf '| workload |'; for b in "${bins[@]}"; do printf ' %s |' "$b"; done; echo
printf '|---|'; for b in "${bins[@]}"; do printf -- '---:|'; done; echo
for r in "${runs[@]}"; do
  read -r w n t <<<"$r"
  printf '| %s%s |' "$w" "${t:+ (traced)}"
  for b in "${bins[@]}"; do printf ' %s |' "$(count "$b" "$w" "$n" "${t:-}")"; done
  echo
done
