// csptrace check and print --csp as a user runs them: exit codes, text, JSON.
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

struct Run {
  int status;
  std::string out;
};

// Runs csptrace with args; out is its stdout (and stderr too when with_stderr).
Run run(const std::string& args, bool with_stderr = false) {
  const auto out_file = std::filesystem::path(csp_test::temp_path("check-out.txt"));
  const std::string cmd = std::string(CSPTRACE_EXE) + " " + args + " >" + out_file.string() +
                          (with_stderr ? " 2>&1" : " 2>/dev/null");
  const int st = std::system(cmd.c_str());
  std::ifstream in(out_file, std::ios::binary);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1,
          std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())};
}

std::string fixture(const std::string& name) { return std::string(CSP_FIXTURES) + "/" + name; }

}  // namespace

TEST_CASE("csptrace check exit codes follow the worst finding", "[cli][check]") {
  REQUIRE(run("check " + fixture("hotdog.jsonl")).status == 0);
  REQUIRE(run("check " + fixture("nearmiss-writer-running.jsonl")).status == 0);
  REQUIRE(run("check " + fixture("nearmiss-pending-timer.jsonl")).status == 0);
  REQUIRE(run("check --strict " + fixture("nearmiss-pending-timer.jsonl")).status == 0);
  REQUIRE(run("check " + fixture("nearmiss-daemon-at-exit.jsonl")).status == 0);
  // A predicted stranded wait is a warning: fine unless --strict (--fail-on warning).
  REQUIRE(run("check " + fixture("finding-predicted-sleeper.jsonl")).status == 0);
  REQUIRE(run("check --strict " + fixture("finding-predicted-sleeper.jsonl")).status == 1);
  for (const char* f :
       {"finding-global-deadlock.jsonl", "finding-wait-cycle.jsonl", "finding-stranded-wait.jsonl",
        "finding-wait-cycle-forks.jsonl", "finding-dead-alt.jsonl",
        "finding-timeout-masked-loss.jsonl", "finding-blocked-at-exit.jsonl"})
    REQUIRE(run(std::string("check ") + fixture(f)).status == 1);
}

TEST_CASE("csptrace check prints one block per finding, severity first", "[cli][check]") {
  Run r = run("check " + fixture("finding-global-deadlock.jsonl"));
  REQUIRE_THAT(r.out, Catch::StartsWith("error: global-deadlock (proven)"));
  REQUIRE_THAT(r.out, Catch::Contains("\nerror: stranded-wait (proven)"));
  REQUIRE_THAT(r.out, Catch::Contains("source:    pipeline.cpp:22"));
  REQUIRE_THAT(r.out, Catch::Contains("3 error(s), 0 warning(s), 0 info"));
  Run ok = run("check " + fixture("hotdog.jsonl"));
  REQUIRE_THAT(ok.out, Catch::EndsWith("no findings\n"));
}

TEST_CASE("csptrace check --json prints one object with every field", "[cli][check]") {
  Run r = run("check --json " + fixture("finding-wait-cycle.jsonl"));
  REQUIRE(r.status == 1);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 1);
  const auto& findings = j.at("findings");
  REQUIRE(findings.size() == 3);
  const auto& cyc = findings[1];
  REQUIRE(cyc.at("kind") == "wait-cycle");
  REQUIRE(cyc.at("severity") == "error");
  REQUIRE(cyc.at("strength") == "observed");
  REQUIRE(cyc.at("event") == 15);
  REQUIRE(cyc.at("time_ns") == 4100);
  REQUIRE(cyc.at("processes") == nlohmann::json::array({"phil-0", "phil-1"}));
  REQUIRE(cyc.at("channels") == nlohmann::json::array({"fork-1", "fork-0"}));
  REQUIRE(cyc.at("locations") == nlohmann::json::array({"phil.cpp:21"}));
  REQUIRE(cyc.at("cycle").size() == 2);
  REQUIRE(cyc.at("cycle")[0].at("releaser") == "phil-1");
  REQUIRE_THAT(cyc.at("explanation").get<std::string>(), Catch::Contains("wait for each other"));

  const auto none = nlohmann::json::parse(run("check --json " + fixture("hotdog.jsonl")).out);
  REQUIRE(none.at("findings").empty());
}

TEST_CASE("csptrace check on an unreadable file exits 2 with FILE:LINE", "[cli][check]") {
  auto bad = csp_test::temp_path("check-bad.jsonl");
  {
    std::ofstream out(bad);
    out << R"({"kind":"header","format":"cspscope-trace","version":1})"
        << "\n"
        << R"({"seq":1,"t":0,"kind":"park","proc":7,"op":"take","chan":1})"
        << "\n";
  }
  Run r = run("check " + bad, true);
  REQUIRE(r.status == 2);
  REQUIRE_THAT(r.out, Catch::StartsWith(bad + ":2: "));
  REQUIRE(run("check /nonexistent.jsonl").status == 2);
  REQUIRE(run("check").status == 2);
  REQUIRE(run("check --bogus " + fixture("hotdog.jsonl")).status == 2);
  REQUIRE(run("check --help").status == 0);
  REQUIRE_THAT(run("check --help").out, Catch::Contains("--strict"));
}

TEST_CASE("csptrace print --csp writes the run in textbook CSP notation", "[cli][csp]") {
  Run r = run("print --csp " + fixture("hotdog.jsonl"));
  REQUIRE(r.status == 0);
  REQUIRE_THAT(r.out, Catch::StartsWith(
                          "⟨in.\"pocket lint\", out.\"wilted lettuce\", in.3, out.\"hot dog\", "
                          "in.3, out.\"hot dog\"⟩\n"));
  REQUIRE_THAT(r.out, Catch::Contains("\nhot-dog-machine: ⟨in.\"pocket lint\""));
  // Each process sees only its own communications.
  Run phil = run("print --csp " + fixture("finding-wait-cycle.jsonl"));
  REQUIRE_THAT(phil.out,
               Catch::Contains("phil-0: ⟨fork-0.\"fork\"⟩") && Catch::Contains("main: ⟨⟩"));
  REQUIRE_THAT(run("print --help").out, Catch::Contains("--csp"));
  REQUIRE_THAT(run("--help").out, Catch::Contains("check"));
}

TEST_CASE("check's text names the first 20 processes of a finding, --json lists all (issue 21)",
          "[cli]") {
  const std::string path = csp_test::temp_path("leak25.jsonl");
  {
    std::ofstream out(path);
    out << R"({"kind":"header","format":"cspscope-trace","version":1,"program":"t"})"
        << "\n"
        << R"({"seq":1,"t":1,"kind":"spawn","proc":1,"name":"main","mode":"main"})"
        << "\n";
    for (int p = 2; p <= 26; ++p)
      out << R"({"seq":)" << p << R"(,"t":)" << p << R"(,"kind":"spawn","proc":)" << p
          << R"(,"name":"w)" << p << R"(","mode":"go","partner":1})"
          << "\n";
    out << R"({"seq":30,"t":30,"kind":"exit","proc":1,"status":"ok"})"
        << "\n"
        << R"({"seq":31,"t":31,"kind":"end","reason":"normal"})"
        << "\n";
  }
  const Run text = run("check " + path);
  CHECK_THAT(text.out, Catch::Contains("w20, w21 and 5 more (check --json lists them all)"));
  const Run json = run("check --json " + path);
  CHECK(nlohmann::json::parse(json.out)["findings"][0]["processes"].size() == 25);
}

TEST_CASE("check --json written one name at a time prints what nlohmann dump(2) prints",
          "[cli][check]") {
  // The findings are written item by item (a finding may list millions of processes); the
  // text must stay byte for byte what a dump(2) of the whole document gives, cycles included.
  for (const char* name :
       {"finding-wait-cycle.jsonl", "finding-predicted-cycle.jsonl",
        "finding-wait-cycle-forks.jsonl", "finding-dead-alt.jsonl", "hotdog.jsonl"}) {
    INFO(name);
    const Run r = run("check --json " + fixture(name));
    CHECK(nlohmann::ordered_json::parse(r.out).dump(2) + "\n" == r.out);
  }
}
