// How long a dump takes (docs/long-runs.md, "Dump a hung program"): N go processes parked, half
// on a take from a channel of their own, half in an alt over a shared channel and a full buffer
// of their own (one value each), then csp::dump_state REPEAT times; prints the medians of the
// dump's time and of the time the channels were held, and the file's size.
//
//   dump_bench N [REPEAT] [DIR]
#include <csp/csp.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int repeat = argc > 2 ? std::atoi(argv[2]) : 5;
  const std::string dir = argc > 3 ? argv[3] : std::filesystem::temp_directory_path().string();
  csp::Options opt;
  opt.dump_on_signal = true;
  opt.program = "dump_bench";
  std::vector<double> ms, held;
  std::uintmax_t bytes = 0;
  csp::RunResult r = csp::run(opt, [&] {
    auto release = csp::chan<int>("release");
    std::vector<csp::Chan<int>> keep;
    for (int i = 0; i < n; ++i) {
      auto own = csp::chan<int>("own", csp::fixed(1));
      if (i % 2 == 1) own.put_blocking(i);
      keep.push_back(own);
      if (i % 2 == 0)
        csp::spawn("taker", [=]() -> csp::Proc<void> { (void)co_await own.take(); });
      else
        csp::spawn("chooser", [=]() -> csp::Proc<void> {
          (void)co_await csp::alts(csp::take(release), csp::put(own, -1));
        });
    }
    (void)csp::timeout(std::chrono::milliseconds(200)).take_blocking();
    for (int k = 0; k < repeat; ++k) {
      const std::string path = dir + "/dump_bench." + std::to_string(k) + ".csptrace";
      const csp::DumpWritten w = csp::dump_state(path);
      ms.push_back(w.ms);
      held.push_back(w.held_ms);
      bytes = std::filesystem::file_size(path);
      std::filesystem::remove(path);
    }
    release.close();
    for (auto& c : keep) c.close();
  });
  std::sort(ms.begin(), ms.end());
  std::sort(held.begin(), held.end());
  std::printf(
      "%d processes, %d channels: dump median %.2f ms (min %.2f, max %.2f), channels held "
      "median %.2f ms, %ju bytes\n",
      n, n + 1, ms[ms.size() / 2], ms.front(), ms.back(), held[held.size() / 2], bytes);
  return r.ok() ? 0 : 1;
}
