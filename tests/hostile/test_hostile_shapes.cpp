// Issue 21, class "time that grows quadratically, memory that grows with the state": the
// shapes that were O(n^2) or copied the state into every checkpoint give the same answers as
// before at sizes where the old code took minutes (the timings are in docs/reliability.md and
// the hostile-large suite; these check that the faster structures answer right).
#include "temp_path.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

struct TraceFile {
  std::string path;
  std::ofstream out;
  uint64_t seq = 0;
  explicit TraceFile(const std::string& name) : path(csp_test::temp_path(name)), out(path) {
    out << R"({"kind":"header","format":"cspscope-trace","version":1,"program":"shape"})"
           "\n";
    ev("spawn", R"("proc":1,"name":"main","mode":"main")");
  }
  ~TraceFile() { std::filesystem::remove(path); }
  void ev(const char* kind, const std::string& body) {
    ++seq;
    out << R"({"seq":)" << seq << R"(,"t":)" << seq << R"(,"kind":")" << kind << "\"," << body
        << "}\n";
  }
  csptrace::TraceModel load() {
    out.close();
    return csptrace::load_trace(path);
  }
};

}  // namespace

TEST_CASE("labels add #id only to names shared by several processes", "[hostile][shapes]") {
  TraceFile t("names.jsonl");
  for (int p = 2; p < 20002; ++p)
    t.ev("spawn", R"("proc":)" + std::to_string(p) + R"(,"name":")" +
                      (p % 1000 == 0 ? std::string("twin") : "w" + std::to_string(p)) +
                      R"(","mode":"go")");
  const csptrace::TraceModel m = t.load();
  CHECK(csptrace::process_label(m, 0) == "main");
  CHECK(csptrace::process_label(m, 1) == "w2");
  CHECK(csptrace::process_label(m, 999) == "twin#1000");
  CHECK(csptrace::process_label(m, 1999) == "twin#2000");
}

TEST_CASE("a close under 20 000 waiting takers serves every one of them", "[hostile][shapes]") {
  TraceFile t("close.jsonl");
  t.ev("chan_make", R"("chan":1,"name":"c","buffer":"unbuffered","cap":0,"proc":1)");
  const int n = 20000;
  for (int p = 2; p < n + 2; ++p) {
    t.ev("spawn", R"("proc":)" + std::to_string(p) + R"(,"name":"taker","mode":"go")");
    t.ev("park", R"("proc":)" + std::to_string(p) + R"(,"op":"take","chan":1)");
  }
  t.ev("chan_close", R"("chan":1,"proc":1)");
  const csptrace::TraceModel m = t.load();
  const csptrace::Replay replay(m);
  const csptrace::ReplayState& end = replay.final_state();
  CHECK(end.channels[0].takers.empty());
  for (uint32_t p = 1; p < m.processes().size(); ++p) {
    CHECK(end.processes[p].wait.completed);
    CHECK(end.processes[p].wait.completed_by == m.size() - 1);
  }
  // The timeline saw every taker's wait end at the close.
  CHECK(replay.timeline().intervals(1).size() >= 2);
}

TEST_CASE("states from sparse checkpoints equal a replay from the start", "[hostile][shapes]") {
  // A fixed buffer filling to 50 000 values, then drained: the state grows far past the
  // checkpoint interval, so checkpoints are spaced by the state's size.
  TraceFile t("buffer.jsonl");
  const int n = 50000;
  t.ev("chan_make",
       R"("chan":1,"name":"big","buffer":"fixed","cap":)" + std::to_string(n) + R"(,"proc":1)");
  for (int i = 0; i < n; ++i)
    t.ev("buf_put", R"("proc":1,"chan":1,"value":)" + std::to_string(i) + R"(,"level":)" +
                        std::to_string(i + 1));
  for (int i = n; i-- > 0;)
    t.ev("buf_take", R"("proc":1,"chan":1,"value":0,"level":)" + std::to_string(i));
  const csptrace::TraceModel m = t.load();
  const csptrace::Replay replay(m, 1000);
  csptrace::ReplayState walk = csptrace::initial_state(m);
  for (size_t steps = 0; steps <= m.size(); steps += 997) {
    while (walk.steps < steps) csptrace::advance(m, walk);
    const csptrace::ReplayState s = replay.state_at_step(steps);
    REQUIRE(s == walk);
  }
  csptrace::ReplayState seeker = replay.state_at_step(m.size());
  replay.seek(seeker, 12345);
  CHECK(seeker == replay.state_at_step(12345));
  CHECK(seeker.channels[0].level() == 12345 - 2);
}

TEST_CASE("a string table of a million strings keeps every view valid", "[hostile][shapes]") {
  csptrace::StringTable table;
  std::vector<std::string_view> views;
  for (int i = 0; i < 1000000; ++i) {
    const csptrace::StrId id = table.intern("s" + std::to_string(i));
    REQUIRE(id == static_cast<csptrace::StrId>(i + 1));
    if (i % 1000 == 0) views.push_back(table.get(id));
  }
  CHECK(table.intern("s123456") == 123457);
  CHECK(table.intern("") == 0);
  const std::string big(5 << 20, 'b');  // larger than an arena block
  const csptrace::StrId big_id = table.intern(big);
  CHECK(table.get(big_id) == big);
  for (size_t k = 0; k < views.size(); ++k) CHECK(views[k] == "s" + std::to_string(k * 1000));
  CHECK(table.size() == 1000002);
}

TEST_CASE("packing the timeline of 60 000 served putters keeps every interval in place",
          "[hostile][shapes]") {
  // The putters' shape of the hostile set (make_hostile.py waiting_putters), small: main's
  // slots (one per event naming it) are mostly empty, so packing moves every putter's three
  // intervals down and gives back the slots it has read a megabyte at a time.
  TraceFile t("putters.jsonl");
  t.ev("chan_make", R"("chan":1,"name":"in","buffer":"unbuffered","cap":0,"proc":1)");
  const int n = 60000;
  for (int p = 2; p < n + 2; ++p) {
    const std::string id = std::to_string(p);
    t.ev("spawn", R"("proc":)" + id + R"(,"name":"putter","mode":"go","partner":1)");
    t.ev("park", R"("proc":)" + id + R"(,"op":"put","chan":1,"value":)" + id);
  }
  for (int p = 2; p < n + 2; ++p) {
    const std::string id = std::to_string(p);
    t.ev("transfer", R"("chan":1,"from":)" + id + R"(,"to":1,"via":"direct","value":)" + id);
    t.ev("resume", R"("proc":)" + id + R"(,"chan":1,"partner":1)");
  }
  t.ev("exit", R"("proc":1,"status":"ok")");
  t.ev("end", R"("reason":"normal")");
  const csptrace::TraceModel m = t.load();
  const csptrace::Replay replay(m);
  const csptrace::Timeline& tl = replay.timeline();
  using csptrace::ProcState;
  REQUIRE(m.processes().size() == size_t(n) + 1);
  for (uint32_t p = 1; p < m.processes().size(); ++p) {
    const csptrace::IntervalList iv = tl.intervals(p);
    INFO("putter " << p);
    REQUIRE(iv.size() >= 3);
    // Spawned at event 2p (0-based: chan_make is 1), parked right after, served in turn.
    CHECK(iv[0].cause == 2 * p);
    CHECK(csptrace::is_waiting(iv[1].state));
    CHECK(iv[1].cause == 2 * p + 1);
    CHECK(iv[1].chan == 0);
    CHECK(iv.back().state == replay.final_state().processes[p].state);
    CHECK(iv.back().state != ProcState::NotStarted);
    CHECK(iv.back().t_end == tl.end_time());
  }
}
