#include "analysis_context.hpp"

#include <csptrace/event_format.hpp>

#include <algorithm>

namespace csptrace {

namespace {

bool ended_normally(const TraceModel& m) {
  return m.complete() && m.end_reason() == EndReason::Normal;
}

Strength strength_of_end(const Replay& r, const WaitGraph& g) {
  const TraceModel& m = r.model();
  const ReplayState& end = r.final_state();
  if (end.deadlock_reported || (m.complete() && m.end_reason() != EndReason::Crash))
    return Strength::Proven;
  for (uint32_t p = 0; p < end.processes.size(); ++p)
    if (g.live(p) && !g.stuck(p)) return Strength::Predicted;
  return Strength::Observed;
}

}  // namespace

AnalysisContext::AnalysisContext(const Replay& r)
    : m(r.model()),
      end(r.final_state()),
      program_over(ended_normally(r.model())),
      use(r.model()),
      graph(r.model(), r.final_state(), use, program_over),
      say(r.model(), r.final_state()),
      end_strength(strength_of_end(r, graph)),
      explained(r.final_state().processes.size(), 0) {}

Finding AnalysisContext::make(FindingKind kind, Severity severity, size_t event) const {
  Finding f;
  f.kind = kind;
  f.severity = severity;
  f.strength = end_strength;
  f.event = event;
  f.time = event < m.size() ? m.time(event) : 0;
  return f;
}

void AnalysisContext::add_process(Finding& f, uint32_t p) const {
  if (std::find(f.processes.begin(), f.processes.end(), p) != f.processes.end()) return;
  f.processes.push_back(p);
  if (!is_waiting(end.processes[p].state)) return;
  for (const WaitOn& w : graph.waits(p)) add_channel(f, w.chan);
  add_location(f, say.loc(p));
}

void AnalysisContext::add_channel(Finding& f, uint32_t c) {
  if (c != kNone && std::find(f.channels.begin(), f.channels.end(), c) == f.channels.end())
    f.channels.push_back(c);
}

void AnalysisContext::add_location(Finding& f, std::string loc) {
  if (!loc.empty() && std::find(f.locations.begin(), f.locations.end(), loc) == f.locations.end())
    f.locations.push_back(std::move(loc));
}

std::string AnalysisContext::why_stuck(uint32_t p, WaitOn w) const {
  if (w.chan >= m.channels().size()) return {};
  const std::string ch = say.chan(w.chan);
  const ChannelUsers& u = use.users(w.chan);
  const bool take = w.op == WaitOp::Take;
  const auto& doers = take ? u.putters : u.takers;
  const char* did = take ? "put on" : "took from";
  std::vector<uint32_t> others;
  for (uint32_t q : graph.all_releasers(w))
    if (q != p) others.push_back(q);

  std::vector<std::string> states;
  for (uint32_t q : others) {
    const ProcessState& qs = end.processes[q];
    if (is_exited(qs.state))
      states.push_back(say.proc(q) + (qs.state == ProcState::ExitedError ? " failed " : " exited ") +
                       say.when(m.processes()[q].exit_event));
    else if (graph.dead(q))
      states.push_back(say.proc(q) + " is itself stuck" +
                       (say.loc(q).empty() ? std::string() : " at " + say.loc(q)));
    else if (program_over)
      states.push_back(say.proc(q) + " was still alive when the program ended");
    else
      states.push_back(say.proc(q) + " is still running");
  }
  const bool only_creator = std::none_of(doers.begin(), doers.end(), [p](uint32_t q) { return q != p; });
  std::string out;
  if (take && u.owner != kNone && u.owner != p && others.size() == 1)
    out = ch + " is the result channel of " + say.proc(u.owner) + ", which puts its result there "
          "when it returns and closes it when it ends, but " + states.front();
  else if (!only_creator)
    out = "Only " + say.procs(others) + " ever " + did + " " + ch + ": " + Narrator::list(states);
  else if (!others.empty())
    out = "Nobody else ever " + std::string(did) + " " + ch + "; of the processes that may hold it (" +
          (u.creator == p ? std::string("what ") + say.proc(p) + " spawned after making it"
                          : "its creator and what it spawned after making it") +
          "), " + Narrator::list(states);
  else
    out = "Nobody else ever " + std::string(did) + " " + ch;
  const ChannelState& cs = end.channels[w.chan];
  if (take && u.owner != kNone && u.owner != p && others.size() == 1)
    out += ".";
  else if (take)
    out += cs.closed ? "." : ", and nobody closed " + ch + ".";
  else if (cs.closed)
    out += ". " + ch + " was closed " + say.when(cs.close_event) +
           ", but a waiting put stays until a taker comes.";
  else
    out += ".";
  return out;
}

bool AnalysisContext::partners_gone(uint32_t p) const {
  for (const WaitOn& w : graph.waits(p))
    for (uint32_t q : graph.all_releasers(w))
      if (q != p && !is_exited(end.processes[q].state)) return false;
  return true;
}

}  // namespace csptrace
