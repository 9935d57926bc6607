// json_text writes values as nlohmann::json::dump(-1) does (the chrome export kept its output
// when it stopped building a document per event): a property test over random values.
#include <csptrace/json_text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>

namespace jt = csptrace::json_text;

TEST_CASE("json_text writes integers and texts as nlohmann dumps them, doubles as the same values",
          "[export]") {
  std::mt19937_64 rng(42);
  for (int n = 0; n < 200000; ++n) {
    // Magnitudes from 1e-9 to 1e19 and their negatives, integral ones, and zero.
    const double mantissa = std::uniform_real_distribution<double>(-10, 10)(rng);
    double v = mantissa * std::pow(10.0, int(rng() % 29) - 10);
    if (n % 7 == 0) v = std::round(v);
    if (n % 1001 == 0) v = 0;
    std::string out;
    jt::append(out, v);
    const std::string theirs = nlohmann::json(v).dump();
    INFO(out << " against nlohmann's " << theirs);
    // The same double, in the same notation. The digits may differ in the last place: ours are
    // the shortest that read back as v (std::to_chars), grisu2's are sometimes one longer.
    REQUIRE(std::strtod(out.c_str(), nullptr) == v);
    REQUIRE((out.find('e') == std::string::npos) == (theirs.find('e') == std::string::npos));
    REQUIRE(out.size() <= theirs.size());
    if (out.find('e') == std::string::npos) REQUIRE(out.find('.') != std::string::npos);
  }
  for (int64_t v : {int64_t{0}, int64_t{-1}, INT64_MAX, INT64_MIN, int64_t{1234567}}) {
    std::string out;
    jt::append(out, v);
    CHECK(out == nlohmann::json(v).dump());
  }
  // Texts: printable ASCII, every control character, quotes, backslashes, UTF-8.
  const std::string alphabet =
      std::string("ab\"\\/ é漢😀\x7f") + std::string(1, '\0') + "\x01\x08\x09\x0a\x0c\x0d\x1f";
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (size_t k = rng() % 12; k > 0; --k) {
      const size_t at = rng() % alphabet.size();
      s += alphabet[at];
    }
    if (!csptrace::is_valid_utf8(s)) continue;  // a multi-byte character cut: not this test's
    std::string out;
    jt::append(out, s);
    INFO(s);
    REQUIRE(out == nlohmann::json(s).dump());
  }
}
