#!/usr/bin/env bash
# Every benchmark of docs/performance.md in one go, on this machine, with the figures printed as
# they are measured. Takes 10-15 minutes on 2 cores; run it on an otherwise idle machine.
#
#   bench/run_all.sh                 # everything
#   SKIP_PEERS=1 bench/run_all.sh    # without the Go / Boost.Fiber side-by-side run
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/setup.sh"
b=$CSP_BUILD_DIR
cmake --build "$b" --target benches -- -j"$(nproc)"
work=${BENCH_DIR:-/tmp/cspscope-bench}
mkdir -p "$work"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "### machine"
echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') x $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ -z ${SKIP_PEERS:-} ]]; then
  echo "### cspscope beside Go and Boost.Fiber (bench/compare_peers.sh)"
  "$root/bench/compare_peers.sh"
  echo "### ping-pong with tracing on, beside untraced Go and Boost.Fiber (bench/compare_peers.sh)"
  LABEL=cspscope-traced REPS=5 WORKLOADS=pingpong \
    CSPBENCH_ARGS="--trace $work/pingpong-beside-go.csptrace" "$root/bench/compare_peers.sh"
fi

echo "### tracing on / off (cspbench, pool scheduler, 5 runs each, interleaved)"
for w in pingpong pipeline; do
  off=() on=()
  for i in 1 2 3 4 5; do
    off+=("$("$b/bench/runtime/cspbench" "$w" | field ns_per_op)")
    on+=("$("$b/bench/runtime/cspbench" --trace "$work/$w.csptrace" "$w" | field ns_per_op)")
  done
  m_off=$(printf '%s\n' "${off[@]}" | median)
  m_on=$(printf '%s\n' "${on[@]}" | median)
  events=$("$b/tracer/csptrace" stats --json "$work/$w.csptrace" | sed -n 's/.*"events": *\([0-9]*\).*/\1/p' | head -1)
  echo "$w: untraced ${m_off} ns/op, traced ${m_on} ns/op, ratio $(awk -v a="$m_on" -v b="$m_off" 'BEGIN{printf "%.2f", a/b}'), trace: ${events} events, $(stat -c %s "$work/$w.csptrace") bytes"
done

echo "### tracer (bench_tracer)"
"$b/bench/tracer/bench_tracer"

echo "### analysis on 10 M events of a real run (ping-pong records 6 per round trip) (bench_analysis)"
"$b/bench/runtime/cspbench" -n 1666667 --trace "$work/big.csptrace" pingpong >/dev/null
"$b/bench/analysis/bench_analysis" "$work/big.csptrace"

if [[ -x $b/bench/viewer/viewer_bench ]]; then
  echo "### viewer: first frame and redraw on 5 M events of a real run (viewer_bench)"
  "$b/bench/runtime/cspbench" -n 833334 --trace "$work/5m.csptrace" pingpong >/dev/null
  QT_QPA_PLATFORM=offscreen "$b/bench/viewer/viewer_bench" --trace "$work/5m.csptrace"
fi
