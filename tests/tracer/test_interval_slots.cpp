// IntervalSlots (tracer/replay/src/interval_slots.hpp) codes each process's state intervals in
// blocks as the replay writes them. What finish_into packs must be what was appended, in every
// shape a block can take: full and partial blocks, causes close together and far apart, one
// look or more than a byte (and two bytes) number, processes with no intervals at all.
#include "interval_slots.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

using namespace csptrace;

namespace {

struct Written {
  std::vector<std::vector<uint32_t>> cause, look;
};

// Appends to every process in turn, as a replay does, and checks last_look as it goes.
Written write_all(IntervalSlots& slots, const std::vector<uint64_t>& counts, uint64_t seed,
                  uint32_t max_gap, uint32_t distinct_looks) {
  std::mt19937_64 rng(seed);
  Written w;
  w.cause.resize(counts.size());
  w.look.resize(counts.size());
  std::vector<uint32_t> next(counts.size(), 0);
  bool more = true;
  while (more) {
    more = false;
    for (uint32_t p = 0; p < counts.size(); ++p) {
      if (w.cause[p].size() == counts[p]) continue;
      more = true;
      next[p] += 1 + uint32_t(rng() % max_gap);
      const uint32_t look = uint32_t(rng() % distinct_looks) * 2654435761u;
      slots.append(p, next[p], look);
      w.cause[p].push_back(next[p]);
      w.look[p].push_back(look);
      REQUIRE(slots.count(p) == w.cause[p].size());
      REQUIRE(slots.last_look(p) == look);
    }
  }
  return w;
}

void check_packed(IntervalSlots&& slots, const Written& w) {
  PackedIndices causes;
  IndexColumn look_ix;
  std::vector<uint32_t> looks, at;
  std::move(slots).finish_into(causes, look_ix, looks, at);
  REQUIRE(at.size() == w.cause.size() + 1);
  size_t k = 0;
  for (size_t p = 0; p < w.cause.size(); ++p) {
    INFO("process " << p);
    REQUIRE(at[p] == k);
    for (size_t j = 0; j < w.cause[p].size(); ++j, ++k) {
      INFO("interval " << j);
      REQUIRE(causes[k] == w.cause[p][j]);
      REQUIRE(look_ix[k] < looks.size());
      REQUIRE(looks[look_ix[k]] == w.look[p][j]);
    }
  }
  CHECK(at.back() == k);
  CHECK(causes.size() == k);
}

void round_trip(const std::vector<uint64_t>& counts, uint64_t seed, uint32_t max_gap,
                uint32_t distinct_looks) {
  IntervalSlots slots(counts);
  const Written w = write_all(slots, counts, seed, max_gap, distinct_looks);
  check_packed(std::move(slots), w);
}

}  // namespace

TEST_CASE("interval slots give back what was written: full and partial blocks few looks",
          "[timeline]") {
  // 0, 1, 63, 64, 65, 128, 129 and 1000 intervals: no block, partial, exactly full, one more.
  round_trip({0, 1, 63, 64, 65, 128, 129, 1000, 0}, 1, 5, 3);
}

TEST_CASE("interval slots give back causes too far apart for two bytes", "[timeline]") {
  round_trip({300, 70, 1}, 2, 200000, 4);  // every block wide
  round_trip({500, 500}, 3, 2000, 4);      // some blocks wide, some narrow
}

TEST_CASE("interval slots give back more looks than one byte or two bytes number", "[timeline]") {
  round_trip({2000, 1500, 700}, 4, 3, 1000);  // two-byte look indices
  round_trip({40000, 40000}, 5, 3, 200000);   // four-byte look indices in later blocks
}

TEST_CASE("interval slots refuse an interval with no room left and keep the neighbours",
          "[timeline]") {
  // A region of up to a block holds exactly its room; a larger one has room for its intervals
  // coded at their widest, so the refusal comes later when they code narrower. Either way the
  // append that does not fit is refused with nothing written.
  for (uint64_t most : {1, 64, 65, 200}) {
    INFO("room for " << most);
    IntervalSlots slots({3, most, 3});
    slots.append(0, 1, 5);
    slots.append(2, 1, 9);
    uint32_t k = 0;
    bool refused = false;
    while (!refused && k < 100 * most) {
      try {
        slots.append(1, k, 7 + k % 2);
        ++k;
      } catch (const std::logic_error&) {
        refused = true;
      }
    }
    CHECK(refused);
    CHECK(k >= most);
    if (most <= IntervalSlots::kBlock) CHECK(k == most);
    CHECK(slots.count(1) == k);
    CHECK(slots.last_look(1) == 7 + (k - 1) % 2);
    CHECK(slots.last_look(0) == 5);  // the neighbours' rooms are untouched
    CHECK(slots.last_look(2) == 9);
  }
}
