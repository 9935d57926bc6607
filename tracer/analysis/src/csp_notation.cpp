#include <csptrace/csp_notation.hpp>

#include <csptrace/event_format.hpp>

namespace csptrace {

namespace {

// Every transfer for which keep(from, to) holds, as ⟨chan.value, ...⟩.
template <class Keep>
std::string communications(const TraceModel& m, Keep keep) {
  std::vector<std::string> labels(m.channels().size());
  for (uint32_t c = 0; c < labels.size(); ++c) labels[c] = channel_label(m, c);
  std::string out = "⟨";
  bool first = true;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m.kind(i) != EventKind::Transfer || !keep(m.from_index(i), m.to_index(i))) continue;
    if (!first) out += ", ";
    first = false;
    out += labels[m.chan_index(i)];
    const Event e = m.event(i);
    if (e.has(Field::value)) {
      out += '.';
      out += m.value_text(e.value);
    }
  }
  out += "⟩";
  return out;
}

}  // namespace

std::string csp_trace(const TraceModel& m) {
  return communications(m, [](uint32_t, uint32_t) { return true; });
}

std::string csp_trace_of(const TraceModel& m, uint32_t p) {
  return communications(m, [p](uint32_t from, uint32_t to) { return from == p || to == p; });
}

}  // namespace csptrace
