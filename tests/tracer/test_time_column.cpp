// TimeColumn: the model's times in 4 bytes an event. Whatever the times (in order, backwards,
// far apart, the extremes of 64 bits), a read gives back what was appended; shares keep what
// they saw; dropping the front, by whole blocks or not, keeps the rest.
#include <csptrace/time_column.hpp>
#include <csptrace/trace_model.hpp>

#include "column_values.hpp"
#include "random_trace.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <random>
#include <vector>

using namespace csptrace;

namespace {

// Times as a run records them, with the odd ones hostile traces have.
std::vector<int64_t> times(uint64_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  std::vector<int64_t> out;
  int64_t t = 1000;
  for (size_t i = 0; i < n; ++i) {
    switch (rng() % 50) {
      case 0: t += int64_t(rng() % 10'000'000'000); break;  // a sleep of up to 10 s
      case 1: t -= int64_t(rng() % 5000); break;            // another thread's clock, behind
      case 2: out.push_back(std::numeric_limits<int64_t>::max()); continue;
      case 3: out.push_back(std::numeric_limits<int64_t>::min()); continue;
      default: t += int64_t(rng() % 300);
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace

TEST_CASE("a time column reads back every time it was given", "[model]") {
  for (uint64_t seed : {1u, 2u, 3u}) {
    const std::vector<int64_t> want = times(seed, 20'000);
    TimeColumn c;
    for (int64_t t : want) c.push_back(t);
    CHECK(testing::column_values(c) == want);
  }
  // A run's clock: steps of nanoseconds to microseconds and a sleep of seconds now and then.
  // Only the times after a sleep, up to the end of its block, are kept whole.
  std::mt19937_64 rng(9);
  TimeColumn c;
  std::vector<int64_t> want;
  int64_t t = 0, sleeps = 0;
  for (int i = 0; i < 100'000; ++i) {
    if (i % 10'000 == 5'000) {
      t += 3'000'000'000;
      ++sleeps;
    }
    t += int64_t(rng() % 5000);
    c.push_back(t);
    want.push_back(t);
  }
  CHECK(testing::column_values(c) == want);
  CHECK(c.wide_count() > 0);
  CHECK(c.wide_count() <= size_t(sleeps) * TimeColumn::kBlock);
}

TEST_CASE("a share of a time column keeps what it saw while the owner grows", "[model]") {
  const std::vector<int64_t> want = times(4, 50'000);
  TimeColumn owner;
  for (size_t i = 0; i < 1000; ++i) owner.push_back(want[i]);
  const TimeColumn early = owner.share();
  for (size_t i = 1000; i < want.size(); ++i) owner.push_back(want[i]);
  CHECK(testing::column_values(early) == std::vector<int64_t>(want.begin(), want.begin() + 1000));
  CHECK(testing::column_values(owner) == want);
}

TEST_CASE("dropping the front of a time column keeps the rest", "[model]") {
  for (size_t drop : {0u, 64u, 128u, 100u, 4999u, 5000u}) {
    for (bool plain : {true, false}) {
      std::vector<int64_t> want;
      if (plain)
        for (int64_t t = 0; t < 5000; ++t) want.push_back(t * 7);  // no time kept whole
      else
        want = times(drop + 5, 5000);
      TimeColumn c;
      for (int64_t t : want) c.push_back(t);
      c.drop_front(drop);
      want.erase(want.begin(), want.begin() + long(drop));
      CHECK(testing::column_values(c) == want);
      c.push_back(123);  // and it goes on growing
      want.push_back(123);
      c.shrink_to_fit();
      CHECK(testing::column_values(c) == want);
    }
  }
}

TEST_CASE("the model's times are the events' times", "[model]") {
  const TraceModel m = testing::random_trace(23, 3000);
  for (size_t i = 0; i < m.size(); ++i) CHECK(m.time(i) == m.event(i).t);
}
