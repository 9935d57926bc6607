// csptrace as a user runs it: exit codes and messages.
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

struct Run {
  int status;
  std::string out;
};

Run run(const std::string& args) {
  std::string cmd = std::string(CSPTRACE_EXE) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int st = pclose(p);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

const std::string kFixture = std::string(CSP_FIXTURES) + "/hotdog.jsonl";

}  // namespace

TEST_CASE("csptrace validate accepts the fixture and rejects a corrupted copy", "[cli]") {
  Run ok = run("validate " + kFixture);
  REQUIRE(ok.status == 0);
  REQUIRE_THAT(ok.out, Catch::Contains("valid, 30 events, 2 processes, 2 channels"));

  auto bad = csp_test::temp_path("cli-bad.jsonl");
  {
    std::ifstream in(kFixture);
    std::ofstream out(bad);
    int n = 0;
    for (std::string l; std::getline(in, l);) {
      if (++n == 5) l = R"({"seq":4,"t":2000,"kind":"spawn","proc":2,"name":"m"})";
      out << l << '\n';
    }
  }
  Run r = run("validate " + bad);
  REQUIRE(r.status == 1);
  REQUIRE_THAT(r.out, Catch::StartsWith(bad + ":5: ") && Catch::Contains("mode"));
}

TEST_CASE("csptrace print --no-time prints one stable line per event", "[cli]") {
  Run r = run("print --no-time " + kFixture);
  REQUIRE(r.status == 0);
  REQUIRE(std::count(r.out.begin(), r.out.end(), '\n') == 30);
  REQUIRE_THAT(r.out, Catch::Contains("transfer    chan=out from=hot-dog-machine to=main"));
  REQUIRE_THAT(r.out, Catch::Contains("refused     proc=main chan=in op=put value=3"));
  REQUIRE_FALSE(Catch::Contains(" ms ").match(r.out));
  Run timed = run("print " + kFixture);
  REQUIRE_THAT(timed.out, Catch::Contains("µs"));
}

TEST_CASE("csptrace usage errors and help", "[cli]") {
  REQUIRE(run("").status == 2);
  REQUIRE(run("frobnicate x").status == 2);
  REQUIRE(run("validate").status == 2);
  REQUIRE(run("validate --help").status == 0);
  REQUIRE(run("print --help").status == 0);
  REQUIRE(run("print --bogus " + kFixture).status == 2);
  REQUIRE(run("print /nonexistent.jsonl").status == 2);
}

TEST_CASE("docs/trace-format.md holds exactly what csptrace schema prints", "[cli][docs]") {
  std::ifstream in(std::string(CSP_DOCS) + "/trace-format.md");
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string begin = "<!-- BEGIN GENERATED: csptrace schema -->\n";
  const std::string end = "<!-- END GENERATED -->";
  auto b = doc.find(begin);
  auto e = doc.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  std::string generated = doc.substr(b + begin.size(), e - b - begin.size());
  Run r = run("schema");
  REQUIRE(r.status == 0);
  INFO("regenerate the reference with: csptrace schema, between the markers");
  REQUIRE(generated == r.out);
}
