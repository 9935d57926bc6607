// Hostile binary (.csptrace) files (issue 9): each is refused with "FILE: offset N: what was
// expected", or loaded up to its last whole chunk with a warning, without a crash and without
// allocating what the file merely claims. Cutting at every byte and flipping single bytes are in
// test_binary_reader.cpp.
#include <csptrace/binary_codec.hpp>
#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <random>
#include <string>

using namespace csptrace;

namespace {

const std::string kFixture = std::string(CSP_FIXTURES) + "/hotdog.jsonl";

std::string fixture_bytes() {
  TraceModel m = load_trace(kFixture);
  std::string path = csp_test::temp_path("hostile-src.csptrace");
  BinaryTraceWriter w(path, m.header(), 8);
  for (size_t i = 0; i < m.size(); ++i) w.add(m.event(i), m.strings());
  w.close();
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::string write_file(const std::string& name, const std::string& bytes) {
  auto path = csp_test::temp_path(name + ".csptrace");
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

void set_u32(std::string& b, size_t at, uint32_t v) {
  binary::put_u32(reinterpret_cast<uint8_t*>(b.data() + at), v);
}

size_t first_chunk(const std::string& b) {
  return binary::kFixedHeaderBytes +
         binary::get_u32(reinterpret_cast<const uint8_t*>(b.data() + 12));
}

// Loading these bytes fails with "FILE: offset <at>: ...expect...".
void refused_at(const std::string& name, const std::string& bytes, size_t at,
                const std::string& expect) {
  auto path = write_file(name, bytes);
  try {
    (void)load_trace(path);
    FAIL(name << " was accepted");
  } catch (const TraceError& ex) {
    CAPTURE(name, ex.what());
    CHECK_THAT(ex.what(), Catch::StartsWith(path + ": offset " + std::to_string(at) + ": "));
    CHECK_THAT(ex.what(), Catch::Contains(expect));
  }
}

}  // namespace

TEST_CASE("a binary file from a newer format version is refused", "[binary][hostile]") {
  std::string b = fixture_bytes();
  set_u32(b, 8, kFormatVersion + 1);
  refused_at("newer", b, 8,
             "version " + std::to_string(kFormatVersion + 1) +
                 " is newer than this cspscope understands (version " +
                 std::to_string(kFormatVersion) + ")");
}

TEST_CASE("a chunk claiming a huge length is refused before anything is allocated",
          "[binary][hostile]") {
  std::string b = fixture_bytes();
  const size_t at = first_chunk(b);
  set_u32(b, at, 0xffffffffu);
  refused_at("hugechunk", b, at, "chunk length 4294967295 is larger than any writer produces");
}

TEST_CASE("a chunk claiming more bytes than the file has loads the chunks before it",
          "[binary][hostile]") {
  std::string b = fixture_bytes();
  const size_t at = first_chunk(b);
  const uint32_t len = binary::get_u32(reinterpret_cast<const uint8_t*>(b.data() + at));
  size_t second = at + binary::kChunkHeaderBytes + len;
  set_u32(b, second, binary::kMaxChunkPayload);
  TraceModel m = load_trace(write_file("longchunk", b));
  CHECK(!m.complete());
  CHECK(m.size() == 8);  // the first chunk's events
  REQUIRE(m.warnings().size() >= 1);
  CHECK_THAT(m.warnings().front(),
             Catch::Contains("ends inside a chunk at offset " + std::to_string(second)));
}

TEST_CASE("a header claiming a huge length is refused", "[binary][hostile]") {
  std::string b = fixture_bytes();
  set_u32(b, 12, 0xfffffff0u);
  refused_at("hugeheader", b, 12, "header length 4294967280 is implausible");
}

TEST_CASE("random bytes after the magic are refused with an offset", "[binary][hostile]") {
  std::mt19937 rng(9);
  for (int round = 0; round < 200; ++round) {
    std::string b(binary::kMagic, sizeof binary::kMagic);
    const size_t n = rng() % 4096;
    for (size_t i = 0; i < n; ++i) b.push_back(char(rng()));
    auto path = write_file("random", b);
    try {
      (void)load_trace(path);
      FAIL("random bytes were accepted, round " << round);
    } catch (const TraceError& ex) {
      CHECK_THAT(ex.what(), Catch::StartsWith(path + ": offset "));
    }
  }
}

TEST_CASE("a binary file of only the magic is refused", "[binary][hostile]") {
  refused_at("magic-only", std::string(binary::kMagic, sizeof binary::kMagic), 8,
             "the file ends inside the header");
}
