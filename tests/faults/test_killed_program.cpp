// A traced runtime program killed mid-run (SIGKILL, SIGSEGV, SIGABRT), in both encodings: its
// trace loads; after SIGKILL it is reported truncated and holds everything recorded more than
// the flush bound (100 ms: binary chunks every 20 ms, JSON Lines flushes every 50 ms) before
// the kill; after a fatal signal the crash flush writes everything and an end event saying so.
#include <csptrace/trace_reader.hpp>

#include "child_process.hpp"
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

using namespace csptrace;

namespace {

constexpr long kRounds = 2000;

// Starts the program tracing to `file`, waits for "ready" (kRounds round trips recorded), waits
// past the flush bound, sends `sig`, and returns how the program ended.
int run_and_kill(const std::string& file, int sig) {
  csp_test::ChildProcess c =
      csp_test::start_child(FAULT_PROGRAM_EXE, {file, std::to_string(kRounds)});
  const bool ready = csp_test::wait_ready(c);
  if (ready) std::this_thread::sleep_for(std::chrono::milliseconds(150));
  kill(c.pid, sig);
  const int ended_by = csp_test::wait_signal(c.pid);
  REQUIRE(ready);
  return ended_by;
}

size_t transfers_on(const TraceModel& m, const std::string& chan) {
  size_t n = 0;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == EventKind::Transfer && m.str(m.channels()[m.chan_index(i)].name) == chan) ++n;
  return n;
}

}  // namespace

TEST_CASE("a traced program killed mid-run leaves a trace that loads", "[faults][crash]") {
  auto [ext, sig] = GENERATE(table<std::string, int>({
      {".csptrace", SIGKILL},
      {".jsonl", SIGKILL},
      {".csptrace", SIGSEGV},
      {".jsonl", SIGSEGV},
      {".csptrace", SIGABRT},
      {".jsonl", SIGABRT},
  }));
  CAPTURE(ext, sig);
  const std::string file = csp_test::temp_path("killed" + ext);
  REQUIRE(run_and_kill(file, sig) == sig);
  TraceModel m = load_trace(file);
  if (sig == SIGKILL) {
    CHECK_FALSE(m.complete());
    CHECK(m.end_reason() == EndReason::Truncated);
  } else {
    REQUIRE(m.complete());
    CHECK(m.end_reason() == EndReason::Crash);
    const std::string expect = sig == SIGSEGV ? "killed by SIGSEGV" : "killed by SIGABRT";
    CHECK(m.str(m.event(m.size() - 1).message) == expect);
  }
  // Every round trip before "ready" was recorded more than the flush bound before the signal.
  CHECK(transfers_on(m, "ping") >= size_t(kRounds));
  CHECK(transfers_on(m, "pong") >= size_t(kRounds));
  std::filesystem::remove(file);
}
