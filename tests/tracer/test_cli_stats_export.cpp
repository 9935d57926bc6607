// csptrace stats, export and validate on binary files, as a user runs them.
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

const std::string kFixture = std::string(CSP_FIXTURES) + "/hotdog.jsonl";

std::string temp(const std::string& name) { return csp_test::temp_path("cli2-" + name); }

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Runs csptrace with args; returns the exit status, output (stdout and stderr) in `out`.
int csptrace(const std::string& args, std::string& out) {
  const std::string log = temp("output.txt");
  int st = std::system((std::string(CSPTRACE_EXE) + " " + args + " >" + log + " 2>&1").c_str());
  out = slurp(log);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

}  // namespace

TEST_CASE("csptrace stats counts events, kinds and channel waits", "[cli][stats]") {
  std::string out;
  REQUIRE(csptrace("stats --json " + kFixture, out) == 0);
  auto j = nlohmann::json::parse(out);
  CHECK(j["events"] == 30);
  CHECK(j["kinds"]["transfer"] == 6);
  CHECK(j["processes"] == 2);
  CHECK(j["channels"] == 2);
  CHECK(j["channel_stats"][0]["transfers"] == 3);
  CHECK(j["channel_stats"][0]["take_wait_ns"] == 4300);  // three parks of 2.1 + 1.1 + 1.1 µs
  REQUIRE(csptrace("stats " + kFixture, out) == 0);
  CHECK_THAT(out, Catch::Contains("transfers") && Catch::Contains("4.300 µs"));
  CHECK(csptrace("stats --bogus " + kFixture, out) == 2);
}

TEST_CASE("export jsonl <-> csptrace is lossless and binary -> jsonl -> binary is exact",
          "[cli][export]") {
  std::string out;
  const std::string b1 = temp("a.csptrace"), j1 = temp("b.jsonl"), b2 = temp("c.csptrace");
  REQUIRE(csptrace("export --format csptrace " + kFixture + " -o " + b1, out) == 0);
  REQUIRE(csptrace("export --format jsonl " + b1 + " -o " + j1, out) == 0);
  REQUIRE(csptrace("export --format csptrace " + j1 + " -o " + b2, out) == 0);
  CHECK(slurp(b1) == slurp(b2));
  CHECK(slurp(b1).size() < slurp(kFixture).size() / 3);
  std::string p0, p1;
  REQUIRE(csptrace("print --no-time " + kFixture, p0) == 0);
  REQUIRE(csptrace("print --no-time " + b1, p1) == 0);
  CHECK(p0 == p1);
  CHECK(csptrace("export --format svg " + kFixture + " -o " + b2, out) == 2);
  CHECK_THAT(out, Catch::Contains("unknown format"));
}

TEST_CASE("export chrome writes trace events with slices and flows", "[cli][export]") {
  std::string out;
  const std::string c = temp("chrome.json");
  REQUIRE(csptrace("export --format chrome " + kFixture + " -o " + c, out) == 0);
  auto j = nlohmann::json::parse(slurp(c));
  int slices = 0, flows = 0, threads = 0;
  for (const auto& e : j["traceEvents"]) {
    if (e["ph"] == "X") ++slices;
    if (e["ph"] == "s") ++flows;
    if (e["ph"] == "M" && e["name"] == "thread_name") ++threads;
  }
  CHECK(threads == 4);     // two processes, two channels
  CHECK(slices >= 2 + 6);  // two lives, three parks, three blocks
  CHECK(flows == 6);       // every transfer of the fixture is a rendezvous
}

TEST_CASE("validate accepts a truncated binary trace and rejects an unusable one",
          "[cli][binary]") {
  std::string out;
  const std::string b = temp("v.csptrace"), cut = temp("cut.csptrace");
  REQUIRE(csptrace("export --format csptrace " + kFixture + " -o " + b, out) == 0);
  const std::string bytes = slurp(b);
  std::ofstream(cut, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 5);
  REQUIRE(csptrace("validate " + cut, out) == 0);
  CHECK_THAT(out, Catch::Contains("warning: the file ends inside a chunk") &&
                      Catch::Contains("recovered 0 events"));
  std::ofstream(cut, std::ios::binary | std::ios::trunc) << bytes.substr(0, 12);
  REQUIRE(csptrace("validate " + cut, out) == 1);
  CHECK_THAT(out, Catch::StartsWith(cut + ": offset "));
}
