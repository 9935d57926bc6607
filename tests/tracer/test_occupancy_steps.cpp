// The timeline keeps a channel's occupancy steps in one word of counts while they fit
// (occupancy_steps.hpp) and whole once they do not. These check both forms and the change
// between them, alone and in the timeline of a channel with more waiting putters than a byte
// counts.
#include "jsonl_text.hpp"

#include <csptrace/occupancy_steps.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace csptrace;

TEST_CASE("occupancy steps read back what was pushed before and after they widen", "[timeline]") {
  OccupancySteps steps;
  std::vector<std::pair<uint32_t, OccupancyCounts>> want;
  auto push = [&](uint32_t e, OccupancyCounts c) {
    steps.push_back(e, c);
    want.push_back({e, c});
  };
  push(3, {0, 1, 0});
  push(7, {65535, 255, 255});  // the largest counts a word holds
  push(9, {2, 0, 7});
  CHECK(steps.memory_bytes() == 3 * 8);
  push(12, {1, 256, 0});  // a putter too many: every step is whole from here on
  CHECK(steps.memory_bytes() == 4 * 16);
  push(13, {70000, 0, 1000});
  steps.replace_back(14, {5, 6, 7});
  want.back() = {14, {5, 6, 7}};
  REQUIRE(steps.size() == want.size());
  for (size_t k = 0; k < want.size(); ++k) {
    INFO("step " << k);
    CHECK(steps.event(k) == want[k].first);
    CHECK(steps.counts(k) == want[k].second);
  }
}

TEST_CASE("replace_back widens the steps when the new counts do not fit a word", "[timeline]") {
  OccupancySteps steps;
  steps.push_back(1, {1, 2, 3});
  steps.push_back(2, {4, 5, 6});
  steps.replace_back(2, {100000, 5, 6});
  REQUIRE(steps.size() == 2);
  CHECK(steps.counts(0) == OccupancyCounts{1, 2, 3});
  CHECK(steps.counts(1) == OccupancyCounts{100000, 5, 6});
  CHECK(steps.event(1) == 2);
}

TEST_CASE("the timeline of 300 waiting putters gives each step the replay's counts", "[timeline]") {
  csp_test::JsonlText t("putters");
  t.ev(R"("kind":"spawn","proc":1,"name":"main","mode":"main")");
  t.ev(R"("kind":"chan_make","chan":1,"name":"in","buffer":"unbuffered","cap":0,"proc":1)");
  const int n = 300;
  for (int p = 2; p < n + 2; ++p) {
    const std::string id = std::to_string(p);
    t.ev(R"("kind":"spawn","proc":)" + id + R"(,"name":"putter","mode":"go","partner":1)");
    t.ev(R"("kind":"park","proc":)" + id + R"(,"op":"put","chan":1,"value":)" + id);
  }
  for (int p = 2; p < n + 2; ++p) {
    const std::string id = std::to_string(p);
    t.ev(R"("kind":"transfer","chan":1,"from":)" + id + R"(,"to":1,"via":"direct","value":)" + id);
    t.ev(R"("kind":"resume","proc":)" + id + R"(,"chan":1,"partner":1)");
  }
  t.ev(R"("kind":"exit","proc":1,"status":"ok")");
  t.ev(R"("kind":"end","reason":"normal")");
  const std::string path = t.write("putters300.jsonl");
  const TraceModel m = load_trace(path);
  std::filesystem::remove(path);
  const Replay replay(m);
  const OccupancyList occ = replay.timeline().occupancy(0);
  uint32_t most = 0;
  for (const OccupancyStep step : occ) {
    INFO("step at event " << step.event);
    const ChannelState& cs = replay.state_at(step.event).channels[0];
    CHECK(step.level == cs.level());
    CHECK(step.putters == cs.putters.size());
    CHECK(step.takers == cs.takers.size());
    most = std::max(most, step.putters);
  }
  CHECK(most == 300);
  CHECK(occ.back().putters == 0);
}
