// Whole binary files: written from the fixture, cut at every byte, corrupted byte by byte.
#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/jsonl_codec.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace csptrace;

namespace {

const std::string kFixture = std::string(CSP_FIXTURES) + "/hotdog.jsonl";

std::string temp(const std::string& name) { return csp_test::temp_path(name); }

std::string write_binary(const TraceModel& m, const std::string& name, size_t per_chunk) {
  std::string path = temp(name);
  BinaryTraceWriter w(path, m.header(), per_chunk);
  for (size_t i = 0; i < m.size(); ++i) w.add(m.event(i), m.strings());
  w.close();
  return path;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_all(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::vector<std::string> printed(const TraceModel& m) {
  std::vector<std::string> out;
  for (size_t i = 0; i < m.size(); ++i) out.push_back(format_event(m, i, {.time = false}));
  return out;
}

}  // namespace

TEST_CASE("the fixture round-trips through the binary encoding", "[binary][reader]") {
  TraceModel j = load_trace(kFixture);
  TraceModel b = load_trace(write_binary(j, "roundtrip.csptrace", 4));
  REQUIRE(b.size() == j.size());
  // String ids are renumbered in order of first use; the texts are the same.
  for (size_t i = 0; i < j.size(); ++i)
    CHECK(encode_jsonl_event(b.event(i), b.strings()) ==
          encode_jsonl_event(j.event(i), j.strings()));
  CHECK(printed(b) == printed(j));
  CHECK(b.complete());
  CHECK(b.header().program == j.header().program);
}

TEST_CASE("a binary file cut at any byte loads its whole chunks or fails cleanly",
          "[binary][reader]") {
  TraceModel j = load_trace(kFixture);
  const std::string whole = read_all(write_binary(j, "cut-src.csptrace", 3));
  const std::string path = temp("cut.csptrace");
  const size_t header_bytes = binary::encode_header(j.header()).size();
  size_t last_count = 0, loaded = 0;
  for (size_t n = 0; n < whole.size(); ++n) {
    write_all(path, whole.substr(0, n));
    try {
      TraceModel m = load_trace(path);
      ++loaded;
      CHECK(!m.complete());
      CHECK(m.size() % 3 == 0);
      CHECK(m.size() >= last_count);
      last_count = m.size();
      REQUIRE(!m.warnings().empty());
      if (m.warnings().size() == 2) CHECK_THAT(m.warnings()[0], Catch::Contains("recovered"));
    } catch (const TraceError& ex) {
      // Only a file cut inside its header is unusable.
      CHECK(n < header_bytes);
      CHECK_THAT(ex.what(), Catch::StartsWith(path + ":"));
    }
  }
  CHECK(loaded > whole.size() / 2);
  CHECK(last_count >= j.size() - 3);
}

TEST_CASE("a corrupted byte is reported with its offset", "[binary][reader]") {
  TraceModel j = load_trace(kFixture);
  const std::string whole = read_all(write_binary(j, "corrupt-src.csptrace", 8));
  const std::string path = temp("corrupt.csptrace");
  for (size_t at : {size_t(3), size_t(30), whole.size() / 2, whole.size() - 1}) {
    std::string bad = whole;
    bad[at] = char(bad[at] ^ 0x5a);
    write_all(path, bad);
    try {
      (void)load_trace(path);
      FAIL("corruption at " << at << " was accepted");
    } catch (const TraceError& ex) {
      CHECK(ex.place() != TraceError::Place::Line);
      CHECK(ex.where() <= at);
      CHECK_THAT(ex.what(), Catch::StartsWith(path + ": "));
    }
  }
}

TEST_CASE("the binary reader reports progress and honours cancellation", "[binary][reader]") {
  TraceModel j = load_trace(kFixture);
  const std::string path = write_binary(j, "progress.csptrace", 4);
  std::vector<double> seen;
  LoadOptions opts;
  opts.progress = [&](double f) { seen.push_back(f); };
  CHECK(load_trace(path, opts).size() == j.size());
  REQUIRE(seen.size() >= 2);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(seen.back() == 1.0);
  std::atomic<bool> cancel{true};
  LoadOptions stop;
  stop.cancel = &cancel;
  CHECK_THROWS_AS(load_trace(path, stop), LoadCancelled);
}
