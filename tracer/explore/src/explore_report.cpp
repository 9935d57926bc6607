// The exploration report: for a person (csptrace explore's output) and as JSON (--report,
// read back by --merge).
#include <csptrace/explorer.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace csptrace {

namespace {

using json = nlohmann::json;

// 4181 -> "4 181" (thin groups, as the example reads)
std::string grouped(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string s;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) s += ' ';
    s += digits[i];
  }
  return s;
}

std::string percent(uint64_t k, uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g %%",
                n ? 100.0 * static_cast<double>(k) / static_cast<double>(n) : 0.0);
  return buf;
}

std::string runs_word(uint64_t n) { return grouped(n) + (n == 1 ? " run" : " runs"); }

}  // namespace

std::string format_report(const ExploreReport& r, const std::string& replay_hint) {
  std::ostringstream out;
  const double rate = r.seconds > 0 ? static_cast<double>(r.runs) / r.seconds : 0;
  char timing[96];
  std::snprintf(timing, sizeof timing, "%.1f s, %.0f runs/s", r.seconds, rate);
  const std::string shard =
      r.shards > 1 ? ", shard " + std::to_string(r.shard + 1) + "/" + std::to_string(r.shards) : "";
  for (const FoundFailure& f : r.found) {
    out << "found in run " << grouped(f.first_run) << " (" << f.hits << " of " << runs_word(r.runs)
        << ", " << percent(f.hits, r.runs) << "): " << f.headline << "\n";
    if (!f.explanation.empty()) out << "  " << f.explanation << "\n";
    out << "  schedule: " << f.schedule << " (" << r.strategy << ", base seed " << r.seed << shard
        << ")\n";
    if (f.shrink_runs > 0)
      out << "  shrunk: " << f.original_events << " -> " << f.events << " events, "
          << f.original_decisions << " -> " << f.decisions << " decisions, " << f.original_switches
          << " -> " << f.switches << " context switches (" << runs_word(f.shrink_runs) << ")\n";
    if (f.trace.empty()) out << "  trace: not kept (--keep DIR keeps one per distinct failure)\n";
    if (!f.trace.empty()) {
      out << "  trace: " << f.trace << "\n";
      if (!replay_hint.empty())
        out << "  replay: " << replay_hint << " --replay " << f.trace << "    see it: cspview "
            << f.trace << "\n";
    }
  }
  for (const std::string& w : r.warnings) out << "warning: " << w << "\n";
  if (r.found.empty()) {
    if (r.exhausted) {
      out << "no error finding in any of the " << grouped(r.runs) << " schedules";
      if (r.pruned) out << " (" << grouped(r.pruned) << " more pruned as equivalent)";
      if (r.cut_by_bound)
        out << "; " << grouped(r.cut_by_bound) << " schedules over the bound of "
            << r.bound.value_or(0) << " deviations were not run";
      out << " [" << r.strategy << ", " << timing << "]\n";
    } else {
      out << "no error finding in " << runs_word(r.runs) << " [" << r.strategy << shard << ", "
          << timing << "; stopped: " << r.stopped_because << "]\n";
      if (r.strategy.starts_with("dfs") && r.pruned)
        out << "  " << grouped(r.pruned) << " schedules pruned as equivalent so far\n";
    }
  } else {
    out << runs_word(r.runs) << " [" << r.strategy << shard << ", " << timing << "]\n";
  }
  out << "outcomes:";
  for (const auto& [key, n] : r.outcomes) out << "  " << key << ": " << grouped(n);
  out << "\n";
  return out.str();
}

std::string report_json(const ExploreReport& r) {
  json j;
  j["strategy"] = r.strategy;
  j["seed"] = r.seed;
  j["shard"] = r.shard + 1;
  j["shards"] = r.shards;
  j["runs"] = r.runs;
  j["seconds"] = r.seconds;
  j["exhausted"] = r.exhausted;
  j["pruned"] = r.pruned;
  j["stopped"] = r.stopped_because;
  j["outcomes"] = r.outcomes;
  j["found"] = json::array();
  for (const FoundFailure& f : r.found)
    j["found"].push_back({{"key", f.key},
                          {"headline", f.headline},
                          {"explanation", f.explanation},
                          {"first_run", f.first_run},
                          {"hits", f.hits},
                          {"schedule", f.schedule},
                          {"trace", f.trace},
                          {"events", f.events},
                          {"decisions", f.decisions}});
  j["warnings"] = r.warnings;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

ExploreReport merge_reports(const std::vector<std::string>& json_files) {
  ExploreReport m;
  bool first = true;
  for (const std::string& path : json_files) {
    std::ifstream in(path);
    json j;
    try {
      in >> j;
      ExploreReport r;
      r.strategy = j.at("strategy").get<std::string>();
      r.seed = j.at("seed").get<uint64_t>();
      r.shards = j.at("shards").get<uint32_t>();
      if (first) {
        m.strategy = r.strategy;
        m.seed = r.seed;
        m.shards = r.shards;
        first = false;
      } else if (r.strategy != m.strategy || r.seed != m.seed) {
        throw std::invalid_argument("it explored " + r.strategy + " from seed " +
                                    std::to_string(r.seed) + ", the first report " + m.strategy +
                                    " from seed " + std::to_string(m.seed) +
                                    ": shards of one exploration share both");
      }
      m.runs += j.at("runs").get<uint64_t>();
      m.seconds = std::max(m.seconds, j.at("seconds").get<double>());
      for (const auto& [key, n] : j.at("outcomes").items()) m.outcomes[key] += n.get<uint64_t>();
      for (const json& f : j.at("found")) {
        FoundFailure x;
        x.key = f.at("key").get<std::string>();
        x.headline = f.at("headline").get<std::string>();
        x.explanation = f.at("explanation").get<std::string>();
        x.first_run = f.at("first_run").get<uint64_t>();
        x.hits = f.at("hits").get<uint64_t>();
        x.schedule = f.at("schedule").get<std::string>();
        x.trace = f.at("trace").get<std::string>();
        x.events = f.at("events").get<size_t>();
        x.decisions = f.at("decisions").get<size_t>();
        bool merged = false;
        for (FoundFailure& y : m.found)
          if (y.key == x.key) {
            y.hits += x.hits;
            merged = true;
          }
        if (!merged) m.found.push_back(x);
      }
      for (const json& w : j.at("warnings")) m.warnings.push_back(w.get<std::string>());
    } catch (const json::exception& e) {
      throw std::invalid_argument(path + ": not an explore report (" + e.what() + ")");
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(path + ": " + e.what());
    }
  }
  m.stopped_because = "merged " + std::to_string(json_files.size()) + " reports";
  return m;
}

}  // namespace csptrace
