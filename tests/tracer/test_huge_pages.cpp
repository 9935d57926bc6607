// HugePageAllocator: big blocks are 2 MiB aligned mappings, small ones come from operator new,
// and both behave as ordinary vector storage (growth copies, moves, frees).
#include <catch2/catch.hpp>

#include <csptrace/huge_page_allocator.hpp>

#include <cstdint>
#include <numeric>

using csptrace::HugeVector;

TEST_CASE("a huge vector holds what is pushed through every growth, small and big", "[model]") {
  HugeVector<uint32_t> v;
  const size_t n = (size_t{24} << 20) / sizeof(uint32_t);  // grows past the 4 MiB threshold
  for (size_t i = 0; i < n; ++i) v.push_back(static_cast<uint32_t>(i * 2654435761u));
  REQUIRE(v.size() == n);
  for (size_t i = 0; i < n; i += 4099) CHECK(v[i] == static_cast<uint32_t>(i * 2654435761u));
  CHECK(v.back() == static_cast<uint32_t>((n - 1) * 2654435761u));
  // A big block is a mapping of its own, aligned to the 2 MiB of a huge page.
  CHECK(reinterpret_cast<uintptr_t>(v.data()) % (size_t{2} << 20) == 0);

  HugeVector<uint32_t> moved = std::move(v);
  CHECK(moved.size() == n);
  HugeVector<uint32_t> copy = moved;
  CHECK(std::equal(copy.begin(), copy.end(), moved.begin()));
  copy.resize(10);
  copy.shrink_to_fit();  // now a small block from operator new, freed as one
  CHECK(copy.size() == 10);
  CHECK(copy[9] == static_cast<uint32_t>(9 * 2654435761u));
}

TEST_CASE("a huge vector of 64-bit entries keeps their alignment and values", "[model]") {
  HugeVector<int64_t> v(size_t{1} << 20);
  std::iota(v.begin(), v.end(), int64_t{-5});
  CHECK(reinterpret_cast<uintptr_t>(v.data()) % alignof(int64_t) == 0);
  CHECK(v.front() == -5);
  CHECK(v.back() == (int64_t{1} << 20) - 6);
  CHECK(std::accumulate(v.begin(), v.end(), int64_t{0}) ==
        ((int64_t{1} << 20) * ((int64_t{1} << 20) - 11)) / 2);
}
