#!/usr/bin/env bash
# Before/after comparison of two cspbench binaries: each workload run alternately A B A B ...
# (REPS times each, default 5), printing both medians, their ranges and the ratio B/A of the
# medians. Interleaving spreads the host's slow phases over both sides.
#
#   bench/runtime/ab.sh OLD/cspbench NEW/cspbench [workload ...]
#   REPS=7 ARGS="--workers 1" bench/runtime/ab.sh a b pingpong pipeline
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 A_CSPBENCH B_CSPBENCH [workload ...]" >&2; exit 2; }
a=$1 b=$2
shift 2
workloads=("$@")
[[ ${#workloads[@]} -gt 0 ]] || workloads=(pingpong buffered fanin_select fanin_shared pipeline sieve spawn_parked)
reps=${REPS:-5}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
stats() { sort -g | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%s %s %s\n", m, v[1], v[NR]}'; }
echo "| workload | A median ns/op (min-max) | B median ns/op (min-max) | B/A |"
echo "|---|---:|---:|---:|"
for w in "${workloads[@]}"; do
  ra=() rb=()
  for ((i = 0; i < reps; ++i)); do
    # shellcheck disable=SC2086
    ra+=("$("$a" ${ARGS:-} "$w" | field ns_per_op)")
    # shellcheck disable=SC2086
    rb+=("$("$b" ${ARGS:-} "$w" | field ns_per_op)")
  done
  read -r ma lo_a hi_a < <(printf '%s\n' "${ra[@]}" | stats)
  read -r mb lo_b hi_b < <(printf '%s\n' "${rb[@]}" | stats)
  printf '| %s | %s (%s-%s) | %s (%s-%s) | %.2f |\n' "$w" "$ma" "$lo_a" "$hi_a" "$mb" "$lo_b" "$hi_b" \
    "$(awk -v x="$mb" -v y="$ma" 'BEGIN{print x/y}')"
done
