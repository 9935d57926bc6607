// What the query tests share: running csptrace and the samples as a user does, recording a
// sample's trace, and reading the example queries out of docs/query.md.
#pragma once

#include "run_command.hpp"
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace query_test {

using csp_test::Run;
using csp_test::run;
using csp_test::slurp;
using csp_test::temp_path;

// Single quotes for the shell.
inline std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline Run run_csptrace(const std::string& args) {
  return run(std::string(CSPTRACE_EXE) + " " + args);
}

// `csptrace query --format json TRACE SQL`, parsed; fails the test on a non-zero exit.
inline nlohmann::json query_json(const std::string& trace, const std::string& sql) {
  const Run r = run_csptrace("query --format json " + quoted(trace) + " " + quoted(sql));
  INFO(sql << "\n" << r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}

inline nlohmann::json cli_json(const std::string& args, int expect_status) {
  const Run r = run_csptrace(args);
  INFO(args << "\n" << r.err);
  REQUIRE(r.status == expect_status);
  return nlohmann::json::parse(r.out);
}

// A sample run with the deterministic scheduler (seed 7, as tests/samples runs them), its trace
// written as JSON Lines to a fresh path.
inline std::string record_sample(const std::string& exe, const std::string& args = "") {
  const std::string trace = temp_path(std::filesystem::path(exe).filename().string() + ".jsonl");
  const Run r = run(exe + " --seed 7 --trace " + trace + " " + args);
  INFO(exe << " " << args << "\n" << r.err);
  REQUIRE(std::filesystem::exists(trace));
  return trace;
}

// The SQL of example `n` (from 1) of docs/query.md: the ```sql block under "### n. ".
inline std::string doc_example(int n) {
  const std::string doc = slurp(std::string(CSP_DOCS) + "/query.md");
  const size_t head = doc.find("\n### " + std::to_string(n) + ". ");
  REQUIRE(head != std::string::npos);
  const size_t begin = doc.find("```sql\n", head);
  REQUIRE(begin != std::string::npos);
  const size_t end = doc.find("\n```", begin + 7);
  return doc.substr(begin + 7, end - begin - 7);
}

// The events of a JSON Lines trace (the header line left out), read without csptrace: the
// oracle the derived tables are checked against.
inline std::vector<nlohmann::json> trace_events(const std::string& trace) {
  std::ifstream in(trace);
  std::vector<nlohmann::json> events;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    if (j.contains("seq")) events.push_back(std::move(j));  // the header has none
  }
  return events;
}

}  // namespace query_test
