#include <csptrace/diff_text.hpp>

#include <csptrace/event_format.hpp>
#include <csptrace/process_steps.hpp>

namespace csptrace {

namespace {

std::string event_no(const TraceModel& m, size_t i) {
  return i < m.size() ? "event " + std::to_string(m.seq(i)) : "its end";
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// "3 at event 12, 4 at event 13 and 2 more"
std::string values_at(const TraceModel& m, const std::vector<size_t>& events, size_t total) {
  std::string out;
  for (size_t i : events) {
    if (!out.empty()) out += ", ";
    const std::string v = m.value_text(m.field<Field::value>(i));
    out += (v.empty() ? "(no value)" : v) + " at " + event_no(m, i);
  }
  if (total > events.size()) out += " and " + std::to_string(total - events.size()) + " more";
  return out;
}

}  // namespace

std::string match_text(const TraceModel& a, const TraceModel& b, const TraceMatch& match) {
  const size_t na = a.processes().size(), nb = b.processes().size();
  if (match.procs_matched == na && match.procs_matched == nb) return {};
  const std::string sizes = "A has " + std::to_string(na) + " processes, B " + std::to_string(nb);
  if (match.procs_matched == 0) return "no process in common: " + sizes;
  return "the programs differ: " + sizes + "; matched " + std::to_string(match.procs_matched);
}

std::string step_location(const TraceModel& m, size_t i, uint32_t p) {
  if (i >= m.size()) return {};
  if (m.present(i) & f::loc) return std::string(m.str(m.field<Field::loc>(i)));
  uint32_t owners[2];
  for (size_t j = i; j-- > 0;) {
    if (m.proc_index(j) == p && (m.present(j) & f::loc)) {
      const EventKind k = m.kind(j);
      if (k == EventKind::Park || k == EventKind::Block || k == EventKind::AltOffer)
        return std::string(m.str(m.field<Field::loc>(j)));
    }
    const int n = step_owners(m, j, owners);
    for (int o = 0; o < n; ++o)
      if (owners[o] == p) return {};  // its previous step: the wait would have come after it
  }
  return {};
}

std::string decision_choice(const TraceModel& m, size_t i) {
  const Event e = m.event(i, f::decision | f::index);
  const uint32_t p = m.proc_index(i), c = m.chan_index(i);
  switch (e.decision) {
    case Decision::Run:
      if (p != kNone) return "picked " + process_label(m, p);
      return "let the timer of " + quoted(channel_label(m, c)) + " fire";
    case Decision::Guard:
      return "tried guard " + std::to_string(e.index) + " of " + process_label(m, p) +
             "'s alt first";
    case Decision::Timer: return "fired " + quoted(channel_label(m, c)) + " first";
  }
  return "decided";
}

std::string parting_text(const TraceModel& a, const TraceModel& b, const DecisionParting& p) {
  if (!p.parted) return {};
  const std::string at = "at decision " + std::to_string(p.decision + 1);
  auto side = [](const TraceModel& m, const char* run, size_t ev, size_t made) {
    if (ev == kNone)
      return std::string("run ") + run + " made only " + std::to_string(made) + " decisions";
    const uint32_t options = m.field<Field::options>(ev);
    return std::string("run ") + run + " " + decision_choice(m, ev) + " (" + event_no(m, ev) +
           ", among " + std::to_string(options) + (options == 1 ? " option)" : " options)");
  };
  return "the runs part " + at + ": " + side(a, "A", p.event_a, p.decisions_a) + ", " +
         side(b, "B", p.event_b, p.decisions_b);
}

std::string channel_text(const TraceModel& a, const TraceModel& b, const ChannelDifference& c) {
  const std::string name = quoted(channel_label(a, c.chan_a));
  const std::string counts = " (" + std::to_string(c.transfers_a) + " transfers in A, " +
                             std::to_string(c.transfers_b) + " in B)";
  switch (c.kind) {
    case ChannelDifference::Kind::Count: return name + ": a different number of transfers" + counts;
    case ChannelDifference::Kind::Order: {
      auto at = [](const TraceModel& m, size_t ev) {
        return event_no(m, ev) + ": " + m.value_text(m.field<Field::value>(ev));
      };
      return name + ": the same " + std::to_string(c.transfers_a) +
             " values in another order, from transfer " + std::to_string(c.transfer + 1) +
             " on (A " + at(a, c.event_a) + ", B " + at(b, c.event_b) + ")";
    }
    case ChannelDifference::Kind::Values: {
      std::string out = name + ":";
      if (c.only_a_total)
        out +=
            " in A only: " + values_at(a, c.only_a, c.only_a_total) + (c.only_b_total ? ";" : "");
      if (c.only_b_total) out += " in B only: " + values_at(b, c.only_b, c.only_b_total);
      return out + counts;
    }
  }
  return name;
}

std::string first_sentence(const std::string& text) {
  const size_t end = text.find(". ");
  return end == std::string::npos ? text : text.substr(0, end + 1);
}

std::string finding_line(const TraceModel& m, const Finding& f) {
  std::string out = std::string(to_string(f.severity)) + ": " + std::string(to_string(f.kind)) +
                    " (" + std::string(to_string(f.strength)) + ")";
  if (f.event < m.size()) out += " at " + event_no(m, f.event);
  return out + ": " + first_sentence(f.explanation);
}

}  // namespace csptrace
