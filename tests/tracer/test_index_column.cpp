// IndexColumn: the model's process and channel columns stored as narrow as their indices allow.
// Whatever the width, a read gives back what was appended (kNone as kNone), shares keep what
// they saw while the owner widens, and dropping the front keeps the rest in order.
#include <csptrace/index_column.hpp>
#include <csptrace/trace_model.hpp>

#include "column_values.hpp"
#include "random_trace.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <vector>

using namespace csptrace;

TEST_CASE("an index column widens as its indices grow and reads back every one", "[model]") {
  IndexColumn c;
  std::vector<uint32_t> want;
  auto add = [&](uint32_t v) {
    c.push_back(v);
    want.push_back(v);
  };
  for (uint32_t v : {0u, 3u, kNone, 254u}) add(v);
  CHECK(c.width() == 1);
  add(255);  // all ones of a byte is kNone's: 255 needs two
  CHECK(c.width() == 2);
  add(kNone);
  add(65534);
  CHECK(c.width() == 2);
  add(65535);
  CHECK(c.width() == 4);
  add(kNone - 1);
  add(kNone);
  CHECK(testing::column_values(c) == want);

  IndexColumn straight;  // a first index past two bytes goes to four at once
  straight.push_back(70'000);
  CHECK(straight.width() == 4);
  CHECK(straight[0] == 70'000);
}

TEST_CASE("a share of an index column keeps its width and values while the owner widens",
          "[model]") {
  IndexColumn owner;
  owner.reserve(1000);
  for (uint32_t v = 0; v < 200; ++v) owner.push_back(v % 7 == 0 ? kNone : v);
  const IndexColumn early = owner.share();
  const std::vector<uint32_t> seen = testing::column_values(early);
  for (uint32_t v = 0; v < 100'000; v += 3) owner.push_back(v);
  CHECK(owner.width() == 4);
  CHECK(early.width() == 1);
  CHECK(testing::column_values(early) == seen);
  const std::vector<uint32_t> all = testing::column_values(owner);
  REQUIRE(all.size() == 200 + 33'334);
  CHECK(std::equal(seen.begin(), seen.end(), all.begin()));
  CHECK(all.back() == 99'999);
}

TEST_CASE("dropping the front of an index column keeps the rest at any width", "[model]") {
  std::mt19937 rng(5);
  for (uint32_t top : {200u, 60'000u, 4'000'000u}) {
    IndexColumn c;
    std::vector<uint32_t> want;
    for (int i = 0; i < 5000; ++i) {
      const uint32_t v = rng() % 10 == 0 ? kNone : rng() % top;
      c.push_back(v);
      want.push_back(v);
    }
    c.drop_front(1234);
    want.erase(want.begin(), want.begin() + 1234);
    CHECK(testing::column_values(c) == want);
    c.shrink_to_fit();
    CHECK(testing::column_values(c) == want);
  }
}

TEST_CASE("the model's process and channel indices read back through narrow columns", "[model]") {
  // A random trace has a handful of processes and channels: its columns are a byte wide, and
  // each event's indices are what its fields name.
  const TraceModel m = testing::random_trace(17, 3000);
  for (size_t i = 0; i < m.size(); ++i) {
    const Event e = m.event(i);
    if (e.present & f::proc) CHECK(m.processes()[m.proc_index(i)].id == e.proc);
    if (e.present & f::chan) CHECK(m.channels()[m.chan_index(i)].id == e.chan);
    if (e.present & f::from) CHECK(m.processes()[m.from_index(i)].id == e.from);
    if (e.present & f::to) CHECK(m.processes()[m.to_index(i)].id == e.to);
    if (e.present & f::partner) CHECK(m.processes()[m.partner_index(i)].id == e.partner);
    if (!(e.present & f::chan)) CHECK(m.chan_index(i) == kNone);
  }
}
