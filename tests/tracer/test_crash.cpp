// A recording program that dies: after SIGKILL the file loads up to the last flush; after a
// fatal signal or std::terminate everything recorded is there, with an end event saying so.
#include <csptrace/trace_reader.hpp>

#include "child_process.hpp"
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

using namespace csptrace;

namespace {

using csp_test::ChildProcess;
using csp_test::wait_ready;
using csp_test::wait_signal;

ChildProcess start(const std::string& file, const std::string& mode, long n) {
  return csp_test::start_child(RECORD_LOOP_EXE, {file, mode, std::to_string(n)});
}

std::string temp(const std::string& name) { return csp_test::temp_path(name); }

// The alt counters of the loop's events are 0, 1, 2, ... with no hole.
void check_contiguous(const TraceModel& m) {
  uint32_t expect = 0;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == EventKind::AltOffer) REQUIRE(m.event(i).alt == expect++);
}

// Runs the helper in idle mode: it records n events, then sleeps; kills it with SIGKILL once
// more than the flush bound (100 ms) has passed, and loads what it left.
TraceModel killed_while_idle(const std::string& file, long n) {
  ChildProcess c = start(file, "idle", n);
  REQUIRE(wait_ready(c));
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  kill(c.pid, SIGKILL);
  REQUIRE(wait_signal(c.pid) == SIGKILL);
  return load_trace(file);
}

}  // namespace

TEST_CASE("after SIGKILL the trace loads as truncated, losing at most the last interval",
          "[recorder][crash]") {
  SECTION("killed while idle: everything recorded more than 100 ms before is in the file") {
    TraceModel m = killed_while_idle(temp("kill-idle.csptrace"), 20000);
    CHECK(!m.complete());
    CHECK(m.size() == 20001);
    check_contiguous(m);
  }
  SECTION("killed while recording: the file loads up to its last whole chunk") {
    const std::string file = temp("kill-busy.csptrace");
    ChildProcess c = start(file, "forever", 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    kill(c.pid, SIGKILL);
    REQUIRE(wait_signal(c.pid) == SIGKILL);
    std::fclose(c.out);
    TraceModel m = load_trace(file);
    CHECK(!m.complete());
    CHECK(m.size() > 1000);
    check_contiguous(m);
  }
}

TEST_CASE("a fatal signal or std::terminate flushes everything and ends the trace",
          "[recorder][crash]") {
  auto [mode, sig, message] = GENERATE(table<std::string, int, std::string>({
      {"segv", SIGSEGV, "killed by SIGSEGV"},
      {"abort", SIGABRT, "killed by SIGABRT"},
      {"throw", SIGABRT, "std::terminate was called"},
  }));
  const std::string file = temp("crash-" + mode + ".csptrace");
  CAPTURE(mode);
  ChildProcess c = start(file, mode, 30000);
  REQUIRE(wait_ready(c));
  REQUIRE(wait_signal(c.pid) == sig);
  TraceModel m = load_trace(file);
  REQUIRE(m.complete());
  CHECK(m.end_reason() == EndReason::Crash);
  CHECK(m.str(m.event(m.size() - 1).message) == message);
  CHECK(m.size() == 30002);
  check_contiguous(m);
}

TEST_CASE("the JSON Lines recorder also survives a fatal signal and SIGKILL", "[recorder][crash]") {
  const std::string file = temp("crash.jsonl");
  ChildProcess c = start(file, "segv", 3000);
  REQUIRE(wait_ready(c));
  REQUIRE(wait_signal(c.pid) == SIGSEGV);
  TraceModel m = load_trace(file);
  REQUIRE(m.complete());
  CHECK(m.end_reason() == EndReason::Crash);
  CHECK(m.str(m.event(m.size() - 1).message) == "killed by SIGSEGV");
  CHECK(m.size() == 3002);
  check_contiguous(m);

  TraceModel cut = killed_while_idle(temp("kill-idle.jsonl"), 3000);
  CHECK(!cut.complete());
  CHECK(cut.size() == 3001);
}
