// StringTable against a std::unordered_map doing the same: every string keeps its id, a second
// intern finds it, distinct strings get distinct ids, across the index's growth, strings longer
// than a block, the empty string, and strings whose hashes share the tag of the index's probe.
#include <csptrace/string_table.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

using namespace csptrace;

TEST_CASE("StringTable interns like a hash map: 300 000 strings, duplicates, huge and empty ones",
          "[tracer][strings]") {
  StringTable t;
  std::unordered_map<std::string, StrId> want{{"", 0}};
  std::vector<std::string> by_id{""};
  std::mt19937_64 rng(42);
  auto check_intern = [&](const std::string& s) {
    // find() answers as the map does before the string is interned.
    const auto known = want.find(s);
    REQUIRE(t.find(s) == (known == want.end() ? StringTable::kAbsent : known->second));
    const StrId id = t.intern(s);
    REQUIRE(t.find(s) == id);
    const auto [it, fresh] = want.emplace(s, id);
    if (fresh) {
      REQUIRE(id == by_id.size());  // ids are dense, in first-intern order
      by_id.push_back(s);
    } else {
      REQUIRE(id == it->second);
    }
  };
  for (int i = 0; i < 300000; ++i) {
    switch (rng() % 8) {
      case 0:  // one seen before
        check_intern(by_id[rng() % by_id.size()]);
        break;
      case 1:  // short texts that differ in one byte
        check_intern("m" + std::to_string(rng() % 5000));
        break;
      default: check_intern(std::to_string(rng()) + "-" + std::to_string(i)); break;
    }
    if (i % 100000 == 0) check_intern(std::string((size_t{1} << 22) + 17 + i, 'x'));  // > a block
  }
  REQUIRE(t.size() == by_id.size());
  for (StrId id = 0; id < by_id.size(); ++id) REQUIRE(t.get(id) == by_id[id]);
  for (const auto& [s, id] : want) REQUIRE(t.intern(s) == id);
  CHECK(t.size() == by_id.size());
}
