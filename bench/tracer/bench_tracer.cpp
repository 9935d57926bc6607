// Tracer benchmarks: recording cost per event (1 and 2 threads), bytes per event on disk and
// in memory, load throughput of both encodings. Prints a Markdown table for docs/performance.md.
//
//   build/bench/tracer/bench_tracer [EVENTS] [--record-only]
//
// EVENTS defaults to 4000000 per measurement; --record-only skips the loaders (for profiling the
// recorder under perf or callgrind).
#include <csptrace/binary_recorder.hpp>
#include <csptrace/jsonl_codec.hpp>
#include <csptrace/recorder.hpp>
#include <csptrace/trace_reader.hpp>

#include <sys/resource.h>
#include <time.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif
#include <thread>
#include <vector>

using namespace csptrace;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// CPU time of the calling thread: on a machine shared with other work, wall time measures the
// scheduler as much as the code.
double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// CPU time of every thread of the process: with the writer thread, the recorder's whole cost.
double process_cpu_seconds() {
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  auto sec = [](const timeval& tv) { return double(tv.tv_sec) + double(tv.tv_usec) * 1e-6; };
  return sec(ru.ru_utime) + sec(ru.ru_stime);
}

struct Cost {
  double wall_ns, cpu_ns;
};

// The events of one ping-pong round as the runtime records them: the taker parks (with its
// source location), the putter hands the value over and wakes the taker; the runtime records
// that transfer and resume as one pair (one clock reading for both). Typed: through the
// binary recorder's record_as / record_pair_as, as the runtime does; otherwise through the
// Recorder interface (a virtual call, the kind read at run time).
template <bool Typed>
void ping_pong_round(Recorder& r, StrId loc, ProcId me, ProcId other, ChanId chan, uint32_t i) {
  Event park =
      Event(EventKind::Park).with_proc(other).with_chan(chan).with_op(WaitOp::Take).with_loc(loc);
  Event tr = Event(EventKind::Transfer)
                 .with_chan(chan)
                 .with_from(me)
                 .with_to(other)
                 .with_via(Via::Direct)
                 .with_value(Value::integer(i));
  Event res = Event(EventKind::Resume).with_proc(other).with_partner(me).with_chan(chan);
  if constexpr (Typed) {
    auto& b = static_cast<BinaryRecorder&>(r);
    b.record_as<EventKind::Park>(park);
    b.record_pair_as<EventKind::Transfer, EventKind::Resume>(tr, res);
  } else {
    r.record(park);
    r.record_pair(tr, res);
  }
}

void declare(Recorder& r, int pairs) {
  for (ProcId p = 1; p <= ProcId(2 * pairs); ++p) {
    Event s = Event(EventKind::Spawn)
                  .with_proc(p)
                  .with_name(r.intern("p" + std::to_string(p)))
                  .with_mode(ProcMode::Go);
    r.record(s);
  }
  for (ChanId c = 1; c <= ChanId(pairs); ++c) {
    Event m = Event(EventKind::ChanMake)
                  .with_chan(c)
                  .with_name(r.intern("ball" + std::to_string(c)))
                  .with_buffer(BufferKind::Unbuffered)
                  .with_cap(0);
    r.record(m);
  }
}

// Sustained recording: wall time per event per recording thread, the recording threads' own
// CPU time per event, and the CPU time of the whole process (recording threads and the writer,
// from open to finish) per event recorded.
struct SustainedCost {
  double wall_ns, thread_cpu_ns, process_cpu_ns;
};

// `threads` threads each recording `per_thread` ping-pong events.
template <bool Typed>
SustainedCost record_cost(const std::string& path, int threads, long per_thread) {
  const double cpu0 = process_cpu_seconds();
  auto r = open_recorder(path, {});
  declare(*r, threads);
  const StrId loc = r->intern("pingpong.cpp:12");
  std::vector<std::thread> ts;
  std::vector<double> ns(threads), cpu_ns(threads);
  const long events = per_thread / 3 * 3;
  for (int t = 0; t < threads; ++t)
    ts.emplace_back([&, t] {
      const ProcId me = 2 * t + 1, other = 2 * t + 2;
      auto t0 = Clock::now();
      const double c0 = thread_cpu_seconds();
      for (long i = 0; i < per_thread / 3; ++i)
        ping_pong_round<Typed>(*r, loc, me, other, t + 1, uint32_t(i));
      cpu_ns[t] = (thread_cpu_seconds() - c0) * 1e9 / double(events);
      ns[t] = seconds_since(t0) * 1e9 / double(events);
    });
  for (auto& t : ts) t.join();
  r->finish(EndReason::Normal);
  r.reset();
  const double cpu = process_cpu_seconds() - cpu0;
  double wall = 0, thread_cpu = 0;
  for (int t = 0; t < threads; ++t) wall += ns[t], thread_cpu += cpu_ns[t];
  return {wall / threads, thread_cpu / threads, cpu * 1e9 / double(events * threads)};
}

// ns per record() on the hot path alone: bursts that fit the thread's ring, the writer drained
// (flush) between bursts outside the timed part. Besides the means, the median burst's wall
// time: a burst lasts ~50 us, so on a loaded machine most bursts run without being preempted
// and the median shows the code's cost rather than the scheduler's.
struct BurstCost {
  double wall_ns, cpu_ns, median_wall_ns;
};
// Not inlined, so that callgrind can measure it alone (--toggle-collect).
template <bool Typed>
[[gnu::noinline]] BurstCost record_cost_burst(const std::string& path, long total) {
  auto r = open_recorder(path, {});
  declare(*r, 1);
  const StrId loc = r->intern("pingpong.cpp:12");
  constexpr long kBurst = 1998;  // a multiple of 3 below half a ring
  double wall = 0, cpu = 0;
  std::vector<double> bursts;
  long done = 0;
  for (; done < total; done += kBurst) {
    auto t0 = Clock::now();
    double c0 = thread_cpu_seconds();
    for (long i = 0; i < kBurst / 3; ++i) ping_pong_round<Typed>(*r, loc, 1, 2, 1, uint32_t(i));
    cpu += thread_cpu_seconds() - c0;
    const double w = seconds_since(t0);
    wall += w;
    bursts.push_back(w);
    r->flush();
  }
  r->finish(EndReason::Normal);
  std::nth_element(bursts.begin(), bursts.begin() + bursts.size() / 2, bursts.end());
  return {wall * 1e9 / double(done), cpu * 1e9 / double(done),
          bursts[bursts.size() / 2] * 1e9 / double(kBurst)};
}

// The two costs every record() pays whatever the encoding: reading the clock and taking a seq.
double rdtsc_ns() {
#if defined(__x86_64__)
  constexpr long kN = 5000000;
  uint64_t sink = 0;
  auto t0 = Clock::now();
  for (long i = 0; i < kN; ++i) sink += __rdtsc();
  double ns = seconds_since(t0) * 1e9 / kN;
  return sink == 1 ? 0 : ns;
#else
  return 0;
#endif
}

double fetch_add_ns(int threads) {
  constexpr long kN = 5000000;
  std::atomic<uint64_t> seq{0};
  std::vector<std::thread> ts;
  auto t0 = Clock::now();
  for (int t = 0; t < threads; ++t)
    ts.emplace_back([&] {
      for (long i = 0; i < kN; ++i) seq.fetch_add(1, std::memory_order_relaxed);
    });
  for (auto& t : ts) t.join();
  return seconds_since(t0) * 1e9 / kN;  // per operation, per thread
}

void to_jsonl(const TraceModel& m, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  out << encode_jsonl_header(m.header()) << '\n';
  for (size_t i = 0; i < m.size(); ++i) out << encode_jsonl_event(m.event(i), m.strings()) << '\n';
}

// Events per second, wall and CPU time (best of 3).
Cost load_rate(const std::string& path, size_t& events, size_t& mem) {
  double best_wall = 1e30, best_cpu = 1e30;
  for (int rep = 0; rep < 3; ++rep) {
    auto t0 = Clock::now();
    double c0 = thread_cpu_seconds();
    TraceModel m = load_trace(path);
    best_cpu = std::min(best_cpu, thread_cpu_seconds() - c0);
    best_wall = std::min(best_wall, seconds_since(t0));
    events = m.size();
    mem = m.memory_bytes();
  }
  return {double(events) / best_wall, double(events) / best_cpu};
}

}  // namespace

int main(int argc, char** argv) {
  long n = 4000000;
  bool record_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--record-only")
      record_only = true;
    else if (long v = std::atol(argv[i]); v > 0)
      n = v;
    else {
      std::fprintf(stderr, "usage: %s [EVENTS] [--record-only]\n", argv[0]);
      return 2;
    }
  }
  const auto dir = std::filesystem::temp_directory_path();
  const std::string bin = (dir / "bench-tracer.csptrace").string();
  const std::string jsonl = (dir / "bench-tracer.jsonl").string();
  const std::string bin2 = (dir / "bench-tracer-2.csptrace").string();

  record_cost<true>(bin, 1, n / 10);  // warm-up: clock calibration, page cache
  const BurstCost burst = record_cost_burst<true>(bin, n / 4);
  const BurstCost burst_virtual = record_cost_burst<false>(bin, n / 4);
  const SustainedCost one = record_cost<true>(bin, 1, n);
  const SustainedCost two = record_cost<true>(bin2, 2, n / 2);
  if (record_only) {
    std::printf(
        "hot path %.1f ns/event (median burst %.1f, thread CPU %.1f); through Recorder "
        "(virtual) %.1f (median burst %.1f); sustained 1 thread %.1f ns/event (thread CPU "
        "%.1f, process CPU %.1f); 2 threads %.1f ns/event per thread (thread CPU %.1f, "
        "process CPU %.1f)\n",
        burst.wall_ns, burst.median_wall_ns, burst.cpu_ns, burst_virtual.wall_ns,
        burst_virtual.median_wall_ns, one.wall_ns, one.thread_cpu_ns, one.process_cpu_ns,
        two.wall_ns, two.thread_cpu_ns, two.process_cpu_ns);
    std::filesystem::remove(bin);
    std::filesystem::remove(bin2);
    return 0;
  }
  const SustainedCost jsonl_rec =
      record_cost<false>((dir / "bench-tracer-rec.jsonl").string(), 1, n / 10);

  size_t events = 0, mem = 0;
  const Cost bin_rate = load_rate(bin, events, mem);
  const auto bin_bytes = std::filesystem::file_size(bin);
  to_jsonl(load_trace(bin), jsonl);
  size_t jevents = 0, jmem = 0;
  const Cost jsonl_rate = load_rate(jsonl, jevents, jmem);
  const auto jsonl_bytes = std::filesystem::file_size(jsonl);

  std::printf("command: %s %ld\n\n", argv[0], n);
  std::printf("| measure | value |\n|---|---|\n");
  std::printf(
      "| record_as(), hot path: bursts that fit the ring (binary; the runtime's path) | %.1f "
      "ns/event (median burst %.1f, thread CPU %.1f) |\n",
      burst.wall_ns, burst.median_wall_ns, burst.cpu_ns);
  std::printf(
      "| record() through the Recorder interface, hot path (binary) | %.1f ns/event (median burst "
      "%.1f, thread CPU %.1f) |\n",
      burst_virtual.wall_ns, burst_virtual.median_wall_ns, burst_virtual.cpu_ns);
  std::printf(
      "| record_as(), 1 thread, sustained (binary) | %.1f ns/event (thread CPU %.1f, process CPU "
      "%.1f) |\n",
      one.wall_ns, one.thread_cpu_ns, one.process_cpu_ns);
  std::printf(
      "| record_as(), 2 threads, sustained (binary) | %.1f ns/event per thread (thread CPU %.1f, "
      "process CPU %.1f per event) |\n",
      two.wall_ns, two.thread_cpu_ns, two.process_cpu_ns);
  std::printf("| record(), 1 thread (JSON Lines recorder) | %.1f ns/event |\n", jsonl_rec.wall_ns);
  std::printf("| of which: rdtsc | %.1f ns |\n", rdtsc_ns());
  std::printf("| of which: seq fetch_add, 1 thread / 2 threads contending | %.1f / %.1f ns |\n",
              fetch_add_ns(1), fetch_add_ns(2));
  std::printf("| on disk, binary (ping-pong) | %.2f bytes/event |\n", double(bin_bytes) / events);
  std::printf("| on disk, JSON Lines (ping-pong) | %.1f bytes/event |\n",
              double(jsonl_bytes) / jevents);
  std::printf("| in memory (TraceModel) | %.1f bytes/event |\n", double(mem) / events);
  std::printf("| load, binary | %.1f M events/s (thread CPU: %.1f M/s) |\n", bin_rate.wall_ns / 1e6,
              bin_rate.cpu_ns / 1e6);
  std::printf("| load, JSON Lines | %.2f M events/s (thread CPU: %.2f M/s) |\n",
              jsonl_rate.wall_ns / 1e6, jsonl_rate.cpu_ns / 1e6);
  for (const auto& p : {bin, bin2, jsonl}) std::filesystem::remove(p);
  return 0;
}
