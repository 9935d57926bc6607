// csptrace: command-line access to cspscope traces.
#include "cli.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <vector>

namespace csptrace::cli {

namespace {

struct Verb {
  const char* name;
  int (*run)(const Args&);
  const char* summary;
};

constexpr Verb kVerbs[] = {
    {"validate", cmd_validate, "check that a trace file is well formed"},
    {"print", cmd_print, "print the events of a trace, one line each (--csp: as a CSP trace)"},
    {"check", cmd_check, "find deadlocks, stuck and leaked processes, and explain them"},
    {"stats", cmd_stats, "events per kind, processes, channels, waiting time per channel"},
    {"export", cmd_export,
     "convert a trace to jsonl, csptrace (binary), chrome (Perfetto) or sqlite"},
    {"query", cmd_query, "run an SQL query on the trace's tables (docs/query.md)"},
    {"diff", cmd_diff, "compare two runs: where they part, per process, channel and outcome"},
    {"explore", cmd_explore, "run a program under many schedules until one fails; shrink it"},
    {"schema", cmd_schema, "print the event reference of the trace format (Markdown)"},
};

void print_help() {
  std::cout << "usage: csptrace VERB [OPTIONS] FILE\n\n"
               "Read cspscope traces (.jsonl JSON Lines, .csptrace binary).\n\nVerbs:\n";
  for (const auto& v : kVerbs) std::printf("  %-10s %s\n", v.name, v.summary);
  std::cout << "\nRun 'csptrace VERB --help' for the options of one verb.\n";
}

}  // namespace
}  // namespace csptrace::cli

int main(int argc, char** argv) {
  using namespace csptrace::cli;
  if (argc < 2 || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help")) {
    print_help();
    return argc < 2 ? kUnreadable : kOk;
  }
  Args args(argv + 2, argv + argc);
  for (const auto& v : kVerbs)
    if (v.name == std::string_view(argv[1])) return run_verb(v.name, v.run, args);
  std::string near = nearest(argv[1], {"validate", "print", "check", "stats", "export", "query",
                                       "diff", "explore", "schema"});
  std::cerr << "csptrace: unknown verb '" << argv[1] << "'"
            << (near.empty() ? std::string() : "; did you mean '" + near + "'?")
            << " Run 'csptrace --help' for the list.\n";
  return kUnreadable;
}
