// Dumps of a hung program on SIGUSR1 (issue 25): a program in a partial deadlock (two
// processes stuck on each other while a third works on, so the runtime's global detector is
// silent) runs for a few seconds; the test sends SIGUSR1, and `csptrace check` on the dump names
// the two stuck processes, their channels and the lines they wait at.
#include <csptrace/trace_reader.hpp>

#include "child_process.hpp"
#include "partial_deadlock.hpp"
#include "run_command.hpp"
#include "temp_path.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

using namespace csptrace;
using csp_test::line_of;
using csp_test::run_csptrace;
using csp_test::wait_for_file;

namespace {

// Whether the child is still running (not reaped).
bool running(pid_t pid) { return ::waitpid(pid, nullptr, WNOHANG) == 0; }

}  // namespace

TEST_CASE("SIGUSR1 dumps a program hung in a partial deadlock: check names the stuck pair",
          "[faults][dump]") {
  const std::vector<std::string> scheduler =
      GENERATE(std::vector<std::string>{}, std::vector<std::string>{"--seed", "7"});
  const std::string ext = GENERATE(as<std::string>{}, ".csptrace", ".jsonl");
  CAPTURE(scheduler, ext);
  const std::string base = csp_test::temp_path("hung" + ext);
  const std::string dump = base.substr(0, base.size() - ext.size()) + ".1" + ext;
  std::vector<std::string> args{"3", base};
  args.insert(args.end(), scheduler.begin(), scheduler.end());
  csp_test::ChildProcess c = csp_test::start_child(PARTIAL_DEADLOCK_EXE, args);
  REQUIRE(csp_test::wait_ready(c));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the pair parks meanwhile
  REQUIRE(::kill(c.pid, SIGUSR1) == 0);
  REQUIRE(wait_for_file(dump, std::chrono::seconds(10)));
  CHECK(running(c.pid));  // the dump does not stop the program
  CHECK(csp_test::wait_signal(c.pid) == -1);

  TraceModel m = load_trace(dump);
  REQUIRE(m.complete());
  CHECK(m.end_reason() == EndReason::Snapshot);
  CHECK_THAT(m.header().snapshot, Catch::StartsWith("SIGUSR1 to process"));

  const std::string left = line_of("WAIT-LEFT"), right = line_of("WAIT-RIGHT");
  const std::string text = run_csptrace("check " + dump).out;
  const size_t at = text.find("error: wait-cycle");
  REQUIRE(at != std::string::npos);
  const std::string cycle_text = text.substr(at, text.find("\n\n", at) - at);
  CAPTURE(cycle_text);
  CHECK_THAT(cycle_text, Catch::Contains("processes: left, right"));
  CHECK_THAT(cycle_text, Catch::Contains("channels:  to-left, to-right"));
  CHECK_THAT(cycle_text, Catch::Contains(left));
  CHECK_THAT(cycle_text, Catch::Contains(right));
  CHECK_THAT(cycle_text, !Catch::Contains("worker"));

  const nlohmann::json j = nlohmann::json::parse(run_csptrace("check --json " + dump).out);
  const nlohmann::json* cycle = nullptr;
  for (const auto& f : j["findings"])
    if (f["kind"] == "wait-cycle") cycle = &f;
  REQUIRE(cycle != nullptr);
  const std::string finding = cycle->dump();
  CAPTURE(finding);
  for (const std::string& s : {std::string("left"), std::string("right"), std::string("to-left"),
                               std::string("to-right"), left, right})
    CHECK_THAT(finding, Catch::Contains(s));
  std::filesystem::remove(dump);
}

TEST_CASE("two SIGUSR1 in quick succession give complete dumps, never a torn one",
          "[faults][dump]") {
  const std::string base = csp_test::temp_path("twice.csptrace");
  const std::string stem = base.substr(0, base.size() - std::string(".csptrace").size());
  csp_test::ChildProcess c = csp_test::start_child(PARTIAL_DEADLOCK_EXE, {"2", base});
  REQUIRE(csp_test::wait_ready(c));
  REQUIRE(::kill(c.pid, SIGUSR1) == 0);
  REQUIRE(::kill(c.pid, SIGUSR1) == 0);
  REQUIRE(wait_for_file(stem + ".1.csptrace", std::chrono::seconds(10)));
  CHECK(running(c.pid));
  // The kernel may merge the two signals, and two requests read at once are served by one dump
  // (with a line on stderr): one or two files, each complete.
  CHECK(csp_test::wait_signal(c.pid) == -1);
  int dumps = 0;
  for (int n = 1; n <= 3; ++n) {
    const std::string path = stem + "." + std::to_string(n) + ".csptrace";
    CHECK_FALSE(std::filesystem::exists(path + ".part"));
    if (!std::filesystem::exists(path)) continue;
    ++dumps;
    TraceModel m = load_trace(path);
    CHECK(m.complete());
    CHECK(m.end_reason() == EndReason::Snapshot);
    std::filesystem::remove(path);
  }
  CHECK(dumps >= 1);
  CHECK(dumps <= 2);
}
