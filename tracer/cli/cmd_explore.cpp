// csptrace explore: run a program under many schedules until one fails the analysis; shrink
// it, save its trace. docs/explore.md is the guide.
#include "cli.hpp"

#include <csptrace/explorer.hpp>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

namespace csptrace::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: csptrace explore [OPTIONS] -- PROGRAM [ARGS...]\n"
    "       csptrace explore --merge DIR|REPORT.json...\n\n"
    "Runs PROGRAM (a program on the csp:: runtime) under many schedules, one process per run,\n"
    "analyses each run's trace, and stops at the first run with an error finding. It shrinks\n"
    "that run to a short one that fails the same way and saves its trace, which replays\n"
    "exactly: PROGRAM --replay FOUND.csptrace. The schedule reaches the program through the\n"
    "environment (CSP_SCHEDULE, CSP_TRACE), so its own arguments are passed untouched.\n\n"
    "Strategies:\n"
    "  --strategy random   seeded random choices, timers racing the processes (default)\n"
    "  --strategy pct      probabilistic concurrency testing: random priorities with\n"
    "                      depth-1 priority changes; finds rare bugs of small depth sooner\n"
    "  --strategy dfs      every schedule, one by one, pruning orders of independent steps\n"
    "                      (partial-order reduction); says when the space is exhausted\n"
    "  --depth D           pct: the bug depth (default 3); dfs: run only schedules that leave\n"
    "                      the default order at most D times (default: no bound)\n\n"
    "Limits and output:\n"
    "  --runs N            at most N runs (default 1000)\n"
    "  --time SECONDS      stop after this long\n"
    "  --jobs J            J runs at once (random, pct; default 1)\n"
    "  --run-timeout S     a run taking longer is killed and counts as a failure (default 10)\n"
    "  --seed S            base seed: run r uses seed S+r (default 0)\n"
    "  --shard K/N         explore the K-th of N disjoint parts (random, pct): one per machine\n"
    "  --fail-on LEVEL     error (default), warning or info: the worst finding that fails a run\n"
    "  --strict            the same as --fail-on warning\n"
    "  --all               go on after a failure; report each distinct failure once\n"
    "  --no-shrink         save the failing run as found, without shrinking it\n"
    "  --keep DIR          keep the trace of each distinct failure in DIR\n"
    "  -o FILE             where to save the found trace (default explore-found.csptrace)\n"
    "  --report FILE       also write the report as JSON (for --merge)\n"
    "  --merge DIR...      combine the JSON reports in the folders (or files) given\n\n"
    "Exit status: 0 nothing found, 1 found, 2 usage error or a program that cannot be explored.\n";

std::optional<uint64_t> number(const std::string& s) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> seconds(const std::string& s) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !(v > 0)) return std::nullopt;
  return v;
}

int merge(const Args& args) {
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (a == "--merge") continue;
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      for (const auto& e : fs::directory_iterator(a))
        if (e.path().extension() == ".json") files.push_back(e.path().string());
    } else if (fs::exists(a, ec)) {
      files.push_back(a);
    } else {
      return usage_error("explore", a + ": no such file or folder");
    }
  }
  if (files.empty()) return usage_error("explore", "--merge found no .json reports");
  std::sort(files.begin(), files.end());
  try {
    const ExploreReport r = merge_reports(files);
    std::cout << format_report(r, "") << std::flush;
    return r.found.empty() ? kOk : kFailed;
  } catch (const std::invalid_argument& e) {
    std::cerr << "csptrace explore --merge: " << e.what() << "\n";
    return kUnreadable;
  }
}

// A fresh private folder for the traces of runs in flight, removed at the end.
struct WorkDir {
  std::string path;
  WorkDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/csptrace-explore-XXXXXX";
    if (mkdtemp(templ.data()) == nullptr)
      throw std::invalid_argument("cannot make a work folder " + templ + ": set TMPDIR");
    path = templ;
  }
  ~WorkDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

int cmd_explore(const Args& args) {
  if (wants_help(args)) {
    std::cout << kHelp;
    return kOk;
  }
  for (const std::string& a : args) {
    if (a == "--") break;
    if (a == "--merge") return merge(args);
  }
  ExploreOptions o;
  o.output = "explore-found.csptrace";
  double run_timeout = 10;
  std::string report_path;
  std::vector<std::string> program;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      program.assign(args.begin() + static_cast<std::ptrdiff_t>(i + 1), args.end());
      break;
    }
    auto value = [&](const char* what) -> const std::string* {
      if (i + 1 < args.size() && args[i + 1] != "--") return &args[++i];
      usage_error("explore", a + " needs " + what);
      return nullptr;
    };
    auto bad = [&](const std::string& v, const char* what) {
      return usage_error("explore", a + " takes " + what + ", not '" + v + "'");
    };
    const std::string* v = nullptr;
    if (a == "--strategy") {
      if (!(v = value("random, pct or dfs"))) return kUnreadable;
      if (*v == "random")
        o.strategy = ExploreStrategy::Random;
      else if (*v == "pct")
        o.strategy = ExploreStrategy::Pct;
      else if (*v == "dfs")
        o.strategy = ExploreStrategy::Dfs;
      else
        return bad(*v, "random, pct or dfs");
    } else if (a == "--depth" || a == "--runs" || a == "--jobs" || a == "--seed") {
      if (!(v = value("a number"))) return kUnreadable;
      const std::optional<uint64_t> n = number(*v);
      if (!n || ((a == "--depth" || a == "--jobs" || a == "--runs") && *n == 0))
        return bad(*v, a == "--seed" ? "a non-negative integer" : "a positive integer");
      if (a == "--depth") o.depth = static_cast<uint32_t>(*n);
      if (a == "--runs") o.max_runs = *n;
      if (a == "--jobs") o.jobs = static_cast<unsigned>(std::min<uint64_t>(*n, 256));
      if (a == "--seed") o.seed = *n;
    } else if (a == "--time" || a == "--run-timeout") {
      if (!(v = value("seconds"))) return kUnreadable;
      const std::optional<double> s = seconds(*v);
      if (!s) return bad(*v, "a positive number of seconds");
      if (a == "--time")
        o.max_seconds = *s;
      else
        run_timeout = *s;
    } else if (a == "--shard") {
      if (!(v = value("K/N"))) return kUnreadable;
      const size_t slash = v->find('/');
      const auto k = number(v->substr(0, slash)),
                 n = slash == std::string::npos ? std::nullopt : number(v->substr(slash + 1));
      if (!k || !n || *k == 0 || *k > *n) return bad(*v, "K/N with 1 <= K <= N, e.g. 3/8");
      o.shard = static_cast<uint32_t>(*k - 1);
      o.shards = static_cast<uint32_t>(*n);
    } else if (a == "--fail-on") {
      if (!(v = value("error, warning or info"))) return kUnreadable;
      const auto level = parse_Severity(*v);
      if (!level) return bad(*v, "error, warning or info");
      o.fail_on = *level;
    } else if (a == "--strict") {
      o.fail_on = Severity::Warning;
    } else if (a == "--all") {
      o.all = true;
    } else if (a == "--no-shrink") {
      o.shrink = false;
    } else if (a == "--keep" || a == "-o" || a == "--report") {
      if (!(v = value(a == "--keep" ? "a folder" : "a file"))) return kUnreadable;
      if (a == "--keep") o.keep_dir = *v;
      if (a == "-o") o.output = *v;
      if (a == "--report") report_path = *v;
    } else {
      return unknown_option(
          "explore", a,
          {"--strategy", "--depth", "--runs", "--time", "--jobs", "--seed", "--shard", "--fail-on",
           "--strict", "--all", "--no-shrink", "--keep", "--report", "--merge", "--run-timeout"});
    }
  }
  if (program.empty())
    return usage_error("explore", "expected -- PROGRAM [ARGS...] after the options");
  try {
    if (!o.keep_dir.empty()) fs::create_directories(o.keep_dir);
    WorkDir work;
    o.work_dir = work.path;
    ProcessRunner runner(program,
                         std::chrono::milliseconds(static_cast<int64_t>(run_timeout * 1000)));
    const unsigned jobs = o.jobs;
    const RunBatch batch = [&](const std::vector<RunRequest>& reqs) {
      return runner.run(reqs, jobs);
    };
    const bool tty = isatty(2) != 0;
    const Progress progress = [&](const ExploreReport& r) {
      if (!tty) return;
      std::fprintf(stderr, "\r  runs %llu  %.0f runs/s  %zu distinct outcome%s   ",
                   static_cast<unsigned long long>(r.runs),
                   r.seconds > 0 ? static_cast<double>(r.runs) / r.seconds : 0.0, r.outcomes.size(),
                   r.outcomes.size() == 1 ? "" : "s");
    };
    const ExploreReport r = explore(o, batch, progress);
    if (tty) std::fprintf(stderr, "\r%60s\r", "");
    std::string hint;
    for (const std::string& p : program) hint += (hint.empty() ? "" : " ") + p;
    std::cout << format_report(r, hint) << std::flush;
    if (!report_path.empty()) {
      std::ofstream out(report_path);
      out << report_json(r);
      if (!out) {
        std::cerr << "csptrace explore: cannot write the report to " << report_path << "\n";
        return kUnreadable;
      }
    }
    return r.found.empty() ? kOk : kFailed;
  } catch (const std::exception& e) {
    std::cerr << "csptrace explore: " << e.what() << "\n";
    return kUnreadable;
  }
}

}  // namespace csptrace::cli
