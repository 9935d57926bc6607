// bench_analysis: how long the analysis takes on a big trace — load, replay (with checkpoints and
// timeline), findings, and random access to the state at any step.
//
//   bench_analysis TRACE [--states N]
// Make a 10 M-event trace of a real run with, e.g.:
//   cspbench -n 1250000 --trace /tmp/big.csptrace pingpong
#include <csptrace/analysis.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_analysis TRACE [--states N]\n");
    return 2;
  }
  long states = 1000;
  for (int i = 2; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--states")) states = std::strtol(argv[i + 1], nullptr, 10);
  try {
    auto t0 = Clock::now();
    csptrace::TraceModel m = csptrace::load_trace(argv[1]);
    double load = seconds_since(t0);

    auto t1 = Clock::now();
    csptrace::Replay replay(m);
    double replay_s = seconds_since(t1);

    auto t2 = Clock::now();
    auto findings = csptrace::analyze(replay);
    double analyze_s = seconds_since(t2);

    // Random access: the cost of one step of the viewer's cursor, anywhere in the run.
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<size_t> pick(0, m.size() - 1);
    auto t3 = Clock::now();
    size_t check = 0;
    for (long i = 0; i < states; ++i) check += replay.state_at(pick(rng)).steps;
    double per_state_us = seconds_since(t3) / double(states) * 1e6;

    const double n = double(m.size());
    std::printf("events=%zu processes=%zu channels=%zu findings=%zu\n", m.size(),
                m.processes().size(), m.channels().size(), findings.size());
    std::printf("load_s=%.3f replay_s=%.3f analyze_s=%.3f analysis_total_s=%.3f\n", load, replay_s,
                analyze_s, replay_s + analyze_s);
    std::printf("replay_ns_per_event=%.1f state_at_us=%.1f (checksum %zu)\n", replay_s / n * 1e9,
                per_state_us, check % 10);
    return 0;
  } catch (const csptrace::TraceError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
