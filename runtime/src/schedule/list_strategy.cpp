// Decisions from a list: a trace's `decide` events (replay, strict) or a decision list file
// (prefix, lenient). Strict: the first decision the program asks for that the list does not
// hold (another kind, a choice that is not available here, a different number of choices, or
// no decision left) stops the run with a message naming the decision, the process and the line
// expected and what was found. Lenient: such an entry is passed over and the default is taken,
// and once the list is used up every decision takes the default: the oldest runnable process
// (lowest id), the first guard, the timer armed first, and timers only when nothing can run.
#include "strategy.hpp"

#include <csptrace/trace_reader.hpp>

#include <stdexcept>
#include <vector>

namespace csp::detail {

namespace {

using csptrace::Decision;
using csptrace::ScheduledDecision;

// What a strict replay knows about a recorded decision, for its messages.
struct Expected {
  std::string who;    // the chosen process's name, or "the timer NAME"
  std::string where;  // "waiting at FILE:LINE" or "" (where the chosen process last waited)
};

class ListStrategy final : public Strategy {
 public:
  ListStrategy(std::vector<ScheduledDecision> list, std::vector<Expected> expected, bool strict,
               bool race_timers, std::string describe)
      : list_(std::move(list)),
        expected_(std::move(expected)),
        strict_(strict),
        race_(race_timers),
        describe_(std::move(describe)) {}

  bool races_timers() const override { return race_; }

  void forced_timer() override {
    const ScheduledDecision* d = next(Decision::Run, 1, [] { return std::string("only a timer"); });
    if (d != nullptr && d->proc != 0) unavailable("nothing is runnable, only a timer can fire");
    // (a default marker, or a timer's chan: the one timer there is)
  }

  std::size_t pick_run(std::span<Process* const> runnable, bool timer_offered) override {
    const std::size_t n = runnable.size() + (timer_offered ? 1 : 0);
    const ScheduledDecision* d =
        next(Decision::Run, n, [&] { return runnable_text(runnable, timer_offered); });
    if (d != nullptr && !d->is_default_marker()) {
      if (d->proc == 0 && timer_offered) return runnable.size();
      for (std::size_t i = 0; i < runnable.size(); ++i)
        if (runnable[i]->id == d->proc) return i;
      unavailable(runnable_text(runnable, timer_offered));
    }
    std::size_t oldest = 0;
    for (std::size_t i = 1; i < runnable.size(); ++i)
      if (runnable[i]->id < runnable[oldest]->id) oldest = i;
    return oldest;
  }

  std::size_t pick_guard(const Process& p, uint32_t alt,
                         std::span<const uint32_t> guards) override {
    auto found = [&] {
      std::string s = p.name() + "'s alt " + std::to_string(alt) + " with guards";
      for (uint32_t g : guards) s += " " + std::to_string(g);
      return s;
    };
    const ScheduledDecision* d = next(Decision::Guard, guards.size(), found);
    if (d != nullptr && !d->is_default_marker()) {
      if (d->proc == p.id)
        for (std::size_t i = 0; i < guards.size(); ++i)
          if (static_cast<int32_t>(guards[i]) == d->index) return i;
      unavailable(found());
    }
    return 0;
  }

  std::size_t pick_timer(std::span<const csptrace::ChanId> due) override {
    auto found = [&] { return std::to_string(due.size()) + " timers due"; };
    const ScheduledDecision* d = next(Decision::Timer, due.size(), found);
    if (d != nullptr && !d->is_default_marker()) {
      for (std::size_t i = 0; i < due.size(); ++i)
        if (due[i] == d->chan) return i;
      unavailable(found());
    }
    return 0;
  }

  std::optional<std::string> diverged() const override { return diverged_; }
  std::optional<std::string> leftover() const override {
    if (!strict_ || diverged_ || at_ >= list_.size()) return std::nullopt;
    return "replay: the program ended after " + std::to_string(at_) + " of the trace's " +
           std::to_string(list_.size()) + " decisions; decision " + std::to_string(at_ + 1) + " (" +
           csptrace::format_decision(list_[at_]) + ", " + expected_[at_].who +
           ") never came. The program no longer matches the trace: was it changed or rebuilt?";
  }
  std::string describe() const override { return describe_; }
  std::optional<uint64_t> original_seed() const override { return seed_; }
  void set_original_seed(uint64_t seed) { seed_ = seed; }

 private:
  // The recorded decision to follow, or null for the default. Advances past it either way.
  template <class Found>
  const ScheduledDecision* next(Decision kind, std::size_t options, Found&& found) {
    if (diverged_) return nullptr;
    if (at_ >= list_.size()) {
      if (strict_)
        diverge("the trace has " + std::to_string(list_.size()) +
                " decisions, but the program asks for another: a " +
                std::string(csptrace::to_string(kind)) + " decision among " + found());
      return nullptr;
    }
    cur_ = at_++;
    const ScheduledDecision& d = list_[cur_];
    if (d.kind != kind) {
      if (strict_)
        diverge("the trace made a " + std::string(csptrace::to_string(d.kind)) +
                " decision here (" + expected_[cur_].who + "), but the program asks for a " +
                std::string(csptrace::to_string(kind)) + " decision among " + found());
      return nullptr;
    }
    if (strict_ && d.options != 0 && d.options != options) {
      diverge("the trace chose " + expected_[cur_].who + where(cur_) + " among " +
              std::to_string(d.options) + " options; here there are " + std::to_string(options) +
              ": " + found());
      return nullptr;
    }
    return &d;
  }
  void unavailable(const std::string& found) {
    if (strict_)
      diverge("the trace chose " + expected_[cur_].who + where(cur_) +
              ", which is not among the choices here: " + found);
  }
  std::string where(std::size_t i) const {
    return expected_[i].where.empty() ? std::string() : " (" + expected_[i].where + ")";
  }
  void diverge(const std::string& what) {
    diverged_ = "replay diverged at decision " + std::to_string(cur_ + 1) + ": " + what +
                ". The program no longer matches the trace: was it changed or rebuilt?";
  }
  static std::string runnable_text(std::span<Process* const> runnable, bool timer_offered) {
    std::string s = "runnable here:";
    for (const Process* p : runnable) s += " " + p->name() + " (#" + std::to_string(p->id) + ")";
    if (timer_offered) s += ", or fire the earliest timer";
    return s;
  }

  std::vector<ScheduledDecision> list_;
  std::vector<Expected> expected_;
  bool strict_;
  bool race_;
  std::string describe_;
  std::size_t at_ = 0;   // the next entry
  std::size_t cur_ = 0;  // the entry being followed
  std::optional<std::string> diverged_;
  std::optional<uint64_t> seed_;
};

}  // namespace

std::unique_ptr<Strategy> make_replay_strategy(const std::string& trace_path) {
  csptrace::TraceModel m;
  try {
    m = csptrace::load_trace(trace_path);
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("--replay: ") + e.what());
  }
  std::vector<ScheduledDecision> list;
  std::vector<Expected> expected;
  std::vector<std::string> last_wait(m.processes().size());  // by process index
  for (std::size_t i = 0; i < m.size(); ++i) {
    const csptrace::EventKind k = m.kind(i);
    const uint32_t p = m.proc_index(i);
    if (k == csptrace::EventKind::Park || k == csptrace::EventKind::Block ||
        k == csptrace::EventKind::Spawn) {
      const csptrace::Event e = m.event(i);
      if (p != csptrace::kNone && (e.present & csptrace::f::loc))
        last_wait[p] =
            std::string(k == csptrace::EventKind::Spawn ? "spawned at " : "waiting at ") +
            std::string(m.str(e.loc));
      continue;
    }
    if (k != csptrace::EventKind::Decide) continue;
    const csptrace::Event e = m.event(i);
    ScheduledDecision d;
    d.kind = e.decision;
    d.options = e.options;
    if (e.present & csptrace::f::proc) d.proc = e.proc;
    if (e.present & csptrace::f::chan) d.chan = e.chan;
    if (e.present & csptrace::f::index) d.index = e.index;
    Expected x;
    if (p != csptrace::kNone) {
      x.who = std::string(m.str(m.processes()[p].name)) + " (#" + std::to_string(d.proc) + ")";
      if (d.kind == Decision::Run) x.where = last_wait[p];
    } else if (const uint32_t c = m.chan_index(i); c != csptrace::kNone) {
      x.who = "the timer " + std::string(m.str(m.channels()[c].name));
    }
    list.push_back(d);
    expected.push_back(std::move(x));
  }
  if (list.empty() && m.header().scheduler != "deterministic")
    throw std::invalid_argument("--replay: " + trace_path +
                                " was recorded on the pool scheduler, which records no "
                                "decisions; replay a trace of a run with --seed or --schedule");
  // A run recorded with timers=idle offered no timer while processes could run: nor may its
  // replay (the number of options must agree).
  // The replayed run's header names the original strategy: its decisions are the original's.
  bool race = true;
  std::string original_text = m.header().strategy.empty() ? "random" : m.header().strategy;
  try {
    const csptrace::ScheduleSpec original = csptrace::ScheduleSpec::parse(m.header().strategy);
    race = original.race_timers;
  } catch (const std::invalid_argument&) {
    race = false;  // a trace from before strategies existed: seeded random, timers idle
  }
  auto s = std::make_unique<ListStrategy>(std::move(list), std::move(expected), true, race,
                                          std::move(original_text));
  s->set_original_seed(m.header().seed);
  return s;
}

std::unique_ptr<Strategy> make_prefix_strategy(const std::string& list_path) {
  std::vector<ScheduledDecision> list = csptrace::read_decision_list(list_path);
  std::vector<Expected> expected(list.size());
  return std::make_unique<ListStrategy>(std::move(list), std::move(expected), false, true,
                                        "prefix:path=" + list_path);
}

}  // namespace csp::detail
