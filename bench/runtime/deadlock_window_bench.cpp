// How soon the flight recorder's window is on disk after a deadlock (issue 25, docs/long-runs.md:
// within 50 ms for a 64 MiB window). Each run plays ping-pong with a ring of RING_MIB MiB for
// ROUNDS round trips (enough to wrap the ring), then both processes wait for each other: the
// pinger for a pong, the ponger for a ping. Two times are taken from the later of the two
// moments just before they park: to the window's rename onto the trace path (seen through
// inotify, so it holds the runtime's detection and the whole write), and to csp::run's return
// (the runtime's teardown too). The window's size is the file's. Prints every run, then the
// medians and the spread.
//
//   deadlock_window_bench [RUNS] [RING_MIB] [ROUNDS] [DIR]
#include <csp/csp.hpp>

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

// The time a file named name is renamed into dir, or 0 when stop is set first.
int64_t watch_rename(const std::string& dir, const std::string& name, const std::atomic<bool>& stop,
                     std::atomic<bool>& ready) {
  const int fd = inotify_init1(IN_CLOEXEC);
  if (fd < 0 || inotify_add_watch(fd, dir.c_str(), IN_MOVED_TO) < 0) {
    std::perror(("deadlock_window_bench: cannot watch " + dir + " with inotify").c_str());
    std::exit(1);
  }
  ready = true;
  alignas(inotify_event) char buf[4096];
  int64_t seen = 0;
  while (!seen && !stop) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 20) <= 0) continue;
    const ssize_t n = read(fd, buf, sizeof buf);
    const int64_t t = now_ns();
    for (ssize_t at = 0; at < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buf + at);
      if (e->len && name == e->name) seen = t;
      at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
    }
  }
  close(fd);
  return seen;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
  const uint64_t ring_mib = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 64;
  const long rounds = argc > 3 ? std::atol(argv[3]) : 3'000'000;
  const std::string dir = argc > 4 ? argv[4] : std::filesystem::temp_directory_path().string();
  const std::string path = dir + "/deadlock_window_bench.csptrace";
  std::vector<double> written_ms, returned_ms;
  for (int r = 0; r < runs; ++r) {
    std::filesystem::remove(path);
    std::atomic<bool> stop{false}, ready{false};
    int64_t renamed = 0;
    std::thread watcher(
        [&] { renamed = watch_rename(dir, "deadlock_window_bench.csptrace", stop, ready); });
    while (!ready) std::this_thread::yield();
    csp::Options opt;
    opt.trace_path = path;
    opt.trace_ring_bytes = ring_mib << 20;
    opt.program = "deadlock_window_bench";
    std::atomic<int64_t> last_park{0};
    auto parking = [&last_park] {
      const int64_t t = now_ns();
      int64_t seen = last_park.load();
      while (seen < t && !last_park.compare_exchange_weak(seen, t)) {
      }
    };
    const csp::RunResult result = csp::run(opt, [&]() -> csp::Proc<void> {
      auto ping = csp::chan<long>("ping"), pong = csp::chan<long>("pong");
      auto ponger = csp::go("ponger", [=]() -> csp::Proc<void> {
        while (auto v = co_await ping.take()) {
          if (*v < 0) {
            parking();
            (void)co_await ping.take();  // nobody puts again: stuck
          }
          co_await pong.put(*v + 1);
        }
      });
      auto pinger = csp::go("pinger", [=]() -> csp::Proc<void> {
        long ball = 0;
        for (long i = 0; i < rounds; ++i) {
          co_await ping.put(ball);
          ball = *co_await pong.take();
        }
        co_await ping.put(-1);
        parking();
        (void)co_await pong.take();  // the ponger never answers: stuck
      });
      co_await pinger.take();
      co_await ponger.take();
    });
    const int64_t returned = now_ns();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the last inotify event
    stop = true;
    watcher.join();
    if (result.status != csp::RunStatus::Deadlock) {
      std::fprintf(stderr, "deadlock_window_bench: run %d ended without a deadlock: %s\n", r + 1,
                   result.message.c_str());
      return 1;
    }
    if (renamed == 0) {
      std::fprintf(stderr, "deadlock_window_bench: run %d: no window was renamed onto %s\n", r + 1,
                   path.c_str());
      return 1;
    }
    const double written = double(renamed - last_park.load()) / 1e6;
    const double back = double(returned - last_park.load()) / 1e6;
    const double mib = double(std::filesystem::file_size(path)) / double(1 << 20);
    std::printf(
        "run %d: window %.1f MiB on disk %.1f ms after the last process parked; run returned "
        "after %.1f ms\n",
        r + 1, mib, written, back);
    std::fflush(stdout);
    written_ms.push_back(written);
    returned_ms.push_back(back);
  }
  std::filesystem::remove(path);
  std::printf(
      "ring %ju MiB, %d runs: window on disk median %.1f ms (min %.1f, max %.1f); run returned "
      "median %.1f ms\n",
      static_cast<uintmax_t>(ring_mib), runs, median(written_ms),
      *std::min_element(written_ms.begin(), written_ms.end()),
      *std::max_element(written_ms.begin(), written_ms.end()), median(returned_ms));
  return 0;
}
