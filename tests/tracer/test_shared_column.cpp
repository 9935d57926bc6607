// SharedColumn and TraceModel::snapshot(): what a share holds never changes while the owner goes
// on appending, past its capacity (new storage) or inserting out of order (a copy when the place
// was shared); and a snapshot of a growing model reads as the prefix of the finished one.
#include <csptrace/shared_column.hpp>
#include <csptrace/trace_model.hpp>

#include "random_trace.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace csptrace;

namespace {

std::vector<uint32_t> values(const SharedColumn<uint32_t>& c) { return {c.begin(), c.end()}; }

}  // namespace

TEST_CASE("a share keeps its elements while the owner grows past its storage", "[model]") {
  SharedColumn<uint32_t> owner;
  owner.push_back(1);
  owner.push_back(2);
  const SharedColumn<uint32_t> early = owner.share();
  const uint32_t* before = owner.data();
  for (uint32_t i = 3; i <= 100'000; ++i) owner.push_back(i);
  CHECK(owner.data() != before);  // moved to bigger storage; the share keeps the old one
  CHECK(early.data() == before);
  CHECK(values(early) == std::vector<uint32_t>{1, 2});
  REQUIRE(owner.size() == 100'000);
  CHECK(owner[99'999] == 100'000);
}

TEST_CASE("an insertion out of order copies only when its place was handed out", "[model]") {
  auto less = [](uint32_t a, uint32_t b) { return a < b; };
  SharedColumn<uint32_t> owner;
  for (uint32_t v : {10u, 20u, 30u}) owner.insert_sorted(v, less);
  const SharedColumn<uint32_t> shared = owner.share();
  owner.insert_sorted(40, less);
  owner.insert_sorted(35, less);  // after the shared part: in place
  CHECK(owner.data() == shared.data());
  CHECK(values(owner) == std::vector<uint32_t>{10, 20, 30, 35, 40});
  owner.insert_sorted(15, less);  // inside the shared part: the owner copies first
  CHECK(owner.data() != shared.data());
  CHECK(values(owner) == std::vector<uint32_t>{10, 15, 20, 30, 35, 40});
  CHECK(values(shared) == std::vector<uint32_t>{10, 20, 30});
}

TEST_CASE("snapshots of a growing model read as prefixes of the finished one", "[model]") {
  const TraceModel full = testing::random_trace(7, 20'000);
  TraceModelBuilder b(full.source());
  b.set_header(full.header());
  for (size_t s = 1; s < full.strings().size(); ++s)
    b.strings().intern(full.strings().get(StrId(s)));
  std::vector<TraceModel> snaps;
  std::shared_ptr<const StringTable> strings;
  for (size_t i = 0; i < full.size(); ++i) {
    b.add(full.event(i));
    if (i % 1777 == 0) {
      snaps.push_back(b.so_far().snapshot(strings));
      strings = snaps.back().shared_strings();
    }
  }
  const TraceModel done = std::move(b).finish();
  REQUIRE(snaps.size() > 5);
  for (const TraceModel& s : snaps) {
    INFO("snapshot of " << s.size() << " events");
    REQUIRE(s.processes().size() <= done.processes().size());
    for (size_t i = 0; i < s.size(); ++i) {
      REQUIRE(s.event(i) == done.event(i));
      REQUIRE(s.seq(i) == done.seq(i));
      REQUIRE(s.proc_index(i) == done.proc_index(i));
      REQUIRE(s.chan_index(i) == done.chan_index(i));
    }
    for (size_t id = 0; id < s.strings().size(); ++id)
      REQUIRE(s.str(StrId(id)) == done.str(StrId(id)));
  }
}

TEST_CASE("a big column grows and shrinks in place, and copies only what a share holds",
          "[model]") {
  // Past huge_pages::kHugeBlockBytes the storage is a mapping of its own: growing it is an
  // mremap (no copy, no second block under ulimit -v) and shrink_to_fit unmaps the tail.
  SharedColumn<uint64_t> c;
  const size_t n = 3 * csptrace::huge_pages::kHugeBlockBytes / sizeof(uint64_t);
  for (uint64_t i = 0; i < n; ++i) c.push_back(i * 7);
  REQUIRE(c.size() == n);
  c.shrink_to_fit();
  CHECK(c.capacity() == n);
  bool same = true;
  for (uint64_t i = 0; i < n; ++i) same &= c[i] == i * 7;
  CHECK(same);
  // With a share alive, growing moves the owner to new storage and leaves the share intact.
  const SharedColumn<uint64_t> s = c.share();
  c.shrink_to_fit();  // the share holds the storage: no change
  CHECK(c.capacity() == n);
  for (uint64_t i = 0; i < 1000; ++i) c.push_back(1);
  CHECK(c.data() != s.data());
  CHECK(s.size() == n);
  CHECK(s[n - 1] == (n - 1) * 7);
  CHECK(c[n - 1] == (n - 1) * 7);
  CHECK(c[n] == 1);
}
