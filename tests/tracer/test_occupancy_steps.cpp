// While the replay runs, a channel's occupancy steps are coded in blocks while they fit, kept
// in one word of counts while those fit (occupancy_steps.hpp) and whole once they do not; the
// timeline then packs every channel's steps (packed_occupancy.hpp). These check the three
// forms, the changes between them, and the timeline of a channel with more waiting putters
// than a byte counts.
#include "jsonl_text.hpp"

#include <csptrace/occupancy_steps.hpp>
#include <csptrace/packed_occupancy.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
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

namespace {

using Steps = std::vector<std::pair<uint32_t, OccupancyCounts>>;

void check_steps(const OccupancySteps& steps, const Steps& want) {
  REQUIRE(steps.size() == want.size());
  for (size_t k = 0; k < want.size(); ++k) {
    INFO("step " << k);
    REQUIRE(steps.event(k) == want[k].first);
    REQUIRE(steps.counts(k) == want[k].second);
  }
}

// 64 steps (the first block) of a rendezvous channel's three counts, a few events apart.
void first_block(OccupancySteps& steps, Steps& want) {
  const OccupancyCounts looks[] = {{0, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  for (uint32_t k = 0; k < OccupancySteps::kBlock; ++k) {
    steps.push_back(10 + 3 * k, looks[k % 3]);
    want.push_back({10 + 3 * k, looks[k % 3]});
  }
}

}  // namespace

TEST_CASE("occupancy steps are coded from their first block and read back what was pushed",
          "[timeline]") {
  OccupancySteps steps;
  Steps want;
  first_block(steps, want);
  CHECK(steps.coded());
  for (uint32_t k = 0; k < 1000; ++k) {  // 16 distinct counts, the most a coded channel has
    const uint32_t e = want.back().first + k % 5;
    const OccupancyCounts c{k % 14, 0, 0};
    if (k % 7 == 3) {
      steps.replace_back(e, c);
      want.back() = {e, c};
    } else {
      steps.push_back(e, c);
      want.push_back({e, c});
    }
  }
  CHECK(steps.coded());
  check_steps(steps, want);
}

TEST_CASE("coded occupancy steps go back to whole steps for good when a step does not fit",
          "[timeline]") {
  struct Case {
    const char* what;
    uint32_t gap;
    OccupancyCounts counts;
    bool wide;
  };
  const Case cases[] = {{"65 536 events after the block's first", 70000, {0, 1, 0}, false},
                        {"a 17th distinct count", 1, {9, 9, 9}, false},
                        {"counts past a word", 1, {0, 300, 0}, true}};
  for (const Case& c : cases) {
    INFO(c.what);
    OccupancySteps steps;
    Steps want;
    first_block(steps, want);
    for (uint32_t k = 0; k < 13 && c.gap == 1; ++k) {  // 3 + 13 = 16 distinct counts, coded
      steps.push_back(want.back().first + 1, {100 + k, 0, 0});
      want.push_back({want.back().first + 1, {100 + k, 0, 0}});
    }
    steps.push_back(want.back().first + 1, {0, 0, 0});  // a second block begins
    want.push_back({want.back().first + 1, {0, 0, 0}});
    CHECK(steps.coded());
    steps.push_back(want.back().first + c.gap, c.counts);
    want.push_back({want.back().first + c.gap, c.counts});
    CHECK_FALSE(steps.coded());
    CHECK(steps.memory_bytes() == want.size() * (c.wide ? 16 : 8));
    for (uint32_t k = 0; k < 200; ++k) {  // steps that would fit a block stay whole now
      steps.push_back(want.back().first + 1, {0, 0, 0});
      want.push_back({want.back().first + 1, {0, 0, 0}});
    }
    CHECK_FALSE(steps.coded());
    check_steps(steps, want);
  }
}

TEST_CASE("replace_back of a coded step that no longer fits goes back to whole steps",
          "[timeline]") {
  OccupancySteps steps;
  Steps want;
  first_block(steps, want);
  steps.replace_back(want.back().first, {1, 2, 3});
  want.back().second = {1, 2, 3};
  CHECK(steps.coded());
  steps.replace_back(want.back().first, {100000, 2, 3});
  want.back().second = {100000, 2, 3};
  CHECK_FALSE(steps.coded());
  check_steps(steps, want);
}

TEST_CASE("a first block too spread out to code keeps the steps whole", "[timeline]") {
  OccupancySteps steps;
  Steps want;
  for (uint32_t k = 0; k < 300; ++k) {
    steps.push_back(k * 2000, {k % 2, 0, 0});  // 64 steps span 126 000 events
    want.push_back({k * 2000, {k % 2, 0, 0}});
  }
  CHECK_FALSE(steps.coded());
  CHECK(steps.memory_bytes() == 300 * 8);
  check_steps(steps, want);
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
    const ReplayState state = replay.state_at(step.event);  // held: channels[0] is its
    const ChannelState& cs = state.channels[0];
    CHECK(step.level == cs.level());
    CHECK(step.putters == cs.putters.size());
    CHECK(step.takers == cs.takers.size());
    most = std::max(most, step.putters);
  }
  CHECK(most == 300);
  CHECK(occ.back().putters == 0);
}

// Channels of every shape the packing treats apart: none, one step, a few counts repeated (a
// rendezvous channel), more distinct counts than the small dictionary holds and than a piece of
// its sort, and channels whose counts are mostly distinct (kept whole): random ones, some wide,
// and a queue of putters that grows and is served.
TEST_CASE("packed occupancy reads back every step of every channel", "[timeline]") {
  std::mt19937 rng(26);
  std::vector<std::vector<std::pair<uint32_t, OccupancyCounts>>> want(8);
  auto random_counts = [&](uint32_t distinct) {
    const uint32_t v = rng() % distinct;
    return OccupancyCounts{v % 7 == 0 ? v * 1000 : v % 3, v % 5 == 0 ? v : 0, v % 2};
  };
  want[1] = {{5, {0, 0, 0}}};
  const size_t sizes[] = {0, 0, 1000, 3000, 200000, 50, 600000};
  const uint32_t distinct[] = {1, 1, 3, 500, 150000, 300, 5000};
  for (size_t c = 2; c < 7; ++c) {
    uint32_t e = rng() % 100;
    for (size_t k = 0; k < sizes[c]; ++k) {
      e += 1 + rng() % (k % 97 == 0 ? 200000 : 40);  // now and then farther than 16 bits
      want[c].push_back({e, random_counts(distinct[c])});
    }
  }
  for (uint32_t k = 0; k < 200000; ++k)  // a queue that grows to 100 000 putters, then is served
    want[7].push_back({k, {0, k < 100000 ? k + 1 : 200000 - k - 1, 0}});
  PackedOccupancy packed;
  for (const auto& steps : want) {
    OccupancySteps occ;
    for (const auto& [e, counts] : steps) occ.push_back(e, counts);
    packed.add_channel(std::move(occ));
  }
  packed.finish();
  REQUIRE(packed.channels() == want.size());
  // Channels 4 (tens of thousands of distinct counts in 200 000 steps: random_counts(150000)
  // makes 47 148 kinds) and 7 (100 001 in 200 000) keep their steps whole; 3 (at most 162 in
  // 3 000) and 6 (at most 1 577 in 600 000) are packed, past the small dictionary.
  CHECK(packed.channels_kept_whole() == 2);
  for (uint32_t c = 0; c < want.size(); ++c) {
    REQUIRE(packed.size(c) == want[c].size());
    for (size_t k = 0; k < want[c].size(); ++k) {
      INFO("channel " << c << " step " << k);
      REQUIRE(packed.event(c, k) == want[c][k].first);
      REQUIRE(packed.counts(c, k) == want[c][k].second);
    }
  }
}

TEST_CASE("a channel whose counts are mostly distinct costs what it cost before packing",
          "[timeline]") {
  OccupancySteps occ;
  for (uint32_t k = 0; k < 100000; ++k) occ.push_back(k, {0, k < 50000 ? k + 1 : 99999 - k, 0});
  const size_t before = occ.memory_bytes();
  PackedOccupancy packed;
  packed.reserve(1, 100000);  // as the builder does, which cannot know the channel stays whole
  packed.add_channel(std::move(occ));
  packed.finish();
  CHECK(packed.channels_kept_whole() == 1);
  CHECK(packed.memory_bytes() < before + 64);
}

TEST_CASE("a rendezvous channel's steps pack into about 3 bytes each", "[timeline]") {
  const OccupancyCounts looks[] = {{0, 0, 0}, {0, 1, 0}, {0, 0, 1}};  // nobody, a putter, a taker
  OccupancySteps occ;
  const size_t n = 100000;
  for (size_t k = 0; k < n; ++k) occ.push_back(static_cast<uint32_t>(3 * k), looks[k % 3]);
  CHECK(occ.coded());  // as the replay holds them, about 3 bytes a step already
  CHECK(occ.memory_bytes() < 3.1 * n);
  PackedOccupancy packed;
  packed.reserve(1, n);  // as the timeline builder does, which counts the steps first
  packed.add_channel(std::move(occ));
  packed.finish();
  CHECK(packed.channels_kept_whole() == 0);
  CHECK(packed.memory_bytes() < 3.2 * n);
  CHECK(packed.counts(0, n - 1) == looks[(n - 1) % 3]);
  CHECK(packed.event(0, n - 1) == 3 * (n - 1));
}
