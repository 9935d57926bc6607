#!/usr/bin/env bash
# Runs cspbench and the Go and Boost.Fiber peers side by side, in one run (A B A B per workload,
# through the peers' own run-all.sh), then prints cspscope's time and memory as ratios to the
# best Go and the best Boost.Fiber configuration of the same run.
#
#   bench/compare_peers.sh                     # all workloads, REPS=3
#   REPS=5 WORKLOADS="pingpong pipeline" bench/compare_peers.sh
#   CSPBENCH_ARGS="--trace /tmp/t.csptrace" bench/compare_peers.sh   # traced runtime
#
# Needs golang-go and libboost-fiber-dev (installed when missing, as scripts/setup.sh does).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=${PEERS_DIR:-$root/../shared/bench-peers}
[[ -x $peers/run-all.sh ]] || { echo "compare_peers: no peer benchmarks at $peers (set PEERS_DIR)" >&2; exit 2; }
CSP_PACKAGES_EXTRA="golang-go libboost-fiber-dev libboost-context-dev" source "$root/scripts/setup.sh"
cspbench=$CSP_BUILD_DIR/bench/runtime/cspbench
label=${LABEL:-cspscope}
results=${RESULTS_DIR:-/tmp/cspscope-peers}
mkdir -p "$results"
out=$results/run-$(date -u +%Y%m%dT%H%M%SZ).txt
OTHER="$label|*|$cspbench ${CSPBENCH_ARGS:-}" RESULTS_DIR=$results "$peers/run-all.sh" | tee "$out"

summary=$(ls -t "$results"/summary-*.md | head -1)
echo
echo "### $label against the best peer configuration of this run (ratio < 1: $label is faster / smaller)"
awk -F'|' -v me="$label" '
  /^\| [a-z_]+ \|/ {
    w=$2; c=$3; ns=$5; rss=$6; gsub(/ /,"",w); gsub(/ /,"",c); gsub(/ /,"",ns); gsub(/ /,"",rss)
    if (c==me) { mine[w]=ns; myrss[w]=rss; order[++n]=w; next }
    fam = (c ~ /^go/) ? "go" : "fiber"
    if (!((w,fam) in best) || ns+0 < best[w,fam]+0) { best[w,fam]=ns; bestc[w,fam]=c }
    if (!((w,fam) in bestrss) || rss+0 < bestrss[w,fam]+0) bestrss[w,fam]=rss
  }
  END {
    printf "| workload | %s ns/op | best Go (config) | ratio | best Boost.Fiber (config) | ratio | RSS ratio vs Go |\n", me
    print  "|---|---:|---:|---:|---:|---:|---:|"
    for (i=1;i<=n;i++) { w=order[i]
      printf "| %s | %s | %s (%s) | %.2f | %s (%s) | %.2f | %.2f |\n", w, mine[w],
        best[w,"go"], bestc[w,"go"], mine[w]/best[w,"go"], best[w,"fiber"], bestc[w,"fiber"],
        mine[w]/best[w,"fiber"], myrss[w]/bestrss[w,"go"] }
  }' "$summary"
echo "raw: $out"
