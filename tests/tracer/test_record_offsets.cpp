// The model's record offsets in 16-bit distances from a base per block (record_offsets.hpp):
// every offset reads back, across blocks, after a streaming pass drops a prefix of any length,
// and in a share taken before more were appended.
#include <csptrace/record_offsets.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

using namespace csptrace;

namespace {

// Offsets of records 1 to 320 bytes long, as the model writes them.
std::vector<uint32_t> offsets(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<uint32_t> len(1, 320);
  std::vector<uint32_t> v(n);
  uint32_t at = 0;
  for (auto& x : v) {
    x = at;
    at += len(rng);
  }
  return v;
}

}  // namespace

TEST_CASE("record offsets read back what was appended", "[model][offsets]") {
  const std::vector<uint32_t> want = offsets(1000, 1);
  RecordOffsets r;
  for (uint32_t x : want) r.push_back(x);
  REQUIRE(r.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) CHECK(r[i] == want[i]);
  CHECK(RecordOffsets::bytes_for(r.size()) == 1000 * 2 + 16 * 8);
}

TEST_CASE("record offsets after dropping a prefix of any length", "[model][offsets]") {
  for (size_t drop : {0, 1, 63, 64, 65, 500, 999, 1000}) {
    INFO("drop " << drop);
    const std::vector<uint32_t> want = offsets(1000, uint32_t(drop) + 2);
    RecordOffsets r;
    for (uint32_t x : want) r.push_back(x);
    const uint32_t by = drop < want.size() ? want[drop] : 0;
    r.drop_front(drop, by);
    REQUIRE(r.size() == want.size() - drop);
    for (size_t k = 0; k < r.size(); ++k) CHECK(r[k] == want[drop + k] - by);
    // It keeps growing from there.
    r.push_back(want.back() - by + 300);
    CHECK(r[r.size() - 1] == want.back() - by + 300);
  }
}

TEST_CASE("a share of record offsets keeps its prefix while the owner appends",
          "[model][offsets]") {
  const std::vector<uint32_t> want = offsets(5000, 3);
  RecordOffsets r;
  for (size_t i = 0; i < 100; ++i) r.push_back(want[i]);
  const RecordOffsets s = r.share();
  for (size_t i = 100; i < want.size(); ++i) r.push_back(want[i]);
  REQUIRE(s.size() == 100);
  for (size_t i = 0; i < s.size(); ++i) CHECK(s[i] == want[i]);
  for (size_t i = 0; i < r.size(); ++i) CHECK(r[i] == want[i]);
}

TEST_CASE("offsets that jump past 64 KiB within a block are kept whole and read back",
          "[model][offsets]") {
  // Records left in a binary file: a chunk's strings may lie between two records of a block.
  std::vector<uint64_t> want = {0, 10, 70000, 70010, uint64_t{5} << 32, (uint64_t{5} << 32) + 7};
  for (uint64_t k = 0; k < 200; ++k) want.push_back(want.back() + 1 + k % 300);
  want.push_back(want.back() + 65535);
  want.push_back(want.back() + 65534);
  RecordOffsets r;
  for (uint64_t x : want) r.push_back(x);
  REQUIRE(r.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) CHECK(r[i] == want[i]);
  const RecordOffsets s = r.share();
  r.push_back(want.back() + 100000);
  for (size_t i = 0; i < want.size(); ++i) CHECK(s[i] == want[i]);
  CHECK(r[want.size()] == want.back() + 100000);
  r.drop_front(3, 0);
  for (size_t k = 0; k + 3 < want.size(); ++k) CHECK(r[k] == want[3 + k]);
  CHECK(r.far_bytes() > 0);
}
