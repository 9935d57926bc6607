// bench_query: what csptrace export --format sqlite and csptrace query cost on a big trace:
// reading the trace, building its database file (replay, analysis and every table, as the
// export does), and queries that scan the events and states tables of the finished file.
// Runs alternate build and queries; the medians and the spread (min-max) are printed last.
// The build's steps (as csptrace's progress line names them) are timed on the thread that
// runs them (the calling thread's, in the export's two-thread build); the last step's time runs
// to the file's end.
//
//   bench_query TRACE OUT.db [--runs N]
// Make a 10 M-event trace with:
//   cspbench -n 1666667 --trace /tmp/big.csptrace pingpong
#include <csptrace/sql_database.hpp>
#include <csptrace/trace_database.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU time of the process: on a shared machine the steadier measure of the work done.
double cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// scan_events reads every row of events and filters; group_events also sorts them all by kind
// (events has no index on kind: it would cost the export ~2.6 s of CPU per 10 M events).
constexpr const char* kScans[][2] = {
    {"scan_events", "SELECT COUNT(*), MAX(t) FROM events WHERE kind = 'park'"},
    {"group_events", "SELECT kind, COUNT(*) FROM events GROUP BY kind"},
    {"scan_states",
     "SELECT proc, SUM(t_end - t_begin) FROM states WHERE state = 'parked' GROUP BY proc"},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_query TRACE OUT.db [--runs N]\n");
    return 2;
  }
  const std::string trace = argv[1], out = argv[2];
  int runs = 3;
  for (int i = 3; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
  std::map<std::string, std::vector<double>> figures;
  try {
    for (int r = 0; r < runs; ++r) {
      std::remove(out.c_str());
      auto t0 = Clock::now();
      const double c0 = cpu_s();
      const csptrace::TraceModel m = csptrace::load_trace(trace);
      const double load = since(t0), load_cpu = cpu_s() - c0;
      auto t1 = Clock::now();
      const double c1 = cpu_s();
      std::vector<std::pair<std::string, Clock::time_point>> steps;
      csptrace::BuildControl control;
      control.step = [&](std::string_view what) { steps.emplace_back(what, Clock::now()); };
      csptrace::write_trace_database(m, out, csptrace::file_stamp(trace), true, control);
      const double build = since(t1), build_cpu = cpu_s() - c1;
      steps.emplace_back("", Clock::now());
      for (size_t k = 0; k + 1 < steps.size(); ++k)
        figures["  step: " + steps[k].first].push_back(
            std::chrono::duration<double>(steps[k + 1].second - steps[k].second).count());
      std::printf(
          "run %d: %zu events: load %.2f s (cpu %.2f), build %.2f s (cpu %.2f), export %.2f s",
          r + 1, m.size(), load, load_cpu, build, build_cpu, load + build);
      figures["load"].push_back(load);
      figures["build"].push_back(build);
      figures["build_cpu"].push_back(build_cpu);
      figures["export"].push_back(load + build);
      figures["export_cpu"].push_back(load_cpu + build_cpu);
      csptrace::SqlDatabase db(out, csptrace::SqlDatabase::Mode::ReadOnly);
      for (const auto& [name, sql] : kScans) {
        auto t2 = Clock::now();
        csptrace::SqlStatement s = db.prepare_query(sql);
        size_t rows = 0;
        while (s.step()) ++rows;
        const double q = since(t2);
        std::printf(", %s %.3f s (%zu rows)", name, q, rows);
        figures[name].push_back(q);
      }
      std::printf("\n");
      std::fflush(stdout);
    }
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "bench_query: %s\n", ex.what());
    return 1;
  }
  std::printf("medians of %d runs (min-max):\n", runs);
  for (auto& [name, v] : figures) {
    std::sort(v.begin(), v.end());
    const double med = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    std::printf("  %-36s %.3f s (%.3f-%.3f)\n", name.c_str(), med, v.front(), v.back());
  }
  return 0;
}
