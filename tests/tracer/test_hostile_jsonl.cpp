// Hostile JSON Lines files (issue 9): each is refused with "FILE:LINE: what was expected", or
// accepted for what it is, without a crash and within bounded memory. The corrupted-fixture
// cases in test_jsonl_reader.cpp (bad JSON, unknown kind, wrong type, undefined references,
// seq going backwards, ...) are not repeated here.
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include "load_error.hpp"
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

using namespace csptrace;
using csp_test::load_error;

namespace {

const std::string kHeader =
    R"({"kind":"header","format":"cspscope-trace","version":1,"program":"hostile","scheduler":"threads"})";
const std::string kSpawn = R"({"seq":1,"t":0,"kind":"spawn","proc":1,"name":"main","mode":"main"})";

std::string write_file(const std::string& name, const std::string& bytes) {
  auto path = csp_test::temp_path(name + ".jsonl");
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string lines(const std::vector<std::string>& ls) {
  std::string out;
  for (const auto& l : ls) out += l + "\n";
  return out;
}

// The error for a file of these lines names the file, the line, and says what was expected.
void refused_at(const std::string& name, const std::vector<std::string>& ls, int line,
                const std::string& expect) {
  auto path = write_file(name, lines(ls));
  std::string err = load_error(path);
  CAPTURE(name, err);
  CHECK_THAT(err, Catch::StartsWith(path + ":" + std::to_string(line) + ": "));
  CHECK_THAT(err, Catch::Contains(expect));
}

}  // namespace

TEST_CASE("a newer format version is refused with the version numbers", "[jsonl][hostile]") {
  refused_at(
      "newer",
      {R"({"kind":"header","format":"cspscope-trace","version":99,"program":"p","scheduler":"threads"})"},
      1, "version 99 is newer than this cspscope understands");
}

TEST_CASE("NUL bytes and invalid UTF-8 are refused on their line", "[jsonl][hostile]") {
  std::string nul = R"({"seq":2,"t":1,"kind":"mark","label":"a)" + std::string(1, '\0') + R"(b"})";
  refused_at("nul", {kHeader, kSpawn, nul}, 3, "not valid JSON");
  std::string bad_utf8 =
      R"({"seq":2,"t":1,"kind":"mark","label":"caf)" + std::string("\xc3\x28") + R"("})";
  refused_at("utf8", {kHeader, kSpawn, bad_utf8}, 3, "not valid JSON");
  // nlohmann's lexer alone took the NUL for the end of the line and accepted what follows.
  std::string nul_outside = kSpawn + std::string(1, '\0') + "junk";
  refused_at("nul-outside", {kHeader, nul_outside}, 2, "not valid JSON: NUL byte at column 68");
}

TEST_CASE("an extremely long line is refused without reading it whole", "[jsonl][hostile]") {
  // 64 MB on one line: the reader stops at its line limit (1 MB).
  std::string path = csp_test::temp_path("long.jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    out << kHeader << "\n"
        << kSpawn << "\n"
        << R"({"seq":2,"t":1,"kind":"mark","label":")";
    std::string block(1 << 20, 'x');
    for (int i = 0; i < 64; ++i) out << block;
    out << "\"}\n";
  }
  std::string err = load_error(path);
  CHECK_THAT(err, Catch::StartsWith(path + ":3: "));
  CHECK_THAT(err, Catch::Contains("line is longer than"));
}

TEST_CASE("extremely deep nesting is refused", "[jsonl][hostile]") {
  const int depth = 100000;
  std::string deep = R"({"seq":2,"t":1,"kind":"mark","label":)" + std::string(depth, '[') +
                     std::string(depth, ']') + "}";
  refused_at("deep", {kHeader, kSpawn, deep}, 3, "JSON nested deeper than 8 levels");
  std::string deep_header =
      R"({"kind":"header","x":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
  refused_at("deep-header", {deep_header}, 1, "JSON nested deeper than 8 levels");
}

TEST_CASE("absurd numbers are refused or kept exactly", "[jsonl][hostile]") {
  SECTION("a capacity past the field's range") {
    refused_at(
        "cap",
        {kHeader, kSpawn,
         R"({"seq":2,"t":1,"kind":"chan_make","chan":1,"name":"c","buffer":"fixed","cap":99999999999999999999999,"proc":1})"},
        3, "field \"cap\" must be an integer from 0 to 4294967295, not 9.999999999999999e+22");
  }
  SECTION("a negative capacity") {
    refused_at(
        "cap-neg",
        {kHeader, kSpawn,
         R"({"seq":2,"t":1,"kind":"chan_make","chan":1,"name":"c","buffer":"fixed","cap":-1,"proc":1})"},
        3, "field \"cap\" must not be negative");
  }
  SECTION("ids past the id range") {
    refused_at("bigid",
               {kHeader,
                R"({"seq":1,"t":0,"kind":"spawn","proc":4294967296,"name":"main","mode":"main"})"},
               2, "field \"proc\" is out of range (from 0 to 4294967295)");
    refused_at(
        "hugeid",
        {kHeader,
         R"({"seq":1,"t":0,"kind":"spawn","proc":18446744073709551616,"name":"main","mode":"main"})"},
        2, "field \"proc\" must be an integer from 0 to 4294967295");
  }
  SECTION("the largest ids and a huge capacity are just numbers") {
    auto path = write_file(
        "hugeok",
        lines(
            {kHeader,
             R"({"seq":1,"t":0,"kind":"spawn","proc":4294967295,"name":"main","mode":"main"})",
             R"({"seq":2,"t":1,"kind":"chan_make","chan":4294967295,"name":"c","buffer":"fixed","cap":4294967295,"proc":4294967295})"}));
    TraceModel m = load_trace(path);
    REQUIRE(m.processes().size() == 1);
    REQUIRE(m.channels().size() == 1);
    CHECK(m.event(1).cap == 4294967295u);
  }
  SECTION("t near INT64_MAX, and t past it") {
    auto path = write_file(
        "tmax",
        lines(
            {kHeader,
             R"({"seq":1,"t":9223372036854775807,"kind":"spawn","proc":1,"name":"main","mode":"main"})"}));
    TraceModel m = load_trace(path);
    CHECK(m.time(0) == INT64_MAX);
    refused_at(
        "tover",
        {kHeader,
         R"({"seq":1,"t":9223372036854775808,"kind":"spawn","proc":1,"name":"main","mode":"main"})"},
        2, "field \"t\" is out of range (from -9223372036854775808 to 9223372036854775807)");
  }
  SECTION("seq past UINT64_MAX") {
    refused_at(
        "seqover",
        {kHeader,
         R"({"seq":18446744073709551616,"t":0,"kind":"spawn","proc":1,"name":"main","mode":"main"})"},
        2, "field \"seq\" must be an integer from 0 to 18446744073709551615");
  }
}

TEST_CASE("a million processes declared load in memory linear in the file", "[jsonl][hostile]") {
  std::string path = csp_test::temp_path("million.jsonl");
  const int n = 1000000;
  {
    std::ofstream out(path, std::ios::binary);
    out << kHeader << "\n";
    for (int i = 1; i <= n; ++i)
      out << R"({"seq":)" << i << R"(,"t":0,"kind":"spawn","proc":)" << i
          << R"(,"name":"p","mode":"go"})"
          << "\n";
  }
  TraceModel m = load_trace(path);
  CHECK(m.processes().size() == size_t(n));
  CHECK(!m.complete());
  // The model's memory stays a small multiple of the file's (about 60 bytes a line).
  CHECK(m.memory_bytes() < size_t(n) * 200);
}

TEST_CASE("proc 0 is refused where the kind is about a process", "[jsonl][hostile]") {
  // Found by fuzz_binary_reader: an exit with proc 0 indexed the process table with "none".
  refused_at("exit-proc0",
             {kHeader, kSpawn, R"({"seq":2,"t":1,"kind":"exit","proc":0,"status":"ok"})"}, 3,
             "exit: proc 0 is reserved for \"no process\"");
  refused_at(
      "park-proc0",
      {kHeader, kSpawn,
       R"({"seq":2,"t":1,"kind":"chan_make","chan":1,"name":"c","buffer":"unbuffered","cap":0})",
       R"({"seq":3,"t":2,"kind":"park","proc":0,"op":"take","chan":1})"},
      4, "park: proc 0 is reserved");
  // Where proc is optional, 0 still means "no process".
  auto path = write_file(
      "chan-make-proc0",
      lines(
          {kHeader, kSpawn,
           R"({"seq":2,"t":1,"kind":"chan_make","chan":1,"name":"c","buffer":"unbuffered","cap":0,"proc":0})"}));
  CHECK(load_trace(path).size() == 2);
}

TEST_CASE("seq 0 is refused", "[jsonl][hostile]") {
  // Found by fuzz_jsonl_reader: a first event with seq 0 loaded, then printing it threw.
  refused_at("seq0",
             {kHeader, R"({"seq":0,"t":0,"kind":"spawn","proc":1,"name":"main","mode":"main"})"}, 2,
             "seq 0 is not allowed; seq counts from 1");
}
