#include "diff_report.hpp"

#include <csptrace/diff_text.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/process_steps.hpp>
#include <csptrace/utf8_text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace csptrace::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string summary(const char* run, const TraceModel& m, size_t decisions) {
  const TraceHeader& h = m.header();
  std::string out = std::string(run) + ": " + m.source() + " (" +
                    (h.program.empty() ? std::string("?") : h.program);
  if (h.scheduler == "deterministic")
    out += ", seed " + std::to_string(h.seed) + (h.strategy.empty() ? "" : " " + h.strategy);
  else if (!h.scheduler.empty())
    out += ", " + h.scheduler;
  out += ", " + std::to_string(m.size()) + " events, " + std::to_string(decisions) + " decisions, ";
  out +=
      m.complete() ? "ended " + std::string(to_string(m.end_reason())) : "cut short (no end event)";
  return out + ")";
}

std::string seq_of(const TraceModel& m, size_t i) {
  return i < m.size() ? std::to_string(m.seq(i)) : "-";
}

// Where a trace cut short ends, for comparing "up to the shorter end".
std::string cut_note(const char* run, const TraceModel& m) {
  if (m.complete()) return {};
  return std::string(run) + " was cut short after event " +
         (m.empty() ? std::string("0") : seq_of(m, m.size() - 1)) +
         ": its processes are compared up to there\n";
}

// The steps [step - context, step + context] of process p, one print line each, the diverging
// one marked with '>'.
void print_steps(const char* run, const TraceModel& m, uint32_t p, size_t step, size_t context) {
  const ProcessSteps steps(m);
  const auto xs = steps.of(p);
  const size_t from = step > context ? step - context : 0;
  const size_t to = std::min(xs.size(), step + context + 1);
  EventFormat fmt;
  fmt.time = false;
  for (size_t k = from; k < to; ++k) {
    // The print line shows the event's own loc; the wait's loc is added for a step without one.
    const std::string loc =
        (m.present(xs[k]) & f::loc) ? std::string() : step_location(m, xs[k], p);
    std::cout << "  " << run << (k == step ? " > " : "   ") << format_event(m, xs[k], fmt)
              << (loc.empty() ? "" : "   at " + loc) << "\n";
  }
  if (step >= xs.size())
    std::cout << "  " << run << " >  (no step " << step + 1 << ": " << process_label(m, p)
              << " did nothing more" << (m.complete() ? "" : " before the trace was cut") << ")\n";
}

std::string divergence_head(const TraceModel& a, const TraceModel& b, const ProcessDivergence& v) {
  return process_label(a, v.proc_a) + ", step " + std::to_string(v.step + 1) + " (A event " +
         seq_of(a, v.event_a) + ", B event " + seq_of(b, v.event_b) + "; " +
         std::to_string(v.steps_a) + " steps in A, " + std::to_string(v.steps_b) + " in B)";
}

std::vector<std::string> unmatched(const TraceModel& m, const std::vector<uint32_t>& to_other) {
  std::vector<std::string> out;
  for (uint32_t p = 0; p < to_other.size(); ++p)
    if (to_other[p] == kNone) out.push_back(process_label(m, p));
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

void print_diff_text(const TraceModel& a, const TraceModel& b, const TraceDiff& d, size_t context) {
  std::cout << summary("A", a, d.decisions.decisions_a) << "\n"
            << summary("B", b, d.decisions.decisions_b) << "\n";
  if (const std::string m = match_text(a, b, d.match); !m.empty()) {
    const std::string only_a = joined(unmatched(a, d.match.proc_b));
    const std::string only_b = joined(unmatched(b, d.match.proc_a));
    std::cout << m << (only_a.empty() ? "" : "; processes in A only: " + only_a)
              << (only_b.empty() ? "" : "; in B only: " + only_b) << "\n";
  }
  std::cout << cut_note("A", a) << cut_note("B", b);
  if (const ProcessDivergence* v = d.first_divergence()) {
    std::cout << "\nfirst divergence: " << divergence_head(a, b, *v) << "\n";
    print_steps("A", a, v->proc_a, v->step, context);
    print_steps("B", b, v->proc_b, v->step, context);
  }
  if (const std::string p = parting_text(a, b, d.decisions); !p.empty())
    std::cout << (d.first_divergence() ? "" : "\n") << p << "\n";
  const size_t real = static_cast<size_t>(std::count_if(
      d.processes.begin(), d.processes.end(), [](const ProcessDivergence& v) { return !v.cut; }));
  if (real > 0) {
    std::cout << "\nprocesses that differ (" << real << " of " << d.match.procs_matched
              << " matched):\n";
    for (const ProcessDivergence& v : d.processes)
      if (!v.cut) std::cout << "  " << divergence_head(a, b, v) << "\n";
  }
  if (!d.channels.empty()) {
    std::cout << "\nchannels that differ (" << d.channels.size() << " of " << d.match.chans_matched
              << " matched):\n";
    for (const ChannelDifference& c : d.channels)
      std::cout << "  " << channel_text(a, b, c) << "\n";
  }
  const OutcomeDifference& o = d.outcome;
  if (o.differs()) {
    std::cout << "\noutcome:\n";
    for (const Finding& f : o.only_a) std::cout << "  in A only: " << finding_line(a, f) << "\n";
    for (const Finding& f : o.only_b) std::cout << "  in B only: " << finding_line(b, f) << "\n";
    if (o.end_a != o.end_b)
      std::cout << "  A ended " << to_string(o.end_a) << ", B ended " << to_string(o.end_b) << "\n";
  }
  if (d.equivalent())
    std::cout << "\nthe runs are equivalent: every process did the same operations, every channel "
                 "moved the same values, the same outcome (timing and interleaving ignored)\n";
  else
    std::cout << "\nthe runs differ\n";
}

void print_diff_json(const TraceModel& a, const TraceModel& b, const TraceDiff& d, size_t context) {
  auto seq = [](const TraceModel& m, size_t i) {
    return i < m.size() ? Json(m.seq(i)) : Json(nullptr);
  };
  auto text = [](const std::string& s) { return valid_utf8(s); };
  EventFormat fmt;
  fmt.time = false;
  Json j;
  j["equivalent"] = d.equivalent();
  auto run = [&](const TraceModel& m, size_t decisions) {
    return Json{{"file", text(m.source())},
                {"program", text(m.header().program)},
                {"events", m.size()},
                {"decisions", decisions},
                {"complete", m.complete()},
                {"end", to_string(m.end_reason())},
                {"last_event", m.empty() ? Json(nullptr) : seq(m, m.size() - 1)}};
  };
  j["a"] = run(a, d.decisions.decisions_a);
  j["b"] = run(b, d.decisions.decisions_b);
  j["match"] = {
      {"processes_matched", d.match.procs_matched}, {"processes_a", a.processes().size()},
      {"processes_b", b.processes().size()},        {"channels_matched", d.match.chans_matched},
      {"channels_a", a.channels().size()},          {"channels_b", b.channels().size()},
      {"only_a", unmatched(a, d.match.proc_b)},     {"only_b", unmatched(b, d.match.proc_a)},
      {"text", text(match_text(a, b, d.match))}};
  auto side = [&](const TraceModel& m, uint32_t p, size_t step) {
    const ProcessSteps steps(m);
    const auto xs = steps.of(p);
    Json lines = Json::array();
    for (size_t k = step > context ? step - context : 0;
         k < std::min(xs.size(), step + context + 1); ++k)
      lines.push_back({{"step", k + 1},
                       {"event", seq(m, xs[k])},
                       {"text", text(format_event(m, xs[k], fmt))},
                       {"loc", text(step_location(m, xs[k], p))}});
    return lines;
  };
  auto divergence = [&](const ProcessDivergence& v) {
    return Json{{"process", text(process_label(a, v.proc_a))},
                {"step", v.step + 1},
                {"event_a", seq(a, v.event_a)},
                {"event_b", seq(b, v.event_b)},
                {"steps_a", v.steps_a},
                {"steps_b", v.steps_b},
                {"cut", v.cut}};
  };
  if (const ProcessDivergence* v = d.first_divergence()) {
    Json first = divergence(*v);
    first["context_a"] = side(a, v->proc_a, v->step);
    first["context_b"] = side(b, v->proc_b, v->step);
    j["first_divergence"] = std::move(first);
  } else {
    j["first_divergence"] = nullptr;
  }
  const DecisionParting& p = d.decisions;
  j["decisions"] = {
      {"parted", p.parted},
      {"decision", p.parted ? Json(p.decision + 1) : Json(nullptr)},
      {"event_a", seq(a, p.event_a)},
      {"event_b", seq(b, p.event_b)},
      {"chose_a", p.event_a < a.size() ? Json(text(decision_choice(a, p.event_a))) : Json(nullptr)},
      {"chose_b", p.event_b < b.size() ? Json(text(decision_choice(b, p.event_b))) : Json(nullptr)},
      {"text", text(parting_text(a, b, p))}};
  Json procs = Json::array();
  for (const ProcessDivergence& v : d.processes) procs.push_back(divergence(v));
  j["processes"] = std::move(procs);
  Json chans = Json::array();
  for (const ChannelDifference& c : d.channels) {
    const char* kind = c.kind == ChannelDifference::Kind::Order    ? "order"
                       : c.kind == ChannelDifference::Kind::Values ? "values"
                                                                   : "count";
    Json only_a = Json::array(), only_b = Json::array();
    for (size_t i : c.only_a) only_a.push_back(seq(a, i));
    for (size_t i : c.only_b) only_b.push_back(seq(b, i));
    chans.push_back({{"channel", text(channel_label(a, c.chan_a))},
                     {"kind", kind},
                     {"transfer", c.transfer + 1},
                     {"event_a", seq(a, c.event_a)},
                     {"event_b", seq(b, c.event_b)},
                     {"transfers_a", c.transfers_a},
                     {"transfers_b", c.transfers_b},
                     {"only_a", only_a},
                     {"only_b", only_b},
                     {"only_a_total", c.only_a_total},
                     {"only_b_total", c.only_b_total},
                     {"text", text(channel_text(a, b, c))}});
  }
  j["channels"] = std::move(chans);
  auto findings = [&](const TraceModel& m, const std::vector<Finding>& fs) {
    Json out = Json::array();
    for (const Finding& f : fs)
      out.push_back({{"kind", to_string(f.kind)},
                     {"severity", to_string(f.severity)},
                     {"event", seq(m, f.event)},
                     {"text", text(finding_line(m, f))}});
    return out;
  };
  j["outcome"] = {{"differs", d.outcome.differs()},
                  {"only_a", findings(a, d.outcome.only_a)},
                  {"only_b", findings(b, d.outcome.only_b)},
                  {"end_a", to_string(d.outcome.end_a)},
                  {"end_b", to_string(d.outcome.end_b)}};
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace csptrace::cli
