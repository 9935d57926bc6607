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
using Strings = std::vector<std::string>;

constexpr const char* kEquivalent =
    "the runs are equivalent: every process did the same operations, every channel moved the "
    "same values, the same outcome (timing and interleaving ignored)";

std::string summary(const char* run, const RunSummary& r, size_t decisions) {
  const TraceHeader& h = r.header;
  std::string out = std::string(run) + ": " + r.source + " (" +
                    (h.program.empty() ? std::string("?") : h.program);
  if (h.scheduler == "deterministic")
    out += ", seed " + std::to_string(h.seed) + (h.strategy.empty() ? "" : " " + h.strategy);
  else if (!h.scheduler.empty())
    out += ", " + h.scheduler;
  out += ", " + std::to_string(r.events) + " events, " + std::to_string(decisions) + " decisions, ";
  out += r.complete ? "ended " + std::string(to_string(r.end)) : "cut short (no end event)";
  return out + ")";
}

std::string seq_of(const TraceModel& m, size_t i) {
  return i < m.size() ? std::to_string(m.seq(i)) : "-";
}

// Where a trace cut short ends, for comparing "up to the shorter end".
std::string cut_note(const char* run, const RunSummary& r) {
  if (r.complete) return {};
  return std::string(run) + " was cut short after event " +
         (r.last_seq ? std::to_string(*r.last_seq) : std::string("0")) +
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

RunSummary RunSummary::of(const TraceModel& m) {
  RunSummary r;
  r.source = m.source();
  r.header = m.header();
  r.events = m.size();
  r.processes = m.processes().size();
  r.channels = m.channels().size();
  r.complete = m.complete();
  r.end = m.end_reason();
  if (!m.empty()) r.last_seq = m.seq(m.size() - 1);
  return r;
}

bool report_shows_events(const TraceDiff& d) { return !d.equivalent() || d.decisions.parted; }

void print_diff_text(const RunSummary& sa, const RunSummary& sb, const TraceModel* ma,
                     const TraceModel* mb, const TraceDiff& d, size_t context) {
  std::cout << summary("A", sa, d.decisions.decisions_a) << "\n"
            << summary("B", sb, d.decisions.decisions_b) << "\n";
  if (!report_shows_events(d)) {
    std::cout << cut_note("A", sa) << cut_note("B", sb) << "\n" << kEquivalent << "\n";
    return;
  }
  const TraceModel& a = *ma;
  const TraceModel& b = *mb;
  if (const std::string m = match_text(a, b, d.match); !m.empty()) {
    const std::string only_a = joined(unmatched(a, d.match.proc_b));
    const std::string only_b = joined(unmatched(b, d.match.proc_a));
    std::cout << m << (only_a.empty() ? "" : "; processes in A only: " + only_a)
              << (only_b.empty() ? "" : "; in B only: " + only_b) << "\n";
  }
  std::cout << cut_note("A", sa) << cut_note("B", sb);
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
    std::cout << "\n" << kEquivalent << "\n";
  else
    std::cout << "\nthe runs differ\n";
}

void print_diff_json(const RunSummary& sa, const RunSummary& sb, const TraceModel* ma,
                     const TraceModel* mb, const TraceDiff& d, size_t context) {
  // The models are read only for a divergence, a parting, a difference or a finding of one run
  // only, which exist only when report_shows_events(d), and then both models are there.
  auto seq = [](const TraceModel* m, size_t i) {
    return m && i < m->size() ? Json(m->seq(i)) : Json(nullptr);
  };
  auto text = [](const std::string& s) { return valid_utf8(s); };
  EventFormat fmt;
  fmt.time = false;
  Json j;
  j["equivalent"] = d.equivalent();
  auto run = [&](const RunSummary& r, size_t decisions) {
    return Json{{"file", text(r.source)},
                {"program", text(r.header.program)},
                {"events", r.events},
                {"decisions", decisions},
                {"complete", r.complete},
                {"end", to_string(r.end)},
                {"last_event", r.last_seq ? Json(*r.last_seq) : Json(nullptr)}};
  };
  j["a"] = run(sa, d.decisions.decisions_a);
  j["b"] = run(sb, d.decisions.decisions_b);
  const bool events = report_shows_events(d);
  j["match"] = {{"processes_matched", d.match.procs_matched},
                {"processes_a", sa.processes},
                {"processes_b", sb.processes},
                {"channels_matched", d.match.chans_matched},
                {"channels_a", sa.channels},
                {"channels_b", sb.channels},
                {"only_a", events ? unmatched(*ma, d.match.proc_b) : Strings()},
                {"only_b", events ? unmatched(*mb, d.match.proc_a) : Strings()},
                {"text", events ? text(match_text(*ma, *mb, d.match)) : std::string()}};
  auto side = [&](const TraceModel& m, uint32_t p, size_t step) {
    const ProcessSteps steps(m);
    const auto xs = steps.of(p);
    Json lines = Json::array();
    for (size_t k = step > context ? step - context : 0;
         k < std::min(xs.size(), step + context + 1); ++k)
      lines.push_back({{"step", k + 1},
                       {"event", seq(&m, xs[k])},
                       {"text", text(format_event(m, xs[k], fmt))},
                       {"loc", text(step_location(m, xs[k], p))}});
    return lines;
  };
  auto divergence = [&](const ProcessDivergence& v) {
    return Json{{"process", text(process_label(*ma, v.proc_a))},
                {"step", v.step + 1},
                {"event_a", seq(ma, v.event_a)},
                {"event_b", seq(mb, v.event_b)},
                {"steps_a", v.steps_a},
                {"steps_b", v.steps_b},
                {"cut", v.cut}};
  };
  if (const ProcessDivergence* v = d.first_divergence()) {
    Json first = divergence(*v);
    first["context_a"] = side(*ma, v->proc_a, v->step);
    first["context_b"] = side(*mb, v->proc_b, v->step);
    j["first_divergence"] = std::move(first);
  } else {
    j["first_divergence"] = nullptr;
  }
  const DecisionParting& p = d.decisions;
  j["decisions"] = {
      {"parted", p.parted},
      {"decision", p.parted ? Json(p.decision + 1) : Json(nullptr)},
      {"event_a", seq(ma, p.event_a)},
      {"event_b", seq(mb, p.event_b)},
      {"chose_a", p.parted && p.event_a < ma->size() ? Json(text(decision_choice(*ma, p.event_a)))
                                                     : Json(nullptr)},
      {"chose_b", p.parted && p.event_b < mb->size() ? Json(text(decision_choice(*mb, p.event_b)))
                                                     : Json(nullptr)},
      {"text", p.parted ? text(parting_text(*ma, *mb, p)) : std::string()}};
  Json procs = Json::array();
  for (const ProcessDivergence& v : d.processes) procs.push_back(divergence(v));
  j["processes"] = std::move(procs);
  Json chans = Json::array();
  for (const ChannelDifference& c : d.channels) {
    const char* kind = c.kind == ChannelDifference::Kind::Order    ? "order"
                       : c.kind == ChannelDifference::Kind::Values ? "values"
                                                                   : "count";
    Json only_a = Json::array(), only_b = Json::array();
    for (size_t i : c.only_a) only_a.push_back(seq(ma, i));
    for (size_t i : c.only_b) only_b.push_back(seq(mb, i));
    chans.push_back({{"channel", text(channel_label(*ma, c.chan_a))},
                     {"kind", kind},
                     {"transfer", c.transfer + 1},
                     {"event_a", seq(ma, c.event_a)},
                     {"event_b", seq(mb, c.event_b)},
                     {"transfers_a", c.transfers_a},
                     {"transfers_b", c.transfers_b},
                     {"only_a", only_a},
                     {"only_b", only_b},
                     {"only_a_total", c.only_a_total},
                     {"only_b_total", c.only_b_total},
                     {"text", text(channel_text(*ma, *mb, c))}});
  }
  j["channels"] = std::move(chans);
  auto findings = [&](const TraceModel* m, const std::vector<Finding>& fs) {
    Json out = Json::array();
    for (const Finding& f : fs)
      out.push_back({{"kind", to_string(f.kind)},
                     {"severity", to_string(f.severity)},
                     {"event", seq(m, f.event)},
                     {"text", text(finding_line(*m, f))}});
    return out;
  };
  j["outcome"] = {{"differs", d.outcome.differs()},
                  {"only_a", findings(ma, d.outcome.only_a)},
                  {"only_b", findings(mb, d.outcome.only_b)},
                  {"end_a", to_string(d.outcome.end_a)},
                  {"end_b", to_string(d.outcome.end_b)}};
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace csptrace::cli
