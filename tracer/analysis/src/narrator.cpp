#include "narrator.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/wait_text.hpp>

namespace csptrace {

std::string Narrator::proc(uint32_t p) const { return process_label(m_, p); }

std::string Narrator::chan(uint32_t c) const { return "\"" + channel_label(m_, c) + "\""; }

std::string Narrator::procs(const std::vector<uint32_t>& ps, size_t total) const {
  std::vector<std::string> names;
  for (size_t i = 0; i < ps.size() && i < kNamedInList; ++i) names.push_back(proc(ps[i]));
  return list(capped(std::move(names), total));
}

std::vector<std::string> Narrator::capped(std::vector<std::string> items, size_t total) {
  if (items.size() > kNamedInList) items.resize(kNamedInList);
  if (total > items.size()) items.push_back(std::to_string(total - items.size()) + " more");
  return items;
}

std::string Narrator::op(WaitOp op, uint32_t c, const Value& v) const {
  return op_text(m_, op, c, v);
}

std::string Narrator::loc(uint32_t p) const {
  const ProcessState& ps = end_.processes[p];
  return is_waiting(ps.state) ? std::string(m_.str(ps.wait.loc)) : std::string();
}

std::string Narrator::waiting(uint32_t p) const {
  const ProcessState& ps = end_.processes[p];
  const Wait& w = ps.wait;
  std::string out = proc(p) + " is " + std::string(to_string(ps.state));
  if (!loc(p).empty()) out += " at " + loc(p);
  out += w.op == WaitOp::Alts ? " in an alt waiting to " : " waiting to ";
  out += wait_text(m_, w);
  const size_t since = wait_since(ps);
  if (since != kNone) out += " (since " + format_duration(m_.time(since)) + ")";
  return out;
}

std::string Narrator::sleeps_until(uint32_t p) const {
  const Wait& w = end_.processes[p].wait;
  const size_t since = wait_since(end_.processes[p]);
  auto fires = [&](uint32_t c) -> int64_t {
    if (c >= m_.channels().size() || c >= end_.channels.size() || !end_.channels[c].timer_armed)
      return -1;
    return since < m_.size() ? m_.time(since) + m_.channels()[c].duration : -1;
  };
  int64_t t = -1;
  if (w.op != WaitOp::Alts) {
    t = fires(w.chan);
  } else {
    for (const Guard& g : w.guards)
      if (int64_t f = fires(g.chan); f >= 0 && (t < 0 || f < t)) t = f;
  }
  return t < 0 ? std::string() : " until " + format_duration(t);
}

std::string Narrator::when(size_t event) const {
  if (event >= m_.size()) return "at the end";
  return "at " + format_duration(m_.time(event)) + " (event " + std::to_string(m_.seq(event)) + ")";
}

std::string Narrator::list(const std::vector<std::string>& items, const char* last) {
  // Items that contain commas themselves are separated by semicolons ("; and " as last).
  const char* sep = last[0] == ';' ? "; " : ", ";
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? last : sep) + items[i];
  return out;
}

std::string Narrator::sentences(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : " ") + s;
  return out;
}

}  // namespace csptrace
