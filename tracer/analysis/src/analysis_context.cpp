#include "analysis_context.hpp"

#include <csptrace/event_format.hpp>

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace csptrace {

namespace {

bool ended_normally(const TraceModel& m) {
  return m.complete() && m.end_reason() == EndReason::Normal;
}

Strength strength_of_end(const TraceModel& m, const ReplayState& end, const WaitGraph& g) {
  // A snapshot (a dump of a running program) is a cut like a trace cut short: the program went on.
  const bool ran_on = m.end_reason() == EndReason::Crash || m.end_reason() == EndReason::Snapshot;
  if (end.deadlock_event != kNone || (m.complete() && !ran_on)) return Strength::Proven;
  for (uint32_t p = 0; p < end.processes.size(); ++p)
    if (g.live(p) && !g.stuck(p)) return Strength::Predicted;
  return Strength::Observed;
}

}  // namespace

AnalysisContext::AnalysisContext(const TraceModel& model, const ReplayState& end_state,
                                 const ChannelUse& channel_use)
    : m(model),
      end(end_state),
      program_over(ended_normally(m)),
      use(channel_use),
      graph(m, end, use, program_over),
      say(m, end),
      end_strength(strength_of_end(m, end, graph)),
      explained(end.processes.size(), 0) {}

Finding AnalysisContext::make(FindingKind kind, Severity severity, size_t event) const {
  Finding f;
  f.kind = kind;
  f.severity = severity;
  f.strength = end_strength;
  f.event = event;
  f.time = event < m.size() ? m.time(event) : 0;
  return f;
}

Finding AnalysisContext::make_about(uint32_t p, FindingKind kind, Severity severity,
                                    size_t event) const {
  if (!graph.predicted(p)) return make(kind, severity, event);
  Finding f = make(kind, Severity::Warning, event);
  f.strength = Strength::Predicted;
  return f;
}

void AnalysisContext::add_process(Finding& f, uint32_t p) const {
  if (std::find(f.processes.begin(), f.processes.end(), p) != f.processes.end()) return;
  add_new_process(f, p);
}

void AnalysisContext::add_new_process(Finding& f, uint32_t p) const {
  f.processes.push_back(p);
  if (!is_waiting(end.processes[p].state)) return;
  const std::vector<WaitOn> waits = graph.waits(p);
  if (waits.size() <= 8) {
    for (const WaitOn& w : waits) add_channel(f, w.chan);
  } else {
    // An alt over n guards: a set, not a scan of f.channels per guard (O(n^2)).
    std::unordered_set<uint32_t> have(f.channels.begin(), f.channels.end());
    for (const WaitOn& w : waits)
      if (w.chan != kNone && have.insert(w.chan).second) f.channels.push_back(w.chan);
  }
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

std::string AnalysisContext::state_of(uint32_t q, uint32_t p, WaitOn w) const {
  const ProcessState& qs = end.processes[q];
  if (is_exited(qs.state))
    return say.proc(q) + (qs.state == ProcState::ExitedError ? " failed " : " exited ") +
           say.when(m.processes()[q].exit_event);
  if (graph.dead(q) || graph.predicted(q))
    return say.proc(q) + " is itself stuck" + (say.loc(q).empty() ? "" : " at " + say.loc(q));
  if (program_over) return say.proc(q) + " was still alive when the program ended";
  if (graph.stuck(q) && graph.armed_timer_guard(q)) {
    std::string s = say.proc(q) + " is asleep" + say.sleeps_until(q);
    const size_t last = use.last_use(w.chan, q), since = wait_since(end.processes[p]);
    if (last == kNone || since == kNone || last < since)
      s += " and has not used " + say.chan(w.chan) + " since " + say.proc(p) + " began waiting";
    return s;
  }
  if (graph.stuck(q)) return say.proc(q) + " waits, but could still be released";
  return say.proc(q) + " is still running";
}

std::vector<std::string> AnalysisContext::why_guards_stuck(uint32_t p) const {
  const auto& guards = graph.waits(p);
  std::vector<std::string> why;
  for (const WaitOn& g : guards) {
    if (why.size() == Narrator::kNamedInList) break;
    why.push_back("Guard " + std::to_string(why.size() + 1) + " (" + say.op(g.op, g.chan) +
                  "): " + why_stuck(p, g));
  }
  if (guards.size() > why.size())
    why.push_back("The other " + std::to_string(guards.size() - why.size()) +
                  " guards are not described one by one.");
  return why;
}

std::string AnalysisContext::why_stuck(uint32_t p, WaitOn w) const {
  if (w.chan >= m.channels().size()) return {};
  const std::string ch = say.chan(w.chan);
  const ChannelUsers& u = use.users(w.chan);
  const ChannelInfo& info = m.channels()[w.chan];
  const ChannelState& cs = end.channels[w.chan];
  const bool take = w.op == WaitOp::Take;
  const std::vector<Releaser> all = graph.all_releasers(p, w);
  std::vector<uint32_t> did, holds, handles, may;
  for (const Releaser& r : all) {
    switch (r.because) {
      case Because::Did:
      case Because::Owns: did.push_back(r.proc); break;
      case Because::Holds: holds.push_back(r.proc); break;
      case Because::Handle: handles.push_back(r.proc); break;
      case Because::MayHold: may.push_back(r.proc); break;
    }
  }
  auto states = [&](const std::vector<uint32_t>& qs) {
    std::vector<std::string> out;
    for (size_t i = 0; i < qs.size() && i < Narrator::kNamedInList; ++i)
      out.push_back(state_of(qs[i], p, w));
    return Narrator::list(Narrator::capped(std::move(out), qs.size()),
                          qs.size() > 2 ? "; and " : " and ");
  };

  std::string out;
  // The channel itself first: a full buffer says why a put waits.
  const bool full =
      !take && info.buffer == BufferKind::Fixed && info.cap > 0 && cs.level() >= info.cap;
  if (full) {
    out = "The buffer of " + ch + " is full (" + std::to_string(cs.level()) + " of " +
          std::to_string(info.cap) + ")";
    out += u.takers.empty() ? " and nobody ever took from it" : ". ";
  }
  const char* did_op = take ? "put on" : "took from";
  if (take && u.owner != kNone && u.owner != p && did.size() == 1 && did[0] == u.owner &&
      holds.empty()) {
    out += ch + " is the result channel of " + say.proc(u.owner) +
           ", which puts its result "
           "there when it returns and closes it when it ends, but " +
           state_of(u.owner, p, w) + ".";
    return out;
  }
  if (!did.empty() || !holds.empty()) {
    std::vector<std::string> parts;
    if (!did.empty()) parts.push_back("only " + say.procs(did) + " ever " + did_op + " " + ch);
    if (!holds.empty())
      parts.push_back(say.procs(holds) + (holds.size() == 1 ? " holds a value" : " hold values") +
                      " taken from it and could put " + (holds.size() == 1 ? "it" : "them") +
                      " back");
    std::string lead = Narrator::list(parts, "; ");
    lead[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(lead[0])));
    std::vector<uint32_t> everyone = did;
    everyone.insert(everyone.end(), holds.begin(), holds.end());
    out += lead + ": " + states(everyone);
    if (take && !cs.closed) out += ", and nobody closed " + ch;
  } else {
    // Nobody else ever did the operation: only a process holding the channel could (for a
    // take, closing it would do too).
    const std::string what = take ? "put on " + ch + " or closed it" : "took from " + ch;
    // Those holding it that wait on it too, p left out: the first ones to name, and how many.
    const WaitGraph::Holders& boat = graph.blocked_holders(w.chan);
    const size_t others = boat.list.size() - boat.members.count(p);
    std::vector<uint32_t> same_boat;
    for (size_t i = 0; i < boat.list.size() && same_boat.size() < Narrator::kNamedInList; ++i)
      if (boat.list[i] != p) same_boat.push_back(boat.list[i]);
    // After "the buffer is full and nobody ever took from it", the same is not said twice.
    const std::string nobody =
        full ? std::string(": only a process holding it could take")
             : "Nobody " + std::string(u.putters.empty() && u.takers.empty() ? "" : "else ") +
                   "ever " + what;
    if (!handles.empty() || !may.empty()) {
      std::vector<std::string> who;
      for (uint32_t q : handles)
        who.push_back(say.proc(q) + (q == u.creator ? " (it made it)" : " (it captured it)"));
      if (!may.empty())
        who.push_back(std::string(handles.empty() ? "" : "perhaps ") + say.procs(may) +
                      " (spawned after it was made, so " +
                      (may.size() == 1 ? "it may hold it" : "they may hold it") + ")");
      std::vector<uint32_t> everyone = handles;
      everyone.insert(everyone.end(), may.begin(), may.end());
      out += nobody + (full ? ", " : "; only a process holding it could: ") + Narrator::list(who) +
             ", and " + states(everyone);
    } else if (!same_boat.empty() && graph.blocked_on(p, w.chan)) {
      std::vector<uint32_t> all_in = same_boat;
      all_in.insert(all_in.begin(), p);
      out += "Nobody ever " + what + ", and the only processes that hold it (" +
             say.procs(all_in, others + 1) +
             ") all wait on it themselves, so none of them can: they wait " +
             "for a signal only they could send";
    } else {
      out += nobody;
    }
  }
  if (!take && cs.closed)
    out += ". " + ch + " was closed " + say.when(cs.close_event) +
           ", but a waiting put stays until a taker comes.";
  else
    out += ".";
  return out;
}

std::vector<std::string> AnalysisContext::weak_hopes(uint32_t p) const {
  std::vector<std::string> out;
  std::vector<uint32_t> named;
  for (const WaitOn& w : graph.waits(p))
    for (const Releaser& r : graph.all_releasers(p, w)) {
      if (!graph.live(r.proc) || !graph.weak(p, w, r)) continue;
      if (std::find(named.begin(), named.end(), r.proc) != named.end()) continue;
      named.push_back(r.proc);
      out.push_back(r.because == Because::MayHold || r.because == Because::Handle
                        ? say.proc(r.proc) + " (it may hold " + say.chan(w.chan) +
                              " but never used it)"
                        : say.proc(r.proc) + " (asleep" + say.sleeps_until(r.proc) +
                              ", and it has not used " + say.chan(w.chan) + " since)");
    }
  return out;
}

std::vector<uint32_t> AnalysisContext::weak_hope_procs(uint32_t p) const {
  std::vector<uint32_t> out;
  for (const WaitOn& w : graph.waits(p))
    for (const Releaser& r : graph.all_releasers(p, w))
      if (graph.live(r.proc) && graph.weak(p, w, r) &&
          std::find(out.begin(), out.end(), r.proc) == out.end())
        out.push_back(r.proc);
  return out;
}

bool AnalysisContext::partners_gone(uint32_t p) const {
  for (const WaitOn& w : graph.waits(p))
    for (const Releaser& r : graph.all_releasers(p, w))
      if (!is_exited(end.processes[r.proc].state)) return false;
  return true;
}

}  // namespace csptrace
