// Whole-file reading: the hand-written hot dog fixture loads; corrupted copies of it are rejected
// with FILE:LINE: messages that point at the damage.
#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include "load_error.hpp"
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

using namespace csptrace;
using csp_test::load_error;

namespace {

const std::string kFixture = std::string(CSP_FIXTURES) + "/hotdog.jsonl";

std::vector<std::string> fixture_lines() {
  std::ifstream in(kFixture);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

std::string write_temp(const std::string& name, const std::vector<std::string>& lines,
                       bool final_newline = true) {
  auto path = csp_test::temp_path(name + ".jsonl");
  std::ofstream out(path, std::ios::binary);
  for (size_t i = 0; i < lines.size(); ++i) {
    out << lines[i];
    if (i + 1 < lines.size() || final_newline) out << '\n';
  }
  return path;
}

}  // namespace

TEST_CASE("the hot dog fixture loads into the model", "[jsonl][reader]") {
  TraceModel m = load_trace(kFixture);
  REQUIRE(m.complete());
  REQUIRE(m.end_reason() == EndReason::Normal);
  REQUIRE(m.warnings().empty());
  REQUIRE(m.size() == 30);
  REQUIRE(m.processes().size() == 2);
  REQUIRE(m.str(m.processes()[1].name) == "hot-dog-machine");
  REQUIRE(m.processes()[1].parent == 0);
  REQUIRE(m.processes()[1].exit_event != kNone);
  REQUIRE(m.channels().size() == 2);
  REQUIRE(m.str(m.channels()[0].name) == "in");
  REQUIRE(m.channels()[0].close_event == 23);
  // Transfers carry the values of Listing 11-1.
  std::vector<std::string> values;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == EventKind::Transfer) values.push_back(m.value_text(m.event(i).value));
  REQUIRE(values == std::vector<std::string>{"\"pocket lint\"", "\"wilted lettuce\"", "3",
                                             "\"hot dog\"", "3", "\"hot dog\""});
  REQUIRE(format_event(m, 6, {.time = false}) ==
          "     7  transfer    chan=in from=main to=hot-dog-machine value=\"pocket lint\" "
          "via=direct");
}

TEST_CASE("corrupted copies of the fixture name the file and line", "[jsonl][reader]") {
  auto lines = fixture_lines();
  REQUIRE(lines.size() == 31);
  struct Case {
    const char* name;
    size_t line;  // 1-based line to replace
    std::string text;
    const char* expect;
  };
  std::vector<Case> cases = {
      {"badjson", 8, "{\"seq\":7,\"t\":5000,\"kind\":\"transfer\",", "not valid JSON"},
      {"unknownkind", 10, R"({"seq":9,"t":6000,"kind":"sneeze","proc":1})", "unknown event kind"},
      {"missingfield", 6, R"({"seq":5,"t":3000,"kind":"park","proc":2,"chan":1})",
       "lacks required field(s): op"},
      {"badref", 8,
       R"({"seq":7,"t":5000,"kind":"transfer","chan":7,"from":1,"to":2,"via":"direct"})",
       "chan 7 refers to a channel that no earlier chan_make"},
      {"badproc", 9, R"({"seq":8,"t":5100,"kind":"resume","proc":12})",
       "proc 12 refers to a process that no earlier spawn"},
      {"seqback", 12, R"({"seq":3,"t":7100,"kind":"unblock","proc":1})", "seq 3 does not increase"},
      {"wrongtype", 14, R"({"seq":13,"t":"soon","kind":"transfer"})", "\"t\" must be an integer"},
      {"extrafield", 7, R"({"seq":6,"t":4000,"kind":"mark","label":"x","chan":1})",
       "does not take field(s): chan"},
      {"twice", 27, R"({"seq":26,"t":16200,"kind":"exit","proc":1,"status":"ok"})", ""},
      {"noheader", 1, R"({"seq":0,"t":0,"kind":"mark","label":"x"})",
       "first line must be the header"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto copy = lines;
    copy[c.line - 1] = c.text;
    std::string path = write_temp(c.name, copy);
    std::string err = load_error(path);
    if (std::string(c.name) == "twice") {
      // main exits twice: line 30 is the second exit of proc 1.
      REQUIRE_THAT(err, Catch::StartsWith(path + ":30: ") && Catch::Contains("already exited"));
      continue;
    }
    REQUIRE_THAT(err, Catch::StartsWith(path + ":" + std::to_string(c.line) + ": "));
    REQUIRE_THAT(err, Catch::Contains(c.expect));
  }
}

TEST_CASE("a trace cut short loads with a warning", "[jsonl][reader]") {
  auto lines = fixture_lines();
  lines.resize(20);
  lines.back() = lines.back().substr(0, 17);  // torn last line, as if the writer died mid-write
  std::string path = write_temp("torn", lines, /*final_newline=*/false);
  TraceModel m = load_trace(path);
  REQUIRE_FALSE(m.complete());
  REQUIRE(m.end_reason() == EndReason::Truncated);
  REQUIRE(m.size() == 18);
  REQUIRE(m.warnings().size() == 2);
}

TEST_CASE("empty and non-trace files are refused", "[jsonl][reader]") {
  std::string empty = write_temp("empty", {}, false);
  REQUIRE_THAT(load_error(empty), Catch::Contains("empty"));
  std::string binary = write_temp("garbage", {std::string("\x01\x02\x03garbage", 10)});
  REQUIRE_THAT(load_error(binary), Catch::Contains("offset 0"));
  REQUIRE_THAT(load_error("/nonexistent/trace.jsonl"), Catch::Contains("cannot open"));
}

TEST_CASE("loading reports progress and can be cancelled", "[jsonl][reader]") {
  double last = 0;
  LoadOptions opt;
  opt.progress = [&](double p) { last = p; };
  (void)load_trace(kFixture, opt);
  REQUIRE(last == 1.0);
  std::atomic<bool> stop{true};
  LoadOptions cancel;
  cancel.cancel = &stop;
  REQUIRE_THROWS_AS(load_trace(kFixture, cancel), LoadCancelled);
}
