#include <csptrace/schedule_spec.hpp>

#include <charconv>
#include <stdexcept>

namespace csptrace {

namespace {

constexpr std::string_view kGrammar =
    "random[:seed=N][,timers=idle|race], pct[:seed=N][,depth=D][,steps=K], replay:path=FILE "
    "or prefix:path=FILE";

[[noreturn]] void bad(std::string_view text, const std::string& what) {
  throw std::invalid_argument("schedule '" + std::string(text) + "': " + what + " (expected " +
                              std::string(kGrammar) + ")");
}

uint64_t number(std::string_view text, std::string_view key, std::string_view v) {
  uint64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || ptr != v.data() + v.size())
    bad(text, std::string(key) + " must be a non-negative integer, not '" + std::string(v) + "'");
  return n;
}

}  // namespace

std::string_view to_string(ScheduleSpec::Strategy s) noexcept {
  switch (s) {
    case ScheduleSpec::Strategy::Random: return "random";
    case ScheduleSpec::Strategy::Pct: return "pct";
    case ScheduleSpec::Strategy::Replay: return "replay";
    case ScheduleSpec::Strategy::Prefix: return "prefix";
  }
  return "?";
}

ScheduleSpec ScheduleSpec::parse(std::string_view text) {
  ScheduleSpec s;
  const std::size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  if (name == "random")
    s.strategy = Strategy::Random;
  else if (name == "pct")
    s.strategy = Strategy::Pct;
  else if (name == "replay")
    s.strategy = Strategy::Replay;
  else if (name == "prefix")
    s.strategy = Strategy::Prefix;
  else
    bad(text, "unknown strategy '" + std::string(name) + "'");
  std::string_view rest =
      colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  while (!rest.empty()) {
    // path= takes the rest of the text: a file name may hold commas.
    if (rest.starts_with("path=")) {
      s.path = std::string(rest.substr(5));
      break;
    }
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) bad(text, "'" + std::string(item) + "' is not key=value");
    const std::string_view key = item.substr(0, eq), v = item.substr(eq + 1);
    if (key == "seed")
      s.seed = number(text, key, v);
    else if (key == "depth")
      s.depth = static_cast<uint32_t>(number(text, key, v));
    else if (key == "steps")
      s.steps = number(text, key, v);
    else if (key == "timers" && (v == "idle" || v == "race"))
      s.race_timers = v == "race";
    else
      bad(text, "unknown setting '" + std::string(item) + "'");
  }
  const bool needs_path = s.strategy == Strategy::Replay || s.strategy == Strategy::Prefix;
  if (needs_path && s.path.empty()) bad(text, std::string(name) + " needs path=FILE");
  if (s.strategy == Strategy::Pct && s.depth == 0) bad(text, "depth must be at least 1");
  if (s.strategy != Strategy::Random) s.race_timers = true;
  return s;
}

std::string ScheduleSpec::to_string() const {
  std::string out(csptrace::to_string(strategy));
  std::string sep = ":";
  auto add = [&](const std::string& item) {
    out += sep + item;
    sep = ",";
  };
  if (seed && (strategy == Strategy::Random || strategy == Strategy::Pct))
    add("seed=" + std::to_string(*seed));
  if (strategy == Strategy::Random && race_timers) add("timers=race");
  if (strategy == Strategy::Pct) {
    add("depth=" + std::to_string(depth));
    if (steps) add("steps=" + std::to_string(steps));
  }
  if (!path.empty()) add("path=" + path);
  return out;
}

}  // namespace csptrace

#include <fstream>
#include <sstream>

namespace csptrace {

std::string format_decision(const ScheduledDecision& d) {
  std::string out(to_string(d.kind));
  if (d.proc) out += " proc=" + std::to_string(d.proc);
  if (d.chan) out += " chan=" + std::to_string(d.chan);
  if (d.kind == Decision::Guard && d.index >= 0) out += " index=" + std::to_string(d.index);
  if (d.options) out += " options=" + std::to_string(d.options);
  return out;
}

std::vector<ScheduledDecision> read_decision_list(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(path + ": cannot open the decision list");
  std::vector<ScheduledDecision> out;
  std::string line;
  for (int no = 1; std::getline(in, line); ++no) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string word;
    if (!(words >> word)) continue;
    auto fail = [&](const std::string& what) {
      throw std::invalid_argument(path + ":" + std::to_string(no) + ": " + what +
                                  " (expected e.g. \"run proc=3\", \"guard proc=3 index=1\", "
                                  "\"timer chan=7\")");
    };
    ScheduledDecision d;
    if (auto k = parse_Decision(word))
      d.kind = *k;
    else
      fail("unknown decision '" + word + "'");
    while (words >> word) {
      const std::size_t eq = word.find('=');
      if (eq == std::string::npos) fail("'" + word + "' is not key=value");
      const std::string key = word.substr(0, eq), v = word.substr(eq + 1);
      uint64_t n = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (v.empty() || ec != std::errc() || ptr != v.data() + v.size())
        fail(key + " must be a non-negative integer, not '" + v + "'");
      if (key == "proc")
        d.proc = static_cast<ProcId>(n);
      else if (key == "chan")
        d.chan = static_cast<ChanId>(n);
      else if (key == "index")
        d.index = static_cast<int32_t>(n);
      else if (key == "options")
        d.options = static_cast<uint32_t>(n);
      else
        fail("unknown key '" + key + "'");
    }
    out.push_back(d);
  }
  return out;
}

void write_decision_list(const std::string& path, const std::vector<ScheduledDecision>& list) {
  std::ofstream out(path, std::ios::trunc);
  for (const ScheduledDecision& d : list) out << format_decision(d) << '\n';
  out.flush();
  if (!out) throw std::runtime_error(path + ": cannot write the decision list");
}

}  // namespace csptrace
