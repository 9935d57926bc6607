// bench_diff: what comparing two big runs costs, against the target (two 1 M-event
// traces in at most 2 s of CPU and at most twice the memory of loading both).
//
//   bench_diff A B
// Loads A and B, then runs diff_traces once, and prints the load and diff times (wall and this
// thread's CPU) and the peak resident memory after loading both and after the diff (VmHWM).
// docs/performance.md, "Comparing two runs", has the traces and the command to make them.
#include <csptrace/trace_diff.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// Peak resident memory of this process so far, in MB (VmHWM of /proc/self/status).
double peak_rss_mb() {
  std::ifstream in("/proc/self/status");
  std::string key;
  long kb = 0;
  while (in >> key) {
    if (key == "VmHWM:") {
      in >> kb;
      break;
    }
  }
  return double(kb) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: bench_diff A B\n");
    return 2;
  }
  try {
    const auto t0 = Clock::now();
    const double c0 = thread_cpu_s();
    const csptrace::TraceModel a = csptrace::load_trace(argv[1]);
    const csptrace::TraceModel b = csptrace::load_trace(argv[2]);
    const double load_cpu = thread_cpu_s() - c0;
    const double load_wall = std::chrono::duration<double>(Clock::now() - t0).count();
    const double loaded_mb = peak_rss_mb();

    const auto t1 = Clock::now();
    const double c1 = thread_cpu_s();
    const csptrace::TraceDiff d = csptrace::diff_traces(a, b);
    const double diff_cpu = thread_cpu_s() - c1;
    const double diff_wall = std::chrono::duration<double>(Clock::now() - t1).count();
    const double peak_mb = peak_rss_mb();

    std::printf("events: A %zu, B %zu; equivalent=%d, processes differing %zu, channels %zu\n",
                a.size(), b.size(), d.equivalent() ? 1 : 0, d.processes.size(), d.channels.size());
    std::printf("load: cpu %.3f s, wall %.3f s; diff: cpu %.3f s, wall %.3f s\n", load_cpu,
                load_wall, diff_cpu, diff_wall);
    std::printf("peak rss: after loading both %.1f MB, after the diff %.1f MB (%.2fx)\n", loaded_mb,
                peak_mb, peak_mb / loaded_mb);
    return 0;
  } catch (const csptrace::TraceError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
