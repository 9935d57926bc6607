// The flight recorder (issue 25, --trace-ring): a busy program in a partial deadlock keeps only
// the most recent events; SIGUSR1 writes the window (the run goes on), and so does the end of
// the run. The windows start from a snapshot of the run's state, so `csptrace check` on them
// names the stuck pair with their channels and lines although their waits began long before
// the window did, and their findings equal those of the same program traced whole.
#include <csptrace/trace_reader.hpp>

#include "child_process.hpp"
#include "partial_deadlock.hpp"
#include "run_command.hpp"
#include "sanitized.hpp"
#include "temp_path.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <tuple>

using namespace csptrace;
using csp_test::line_of;
using csp_test::run_csptrace;
using csp_test::wait_for_file;

namespace {

// The busy program records about 37 MB/s on the pool and about 280 MB/s on the deterministic
// scheduler (measured 2026-12-06 on the 2-core machine: 113 MB in a 3 s pool run, 82 MB for
// 2 000 000 seeded ticks in 0.29 s). A ring must fill within the first signal (1.5 s), and a
// new start's cut must be taken before three more rings' worth is recorded, or the recorder
// drops the start (docs/long-runs.md): these sizes leave 1.3 and 0.7 s for the cut (at 256K and
// 16M it was 20 and 180 ms, and the tests failed whenever another test's processes held the
// cores that long). The tests also run alone (RUN_SERIAL, CMakeLists.txt).
struct Ring {
  std::string flag;
  uint64_t bytes;
};
Ring ring_for(bool deterministic) {
  return deterministic ? Ring{"64M", 64u << 20} : Ring{"16M", 16u << 20};
}
constexpr uint64_t kSlack = 256u << 10;  // the snapshot and the strings, beyond the ring

// The findings of `csptrace check --json` as (kind, processes, channels, locations): what a
// reader compares between two traces of one run (event numbers and times differ).
using Finding = std::tuple<std::string, std::string, std::string, std::string>;
std::multiset<Finding> findings_of(const std::string& trace) {
  const csp_test::Run r = run_csptrace("check --json " + trace);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  std::multiset<Finding> out;
  for (const auto& f : j["findings"])
    out.insert({f["kind"].get<std::string>(), f["processes"].dump(), f["channels"].dump(),
                f["locations"].dump()});
  return out;
}

// The value of the last transfer on channel "ticks" in m.
int64_t last_tick(const TraceModel& m) {
  ChanId ticks = 0;
  for (const ChannelInfo& c : m.channels())
    if (m.str(c.name) == "ticks") ticks = c.id;
  int64_t last = -1;
  for (size_t i = 0; i < m.size(); ++i) {
    const Event e = m.event(i);
    if (e.kind == EventKind::Transfer && e.chan == ticks && e.value.kind == Value::Kind::Int)
      last = e.value.num;
  }
  return last;
}

}  // namespace

TEST_CASE("SIGUSR1 under --trace-ring writes the window, check names the stuck pair (issue 25)",
          "[faults][flight]") {
  const std::vector<std::string> scheduler =
      GENERATE(std::vector<std::string>{}, std::vector<std::string>{"--seed", "7"});
  CAPTURE(scheduler);
  const std::string trace = csp_test::temp_path("ring.csptrace");
  const std::string stem = trace.substr(0, trace.size() - std::string(".csptrace").size());
  const std::string last_file = stem + ".last";
  const Ring ring = ring_for(!scheduler.empty());
  // The run lasts long enough for the ring to fill before a signal finds it running: several
  // signals when the machine is loaded (the pool then records slower), and under a sanitizer,
  // whose deterministic scheduler is ten times slower and whose reading of each window takes
  // seconds (20 s was too short under ThreadSanitizer: the program ended before the last
  // signal's window was read).
  const std::string seconds = csp_test::kSanitized ? "60" : "6";
  std::vector<std::string> args{seconds,   "-",   "--busy",       "--last", last_file,
                                "--trace", trace, "--trace-ring", ring.flag};
  args.insert(args.end(), scheduler.begin(), scheduler.end());
  csp_test::ChildProcess c = csp_test::start_child(PARTIAL_DEADLOCK_EXE, args);
  REQUIRE(csp_test::wait_ready(c));
  // A SIGUSR1 every 1.5 s until the ring has been filled (the window then starts from a
  // snapshot): once on a normal build, several under a sanitizer's slower scheduler.
  std::string window;
  std::vector<std::string> windows;
  while (window.empty()) {
    REQUIRE(windows.size() < 40);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    REQUIRE(::kill(c.pid, SIGUSR1) == 0);
    windows.push_back(stem + "." + std::to_string(windows.size() + 1) + ".csptrace");
    REQUIRE(wait_for_file(windows.back(), std::chrono::seconds(10)));
    if (!load_trace(windows.back()).header().snapshot.empty()) window = windows.back();
  }
  CHECK(::waitpid(c.pid, nullptr, WNOHANG) == 0);  // the program goes on
  CHECK(csp_test::wait_signal(c.pid) == -1);

  const std::string left = line_of("WAIT-LEFT"), right = line_of("WAIT-RIGHT");
  {
    TraceModel m = load_trace(window);
    REQUIRE(m.complete());
    CHECK(m.end_reason() == EndReason::Snapshot);
    CHECK_THAT(m.header().window, Catch::Contains("flight recorder"));
    CHECK(std::filesystem::file_size(window) <= ring.bytes + kSlack);

    const std::string text = run_csptrace("check " + window).out;
    CHECK_THAT(text, Catch::StartsWith(window + ": flight recorder (--trace-ring "));
    const size_t at = text.find("error: wait-cycle");
    REQUIRE(at != std::string::npos);
    const std::string cycle = text.substr(at, text.find("\n\n", at) - at);
    CAPTURE(cycle);
    CHECK_THAT(cycle, Catch::Contains("processes: left, right"));
    CHECK_THAT(cycle, Catch::Contains("channels:  to-left, to-right"));
    CHECK_THAT(cycle, Catch::Contains(left));
    CHECK_THAT(cycle, Catch::Contains(right));
    CHECK_THAT(cycle, !Catch::Contains("worker"));
  }

  // At exit the window is written to the trace's path: it ends with the run's last events.
  TraceModel m = load_trace(trace);
  REQUIRE(m.complete());
  CHECK(m.end_reason() == EndReason::Normal);
  CHECK_FALSE(m.header().snapshot.empty());
  CHECK(std::filesystem::file_size(trace) <= ring.bytes + kSlack);
  CHECK(last_tick(m) == std::stoll(csp_test::slurp(last_file)));
  const std::multiset<Finding> found = findings_of(trace);
  CHECK(std::any_of(found.begin(), found.end(),
                    [](const Finding& f) { return std::get<0>(f) == "wait-cycle"; }));
  for (const std::string& p : windows) std::filesystem::remove(p);
  for (const std::string& p : {trace, last_file}) std::filesystem::remove(p);
}

TEST_CASE("a window's findings equal the whole trace's (issue 25: partial deadlock, busy)",
          "[faults][flight]") {
  // One seed for both runs: the same schedule, so the same end state.
  const std::string whole = csp_test::temp_path("whole.csptrace");
  const std::string ring = csp_test::temp_path("window.csptrace");
  for (const std::string& t : {whole, ring}) {
    // 6 000 000 ticks record about 250 MB: the 64M ring drops its oldest events.
    std::vector<std::string> args{"0",      "-", "--busy",  "--ticks", "6000000",
                                  "--seed", "5", "--trace", t};
    if (t == ring) args.insert(args.end(), {"--trace-ring", ring_for(true).flag});
    csp_test::ChildProcess c = csp_test::start_child(PARTIAL_DEADLOCK_EXE, args);
    REQUIRE(csp_test::wait_ready(c));
    REQUIRE(csp_test::wait_signal(c.pid) == -1);
  }
  const TraceModel w = load_trace(ring);
  REQUIRE_FALSE(w.header().snapshot.empty());  // events were dropped
  const std::multiset<Finding> expected = findings_of(whole);
  CHECK_FALSE(expected.empty());
  CHECK(findings_of(ring) == expected);
  std::filesystem::remove(whole);
  std::filesystem::remove(ring);
}

TEST_CASE("the deadlock sample under the flight recorder: the same findings (issue 25)",
          "[faults][flight]") {
  const std::string whole = csp_test::temp_path("philosophers.csptrace");
  const std::string ring = csp_test::temp_path("philosophers-ring.csptrace");
  const std::string run = std::string(PHILOSOPHERS_EXE) + " --deadlock --seed 3 --trace ";
  REQUIRE(csp_test::run(run + whole).status == 0);
  REQUIRE(csp_test::run(run + ring + " --trace-ring 64K").status == 0);
  const TraceModel m = load_trace(ring);
  CHECK(m.end_reason() == EndReason::Deadlock);
  CHECK_THAT(m.header().window, Catch::Contains("flight recorder"));
  const std::multiset<Finding> expected = findings_of(whole);
  CHECK_FALSE(expected.empty());
  CHECK(findings_of(ring) == expected);
  std::filesystem::remove(whole);
  std::filesystem::remove(ring);
}

TEST_CASE("a flight recorder refuses a JSON Lines trace and a malformed ring size, naming them",
          "[faults][flight]") {
  const std::string jsonl = csp_test::temp_path("ring.jsonl");
  const csp_test::Run a =
      csp_test::run(std::string(PHILOSOPHERS_EXE) + " --trace " + jsonl + " --trace-ring 1M");
  CHECK_THAT(a.err, Catch::Contains("--trace-ring needs a binary trace"));
  CHECK_THAT(a.err, Catch::Contains(jsonl));
  const csp_test::Run b = csp_test::run(std::string(PHILOSOPHERS_EXE) + " --trace-ring 12Q");
  CHECK(b.status != 0);
  CHECK_THAT(b.err, Catch::Contains("--trace-ring: expected a size such as 64M"));
}

TEST_CASE("a fatal signal under the flight recorder writes the window, ended by the crash",
          "[faults][flight]") {
  const std::string trace = csp_test::temp_path("crashed.csptrace");
  const Ring ring = ring_for(false);
  csp_test::ChildProcess c = csp_test::start_child(
      PARTIAL_DEADLOCK_EXE, {"30", "-", "--busy", "--trace", trace, "--trace-ring", ring.flag});
  REQUIRE(csp_test::wait_ready(c));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  REQUIRE(::kill(c.pid, SIGSEGV) == 0);
  REQUIRE(csp_test::wait_signal(c.pid) == SIGSEGV);
  const TraceModel m = load_trace(trace);
  REQUIRE(m.complete());
  CHECK(m.end_reason() == EndReason::Crash);
  CHECK(m.str(m.event(m.size() - 1).message) == "killed by SIGSEGV");
  CHECK_THAT(m.header().window, Catch::Contains("flight recorder"));
  CHECK(std::filesystem::file_size(trace) <= ring.bytes + kSlack);
  const std::multiset<Finding> found = findings_of(trace);
  CHECK(std::any_of(found.begin(), found.end(),
                    [](const Finding& f) { return std::get<0>(f) == "wait-cycle"; }));
  CHECK_FALSE(std::filesystem::exists(trace + ".part"));
  std::filesystem::remove(trace);
}
