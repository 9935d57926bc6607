#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "jsonl_text.hpp"
#include "state_text.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

using namespace cspview;

TEST_CASE("the deadlocked philosophers are stuck at the end, each on its right fork",
          "[document]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  REQUIRE(doc->stuck().size() == 4);
  bool phil0 = false;
  for (const auto& s : doc->stuck())
    if (doc->process_label(s.proc) == "phil-0") {
      phil0 = true;
      CHECK(s.text() == "stuck: take from \"fork-1\" (philosophers.cpp:42)");
      CHECK(s.what == "stuck: take from \"fork-1\"");
      CHECK(doc->model().kind(s.park_event) == csptrace::EventKind::Park);
      CHECK(s.since == 9000);
    }
  CHECK(phil0);
}

TEST_CASE("a wait-cycle finding becomes red lanes and cycle arrows", "[document][findings]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  const auto& fs = doc->findings();
  REQUIRE(!fs.empty());
  size_t cycle = fs.size();
  for (size_t f = 0; f < fs.size(); ++f)
    if (fs[f].kind == csptrace::FindingKind::WaitCycle) cycle = f;
  REQUIRE(cycle < fs.size());
  const TimelineOverlay o = doc->overlay_for(cycle);
  CHECK(o.cycle.size() == 3);
  for (const auto& a : o.cycle) {
    CHECK(o.involves_process(a.waiter));
    CHECK(a.label.rfind("take fork-", 0) == 0);
  }
  CHECK_FALSE(o.involves_process(0));  // main waits too, but is not part of the cycle
  // The global deadlock borrows the cycle that explains it.
  CHECK(fs.front().kind == csptrace::FindingKind::GlobalDeadlock);
  CHECK(doc->overlay_for(0).cycle.size() == 3);
  CHECK(doc->overlay_for(fs.size()).cycle.empty());
}

TEST_CASE("state texts say who waits on what, and what a buffer holds", "[document][state]") {
  auto doc = fixture("gui-alts-timeout.jsonl");
  const auto& r = doc->replay();
  // After event index 6 (seq 7): worker parked putting 3 on the full "results" buffer.
  auto s = r.state_at(6);
  auto worker = describe_process(*doc, s, 1);
  CHECK(worker.state == "parked");
  CHECK(worker.waits_on == "put results ← 3");
  CHECK(worker.where == "alts.cpp:15");
  auto results = describe_channel(*doc, s, 0);
  CHECK(results.contents == "[1, 2] 2/2");
  CHECK(results.putters == "worker (3)");
  // After event index 26 (seq 27): main waits in an alt on "never" and the timer.
  auto main = describe_process(*doc, r.state_at(26), 0);
  CHECK(main.waits_on == "alts [take never, take timeout]");
}

TEST_CASE("state texts name the first kNamedInText guards or waiters and count the rest",
          "[document][state]") {
  // An alt over a million guards, or millions of putters on one channel (issue 21's hostile
  // shapes), once made one table cell megabytes long, laid out on every repaint.
  const size_t n = csptrace::kNamedInText + 5;
  csp_test::JsonlText t("many");
  auto ev = [&](const std::string& body) { t.ev(body); };
  ev(R"("kind":"spawn","proc":1,"name":"main","mode":"main")");
  ev(R"("kind":"chan_make","chan":1,"name":"in","buffer":"unbuffered","cap":0,"proc":1)");
  for (size_t i = 0; i < n; ++i) {
    const std::string p = std::to_string(i + 2), c = std::to_string(i + 2);
    ev(R"("kind":"spawn","proc":)" + p + R"(,"name":"putter-)" + p +
       R"(","mode":"go","partner":1)");
    ev(R"("kind":"park","proc":)" + p + R"(,"op":"put","chan":1,"value":)" + p);
    ev(R"("kind":"chan_make","chan":)" + c + R"(,"name":"g)" + c +
       R"(","buffer":"unbuffered","cap":0,"proc":1)");
  }
  ev(R"("kind":"alt_offer","proc":1,"alt":1)");
  for (size_t i = 0; i < n; ++i)
    ev(R"("kind":"alt_guard","proc":1,"chan":)" + std::to_string(i + 2) +
       R"(,"op":"take","alt":1,"index":)" + std::to_string(i) + R"(,"ready":false)");
  ev(R"("kind":"park","proc":1,"op":"alts","alt":1)");
  const std::string path = t.write("many-waiters.jsonl");
  auto doc = load_document(path);
  const auto s = doc->replay().state_at(doc->model().size() - 1);
  const std::string guards = describe_process(*doc, s, 0).waits_on;
  CHECK(guards.rfind("alts [take g2, take g3, ", 0) == 0);
  CHECK(guards.find("take g21, … 5 more]") != std::string::npos);
  CHECK(guards.find("take g22") == std::string::npos);
  const std::string putters = describe_channel(*doc, s, 0).putters;
  CHECK(putters.rfind("putter-2 (2), putter-3 (3), ", 0) == 0);
  CHECK(putters.find("putter-21 (21), … 5 more") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("loading reports bad files with their place and honours cancel", "[document]") {
  CHECK_THROWS_AS(load_document("/nonexistent/trace.jsonl"), csptrace::TraceError);
  std::atomic<bool> cancel{true};
  csptrace::LoadOptions o;
  o.cancel = &cancel;
  CHECK_THROWS_AS(load_document(std::string(CSP_FIXTURES) + "/hotdog.jsonl", o),
                  csptrace::LoadCancelled);
  CHECK_FALSE(fixture("hotdog.jsonl")->model().empty());
}

TEST_CASE("the waker of a resume is the transfer that caused it", "[document]") {
  auto doc = fixture("hotdog.jsonl");
  // Index 7 (seq 8): the machine resumes, woken by main's transfer at index 6 (seq 7).
  CHECK(doc->waker_of(7) == 6u);
  CHECK_FALSE(doc->waker_of(6).has_value());  // a transfer is not a wake
  auto alts = fixture("gui-alts-timeout.jsonl");
  // Index 30 (seq 31): main resumes from its alt when the timer fired, with no waker process.
  const auto w = alts->waker_of(30);
  REQUIRE(w.has_value());
  CHECK(alts->model().chan_index(*w) == alts->model().chan_index(30));
}

TEST_CASE("the analysis tells how far it is and stops within a fraction of a second of cancel",
          "[document]") {
  // 300 000 marks: the replay looks at its control every 65 536 events.
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("cspview-analysis-" + std::to_string(::getpid()) + ".jsonl"))
                               .string();
  {
    std::ofstream out(path);
    out << R"({"kind":"header","format":"cspscope-trace","version":1,"program":"t",)"
        << R"("scheduler":"deterministic","seed":1,"clock":"steady_ns","start_unix_ns":0})"
        << "\n"
        << R"({"seq":1,"t":0,"kind":"spawn","proc":1,"name":"main","mode":"main"})"
        << "\n";
    uint64_t seq = 1;
    for (int i = 0; i < 300000; ++i)
      out << R"({"seq":)" << ++seq << R"(,"t":)" << seq << R"(,"kind":"mark","proc":1,"label":"m"})"
          << "\n";
    out << R"({"seq":)" << ++seq << R"(,"t":)" << seq << R"(,"kind":"exit","proc":1,"status":"ok"})"
        << "\n"
        << R"({"seq":)" << ++seq << R"(,"t":)" << seq << R"(,"kind":"end","reason":"normal"})"
        << "\n";
  }
  const auto doc = read_document(path);
  std::vector<std::pair<std::string, double>> told;
  const auto analysed =
      doc->with_analysis(nullptr, [&](const char* step, double f) { told.emplace_back(step, f); });
  REQUIRE(analysed->has_analysis());
  REQUIRE(told.size() >= 6);  // 0, 5 more steps of 65 536 events, 1; then judging
  double last = -1;
  for (const auto& [step, f] : told) {
    if (step != "replaying") continue;
    CHECK(f >= last);
    last = f;
  }
  CHECK(last == 1.0);
  CHECK(told.back().first == "judging");

  // Cancel while the replay runs: it stops at its next look, long before the end.
  std::atomic<bool> cancel{false};
  size_t looks = 0;
  CHECK_THROWS_AS(doc->with_analysis(&cancel,
                                     [&](const char* step, double f) {
                                       if (std::string(step) != "replaying") return;
                                       ++looks;
                                       if (f > 0.2) cancel = true;
                                     }),
                  csptrace::LoadCancelled);
  CHECK(looks < told.size() - 1);
  std::filesystem::remove(path);
}
