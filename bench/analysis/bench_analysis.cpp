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
#include <ctime>

#include <sys/resource.h>
#include <random>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU time of this thread: on a shared, loaded machine the steadier measure of the code's cost
// (wall time also counts the time other processes held the core).
double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// Of that, the time spent in the kernel (mostly faulting in fresh pages of the timeline).
double thread_sys_s() {
  rusage ru{};
  getrusage(RUSAGE_THREAD, &ru);
  return double(ru.ru_stime.tv_sec) + double(ru.ru_stime.tv_usec) * 1e-6;
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
    const double c1 = thread_cpu_s(), k1 = thread_sys_s();
    csptrace::Replay replay(m);
    double replay_s = seconds_since(t1);
    const double replay_cpu = thread_cpu_s() - c1, replay_sys = thread_sys_s() - k1;

    auto t2 = Clock::now();
    const double c2 = thread_cpu_s(), k2 = thread_sys_s();
    auto findings = csptrace::analyze(replay);
    double analyze_s = seconds_since(t2);
    const double analyze_cpu = thread_cpu_s() - c2, analyze_sys = thread_sys_s() - k2;

    // Random access: the cost of one step of the viewer's cursor, anywhere in the run.
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<size_t> pick(0, m.size() - 1);
    auto t3 = Clock::now();
    size_t check = 0;
    for (long i = 0; i < states; ++i) check += replay.state_at(pick(rng)).steps;
    double per_state_us = seconds_since(t3) / double(states) * 1e6;

    // What the replay wrote: the timeline and the checkpoints' top-level arrays.
    const csptrace::Timeline& tl = replay.timeline();
    size_t intervals = 0, steps = 0;
    for (uint32_t p = 0; p < m.processes().size(); ++p) intervals += tl.intervals(p).size();
    for (uint32_t c = 0; c < m.channels().size(); ++c) steps += tl.occupancy(c).size();
    const double timeline_mb = double(tl.memory_bytes()) / 1e6;
    const size_t checkpoints =
        (m.size() + replay.checkpoint_interval() - 1) / replay.checkpoint_interval();
    const double checkpoint_mb = double(checkpoints) *
                                 double(m.processes().size() * sizeof(csptrace::ProcessState) +
                                        m.channels().size() * sizeof(csptrace::ChannelState)) /
                                 1e6;
    const double n = double(m.size());
    std::printf("events=%zu processes=%zu channels=%zu findings=%zu\n", m.size(),
                m.processes().size(), m.channels().size(), findings.size());
    std::printf("load_s=%.3f replay_s=%.3f analyze_s=%.3f analysis_total_s=%.3f\n", load, replay_s,
                analyze_s, replay_s + analyze_s);
    std::printf("cpu: replay_s=%.3f analyze_s=%.3f analysis_total_s=%.3f (of which kernel %.3f)\n",
                replay_cpu, analyze_cpu, replay_cpu + analyze_cpu, replay_sys + analyze_sys);
    std::printf(
        "timeline: intervals=%zu occupancy_steps=%zu rendezvous=%zu (%.0f MB); "
        "checkpoints=%zu (%.0f MB of process and channel states)\n",
        intervals, steps, tl.rendezvous().size(), timeline_mb, checkpoints, checkpoint_mb);
    std::printf("replay_ns_per_event=%.1f state_at_us=%.1f (checksum %zu)\n", replay_s / n * 1e9,
                per_state_us, check % 10);
    return 0;
  } catch (const csptrace::TraceError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
