#include <csptrace/run_steps.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace csptrace {

namespace {

// What the scheduler held as runnable, rebuilt from the events that change it: a spawn of a go
// process or a thread and a resume or unblock make a process runnable, a run decision takes it.
class RunnableSet {
 public:
  void add(ProcId p) { set_.insert(p); }
  void take(ProcId p) { set_.erase(p); }
  const std::set<ProcId>& ids() const { return set_; }

 private:
  std::set<ProcId> set_;
};

// The guards an alt offered and which of them were ready, by (process, alt number).
struct AltGuards {
  std::vector<int32_t> all, ready;
};

}  // namespace

RunSteps run_steps(const TraceModel& m) {
  RunSteps out;
  out.events = m.size();
  RunnableSet runnable;
  std::map<std::pair<ProcId, uint32_t>, AltGuards> alts;
  std::set<ChanId> armed;  // timers armed and not yet fired
  constexpr size_t kNoStep = ~size_t{0};
  size_t step = kNoStep;  // the run decision whose step the events now belong to
  std::set<ChanId> touched;
  ProcId last_proc = 0;
  auto close_step = [&] {
    if (step != kNoStep) out.decisions[step].footprint.assign(touched.begin(), touched.end());
    touched.clear();
  };
  auto woke = [&](ProcId p) {
    (step == kNoStep ? out.initial_woke : out.decisions[step].woke).push_back(p);
  };
  auto armed_here = [&](ChanId c) {
    (step == kNoStep ? out.initial_armed : out.decisions[step].armed).push_back(c);
  };
  for (size_t i = 0; i < m.size(); ++i) {
    const EventKind k = m.kind(i);
    const Event e = m.event(i);
    const bool has_proc = (e.present & f::proc) != 0;
    if ((e.present & f::chan) && k != EventKind::Decide) touched.insert(e.chan);
    switch (k) {
      case EventKind::Spawn:
        if (e.mode != ProcMode::Main) {
          runnable.add(e.proc);
          woke(e.proc);
        }
        break;
      case EventKind::Resume:
      case EventKind::Unblock:
        runnable.add(e.proc);
        woke(e.proc);
        break;
      case EventKind::TimerArm:
        armed.insert(e.chan);
        armed_here(e.chan);
        break;
      case EventKind::TimerFire: armed.erase(e.chan); break;
      case EventKind::AltOffer: alts[{e.proc, e.alt}] = {}; break;
      case EventKind::AltGuard: {
        AltGuards& g = alts[{e.proc, e.alt}];
        g.all.push_back(e.index);
        if (e.ready) g.ready.push_back(e.index);
        break;
      }
      case EventKind::Decide: {
        RunDecision d;
        d.event = i;
        d.chosen.kind = e.decision;
        d.chosen.options = e.options;
        if (has_proc) d.chosen.proc = e.proc;
        if (e.present & f::chan) d.chosen.chan = e.chan;
        if (e.present & f::index) d.chosen.index = e.index;
        if (e.decision == Decision::Run) {
          close_step();
          for (ProcId p : runnable.ids()) {
            ScheduledDecision a;
            a.proc = p;
            d.alternatives.push_back(a);
          }
          // The timer option was offered when there was one more option than processes.
          if (e.options == runnable.ids().size() + 1 && !armed.empty()) {
            ScheduledDecision a;
            a.chan = d.chosen.proc == 0 ? d.chosen.chan : *armed.begin();
            d.alternatives.push_back(a);
          }
          if (has_proc) {
            runnable.take(e.proc);
            if (last_proc != 0 && e.proc != last_proc) ++out.context_switches;
            last_proc = e.proc;
          }
          if (e.options != d.alternatives.size()) d.alternatives.clear();  // cannot rebuild them
        } else if (e.decision == Decision::Guard) {
          const AltGuards& g = alts[{e.proc, e.alt}];
          const std::vector<int32_t>& from = e.options == g.ready.size() ? g.ready : g.all;
          if (from.size() == e.options)
            for (int32_t idx : from) {
              ScheduledDecision a;
              a.kind = Decision::Guard;
              a.proc = e.proc;
              a.index = idx;
              d.alternatives.push_back(a);
            }
        }
        out.decisions.push_back(std::move(d));
        if (e.decision == Decision::Run) step = out.decisions.size() - 1;
        break;
      }
      default: break;
    }
  }
  close_step();
  for (RunDecision& d : out.decisions)
    for (ScheduledDecision& a : d.alternatives) a.options = d.chosen.options;
  if (out.decisions.empty() && m.header().scheduler != "deterministic")
    throw std::invalid_argument(m.source() +
                                ": a pool run records no scheduler decisions; explore and "
                                "replay need a deterministic run (--seed or --schedule)");
  return out;
}

bool is_default_choice(const RunDecision& d) {
  if (d.alternatives.size() <= 1) return true;              // forced: no choice, no deviation
  const ScheduledDecision& first = d.alternatives.front();  // lowest id / first guard
  if (d.chosen.kind == Decision::Run) return d.chosen.proc != 0 && d.chosen.proc == first.proc;
  if (d.chosen.kind == Decision::Guard) return d.chosen.index == first.index;
  return true;
}

}  // namespace csptrace
