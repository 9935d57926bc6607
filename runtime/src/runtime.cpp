#include "runtime.hpp"

#include "deterministic_scheduler.hpp"
#include "dump_service.hpp"
#include "pool_scheduler.hpp"
#include "preview_value.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <stdexcept>
#include <string_view>

namespace csp::detail {

using csptrace::Event;
using csptrace::EventKind;

std::atomic<Runtime*> g_runtime{nullptr};

namespace {

std::atomic<uint64_t> g_generation{0};

const char* env_text(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : nullptr;
}

// The deterministic scheduler's strategy, if the run has one: --replay, then CSP_SCHEDULE, then
// --schedule, then --seed (seeded random). None: the pool.
std::optional<csptrace::ScheduleSpec> schedule_of(const Options& opt) {
  if (!opt.replay.empty()) {
    csptrace::ScheduleSpec s;
    s.strategy = csptrace::ScheduleSpec::Strategy::Replay;
    s.path = opt.replay;
    return s;
  }
  if (const char* env = env_text("CSP_SCHEDULE")) {
    try {
      return csptrace::ScheduleSpec::parse(env);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("CSP_SCHEDULE: ") + e.what());
    }
  }
  if (!opt.schedule.empty()) return csptrace::ScheduleSpec::parse(opt.schedule);
  if (opt.seed) {
    csptrace::ScheduleSpec s;
    s.seed = opt.seed;
    return s;
  }
  return std::nullopt;
}

// The trace's path: --trace (Options::trace_path), else CSP_TRACE; under CSP_SCHEDULE (an
// explorer drives the program) its CSP_TRACE wins over --trace. Empty: untraced.
std::string trace_path_of(const Options& opt) {
  std::string path = opt.trace_path;
  if (const char* env = env_text("CSP_TRACE"); env && (path.empty() || env_text("CSP_SCHEDULE")))
    path = env;
  return path;
}

csptrace::TraceHeader header_of(const std::string& program, const Strategy* strategy,
                                uint64_t seed) {
  csptrace::TraceHeader h;
  h.program = program;
  h.scheduler = strategy ? "deterministic" : "pool";
  h.seed = seed;
  if (strategy) h.strategy = strategy->describe();
  h.clock = "steady_ns";
  h.start_unix_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  return h;
}

// The flight recorder's size: Options::trace_ring_bytes, else CSP_TRACE_RING (0: none).
uint64_t ring_bytes_of(const Options& opt) {
  if (opt.trace_ring_bytes > 0) return std::max(opt.trace_ring_bytes, kMinRingBytes);
  if (const char* env = env_text("CSP_TRACE_RING"))
    return parse_byte_size("CSP_TRACE_RING", env, kMinRingBytes);
  return 0;
}

// Dumps are on with Options::dump_on_signal or CSP_DUMP set to anything but "0".
bool dumps_wanted(const Options& opt) {
  const char* env = env_text("CSP_DUMP");
  return opt.dump_on_signal || (env != nullptr && std::string_view(env) != "0");
}

const char* op_name(csptrace::WaitOp op) {
  switch (op) {
    case csptrace::WaitOp::Put: return "put";
    case csptrace::WaitOp::Take: return "take";
    case csptrace::WaitOp::Alts: return "alts";
  }
  return "?";
}

// What a stuck process waits on, read from its waiter (see Process::waiting).
struct Wait {
  csptrace::WaitOp op = csptrace::WaitOp::Take;
  const ChannelCore* chan = nullptr;  // an alt: its first guard's channel
  csp::SourceLocation loc{};
  uint32_t alt = 0;
};

Wait wait_of(const Process& p) {
  Wait w;
  const Waiter* waiter = p.waiting;
  if (waiter == nullptr) return w;
  w.chan = waiter->chan;
  w.loc = waiter->loc;
  if (const AltState* a = waiter->alt()) {
    w.op = csptrace::WaitOp::Alts;
    w.alt = a->number;
  } else {
    w.op = waiter->on_puts ? csptrace::WaitOp::Put : csptrace::WaitOp::Take;
  }
  return w;
}

}  // namespace

std::string format_loc(csp::SourceLocation loc) {
  if (loc.line() == 0) return {};
  // The file as the compiler named it: with -fmacro-prefix-map=SRCDIR/= (as cspscope's own
  // build does) a path relative to the source tree, which code-scanning services and the
  // viewer's source pane can find; without it, usually an absolute path.
  return std::string(loc.file_name()) + ":" + std::to_string(loc.line());
}

Runtime::Runtime(const Options& opt)
    : rec(nullptr),
      bin(nullptr),
      program_(opt.program.empty() ? "program" : opt.program),
      max_pending_(opt.max_pending == 0 ? 1 : opt.max_pending),
      deterministic_(false),
      generation_(g_generation.fetch_add(1) + 1) {
  std::unique_ptr<Strategy> strategy;
  uint64_t seed = opt.seed.value_or(0);
  if (std::optional<csptrace::ScheduleSpec> spec = schedule_of(opt)) {
    seed = spec->seed.value_or(seed);
    strategy = make_strategy(*spec, seed);
    seed = strategy->original_seed().value_or(seed);
    deterministic_ = true;
  }
  header_ = header_of(program_, strategy.get(), seed);
  trace_path_ = trace_path_of(opt);
  const uint64_t ring_bytes = ring_bytes_of(opt);
  try {
    if (!trace_path_.empty()) own_rec_ = csptrace::open_recorder(trace_path_, header_, ring_bytes);
  } catch (const std::runtime_error& ex) {
    // A trace that cannot be created (a missing or unwritable directory, a bad extension) is
    // the run's error, reported now and in the result, never an uncaught exception: the
    // program runs untraced.
    open_failure_ = ex.what();
    std::fprintf(stderr, "cspscope: %s; the program runs without a trace\n", ex.what());
  }
  const_cast<csptrace::Recorder*&>(rec) = own_rec_.get();
  const_cast<csptrace::BinaryRecorder*&>(bin) = dynamic_cast<csptrace::BinaryRecorder*>(rec);
  if (deterministic_) {
    sched_ = std::make_unique<DeterministicScheduler>(*this, std::move(strategy), seed);
  } else {
    sched_ = std::make_unique<PoolScheduler>(*this, opt.workers, std::random_device{}());
  }
  if (dumps_wanted(opt) || (bin && bin->ring())) {
    dumps_ = true;
    dump_ = std::make_unique<DumpService>(*this, open_failure_.empty() ? trace_path_ : "");
  }
}

Runtime::~Runtime() {
  dump_.reset();
  sched_.reset();
}

std::string Runtime::trace_failure() const {
  if (!open_failure_.empty()) return open_failure_;
  return rec ? rec->failure() : std::string();
}

csptrace::StrId Runtime::loc_id(csp::SourceLocation loc) {
  if (loc.line() == 0) return 0;
  // A direct-mapped cache per thread, trivially destructible (no lazy-init check on the path
  // of every traced park). A miss, or a slot of an earlier run, interns the text again: the
  // recorder's string table gives the same text the same id.
  struct Slot {
    uint64_t generation;
    const char* file;
    uint32_t line;
    csptrace::StrId id;
  };
  constexpr std::size_t kSlots = 256;
  thread_local Slot cache[kSlots];
  const auto key = reinterpret_cast<uintptr_t>(loc.file_name());
  Slot& s = cache[((key >> 4) ^ (loc.line() * 0x9e37u)) % kSlots];
  if (s.generation == generation_ && s.file == loc.file_name() && s.line == loc.line()) return s.id;
  s = Slot{generation_, loc.file_name(), loc.line(), rec->intern(format_loc(loc))};
  return s.id;
}

csptrace::Value Runtime::value_of(const Preview& p) {
  return preview_value(p, [this](std::string_view text) { return rec->intern(text); });
}

const ProcSite& Runtime::keep_site(std::string name, csp::SourceLocation loc,
                                   csptrace::ProcRole role) {
  struct Hash {
    std::size_t operator()(const ProcSite& s) const noexcept {
      return std::hash<std::string>()(s.name) ^ (std::size_t{s.loc.line()} << 20) ^ s.loc.column() ^
             (std::size_t(s.role) << 40);
    }
  };
  struct Same {
    bool operator()(const ProcSite& a, const ProcSite& b) const noexcept {
      return a.name == b.name && a.role == b.role && a.loc.line() == b.loc.line() &&
             a.loc.column() == b.loc.column() &&
             std::strcmp(a.loc.file_name(), b.loc.file_name()) == 0 &&
             std::strcmp(a.loc.function_name(), b.loc.function_name()) == 0;
    }
  };
  // Never freed: a result channel's name points at its process's name, and a channel may
  // outlive the run that made it.
  static std::mutex mu;
  static auto* sites = new std::unordered_set<ProcSite, Hash, Same>();
  std::lock_guard lk(mu);
  return *sites->insert(ProcSite{std::move(name), loc, role}).first;
}

void Runtime::register_process(Process& p) {
  // Spawn, handles and exit are recorded under reg_mu_, on the same side of a cut's mark as
  // the registration the cut reads (see dumps()).
  std::lock_guard lk(reg_mu_);
  p.reg_prev = reg_tail_;
  p.reg_next = nullptr;
  if (reg_tail_)
    reg_tail_->reg_next = &p;
  else
    reg_head_ = &p;
  reg_tail_ = &p;
  if (dumps_) kept_[&p].parent = tl_current && tl_current != &p ? tl_current->id : 0;
  if (!rec) return;
  Event e(EventKind::Spawn);
  e.with_proc(p.id).with_name(rec->intern(p.name())).with_mode(p.mode);
  if (tl_current && tl_current != &p) e.with_partner(tl_current->id);
  if (p.spawned_at().line() != 0) e.with_loc(loc_id(p.spawned_at()));
  if (p.role() != csptrace::ProcRole::User) e.with_role(p.role());
  rec->record(e);
}

void Runtime::record_handles(const Process& p, const CaptureLog& captured) {
  if (captured.count == 0 || (!dumps_ && !rec)) return;
  std::lock_guard lk(reg_mu_);
  for (std::size_t i = 0; i < captured.count; ++i) {
    const csptrace::ChanId c = captured.chans[i]->id();
    if (dumps_) kept_[&p].handles.push_back(c);
    if (rec) {
      Event e(EventKind::Handle);
      rec->record(e.with_proc(p.id).with_chan(c));
    }
  }
}

void Runtime::unregister_process(Process& p, csptrace::Event* exit) {
  std::lock_guard lk(reg_mu_);
  if (exit) rec->record(*exit);
  if (p.reg_prev)
    p.reg_prev->reg_next = p.reg_next;
  else if (reg_head_ == &p)
    reg_head_ = p.reg_next;
  if (p.reg_next)
    p.reg_next->reg_prev = p.reg_prev;
  else if (reg_tail_ == &p)
    reg_tail_ = p.reg_prev;
  p.reg_prev = p.reg_next = nullptr;
  if (dumps_) kept_.erase(&p);
}

namespace {

// Records the wake-up `e` of kind W, with the event that caused it if any, through the typed
// path for the causes a rendezvous has.
template <EventKind W>
void record_wake_as(Runtime& rt, Event& e, Event* cause) {
  if (!cause) return rt.record_as<W>(e);
  switch (cause->kind) {
    case EventKind::Transfer: return rt.record_pair_as<EventKind::Transfer, W>(*cause, e);
    case EventKind::BufPut: return rt.record_pair_as<EventKind::BufPut, W>(*cause, e);
    case EventKind::AltChoice: return rt.record_pair_as<EventKind::AltChoice, W>(*cause, e);
    default: rt.rec->record_pair(*cause, e);
  }
}

}  // namespace

void Runtime::record_wake(Process& p, const ChannelCore& chan, Process* partner,
                          csptrace::Event* cause) {
  const bool go = p.mode == csptrace::ProcMode::Go;
  Event e(go ? EventKind::Resume : EventKind::Unblock);
  e.with_proc(p.id).with_chan(chan.id());
  if (partner) e.with_partner(partner->id);
  if (go)
    record_wake_as<EventKind::Resume>(*this, e, cause);
  else
    record_wake_as<EventKind::Unblock>(*this, e, cause);
}

void Runtime::add_activity(int64_t change) {
  // The deterministic scheduler finds quiescence itself, in its loop.
  if (active_.fetch_add(change, std::memory_order_acq_rel) + change == 0 && !deterministic_)
    on_quiescent();
}

void Runtime::add_error(const std::string& process, const std::string& message) {
  std::lock_guard lk(reg_mu_);
  result_.errors.push_back({process, message});
}

void Runtime::note_failed_exit() {
  // After the exit is recorded, so the window holds the failure. Processes end before the
  // dump service is stopped (shutdown), and the service's pipe outlives any request.
  if (dump_ && bin && bin->ring() && !stopping()) dump_->request_failure_window();
}

void Runtime::on_quiescent() {
  if (stopping() || deadlocked_.exchange(true, std::memory_order_acq_rel)) return;
  std::lock_guard lk(reg_mu_);
  // Every process left waits forever; the runtime's own (the join of a go main) is not named.
  std::vector<Process*> stuck, internal;
  for (Process* p = reg_head_; p; p = p->reg_next)
    (p->role() == csptrace::ProcRole::Internal ? internal : stuck).push_back(p);

  const std::string summary = std::to_string(stuck.size()) +
                              (stuck.size() == 1 ? " process" : " processes") +
                              " can never run again";
  std::string msg = summary + ":";
  // The message names the first few for a person; RunResult::stuck and the trace list them all.
  constexpr std::size_t kNamedInMessage = 20;
  for (Process* p : stuck) {
    const Wait w = wait_of(*p);
    StuckProcess s;
    s.process = p->name();
    s.op = op_name(w.op);
    s.channel = w.chan ? w.chan->name() : std::string();
    s.location = format_loc(w.loc);
    if (result_.stuck.size() < kNamedInMessage)
      msg += "\n  " + s.process + " waits to " + s.op +
             (w.op == csptrace::WaitOp::Alts ? " (first guard: '" + s.channel + "')"
                                             : " on '" + s.channel + "'") +
             (s.location.empty() ? "" : " at " + s.location);
    result_.stuck.push_back(std::move(s));
  }
  if (stuck.size() > kNamedInMessage)
    msg += "\n  ... and " + std::to_string(stuck.size() - kNamedInMessage) +
           " more (RunResult::stuck and the trace list every one)";
  result_.status = RunStatus::Deadlock;
  result_.message = "deadlock: " + msg;
  if (rec) {
    Event d(EventKind::Deadlock);
    rec->record(d.with_message(rec->intern(summary)));
    for (Process* p : stuck) {
      const Wait w = wait_of(*p);
      Event e(EventKind::Stuck);
      e.with_proc(p->id).with_op(w.op);
      if (w.op == csptrace::WaitOp::Alts)
        e.with_alt(w.alt);
      else if (w.chan)
        e.with_chan(w.chan->id());
      if (w.loc.line() != 0) e.with_loc(loc_id(w.loc));
      rec->record(e);
    }
    rec->finish(csptrace::EndReason::Deadlock, summary);
  }
  stuck.insert(stuck.end(), internal.begin(), internal.end());
  for (Process* p : stuck) {  // blocked threads (and main) can never be released otherwise
    if (p->mode == csptrace::ProcMode::Go) continue;
    uint32_t expected = 0;
    p->signal.compare_exchange_strong(expected, static_cast<uint32_t>(Signal::Deadlock));
    p->signal.notify_one();
  }
}

void Runtime::halt(csptrace::EndReason reason, const std::string& why) {
  if (stopping() || deadlocked_.exchange(true, std::memory_order_acq_rel)) return;
  std::lock_guard lk(reg_mu_);
  result_.status = RunStatus::Error;
  result_.message = why;
  if (rec) rec->finish(reason, why);
  for (Process* p = reg_head_; p; p = p->reg_next) {
    if (p->mode == csptrace::ProcMode::Go) continue;
    uint32_t expected = 0;
    p->signal.compare_exchange_strong(expected, static_cast<uint32_t>(Signal::Deadlock));
    p->signal.notify_one();
  }
}

void Runtime::adopt_thread(std::unique_ptr<Process> p, std::thread t) {
  std::lock_guard lk(reg_mu_);
  threads_.emplace_back(std::move(p), std::move(t));
}

void Runtime::shutdown() {
  stopping_.store(true, std::memory_order_release);
  std::vector<const Process*> runnable;  // left runnable: not waiting (see left_waiting)
  sched_->runnable_at_stop(runnable);
  sched_->stop();
  // Threads: release the blocked ones; wait for all.
  for (;;) {
    std::vector<std::pair<std::unique_ptr<Process>, std::thread>> threads;
    {
      std::lock_guard lk(reg_mu_);
      for (Process* p = reg_head_; p; p = p->reg_next) {
        if (p->mode == csptrace::ProcMode::Go) continue;
        uint32_t expected = 0;
        p->signal.compare_exchange_strong(expected, static_cast<uint32_t>(Signal::Shutdown));
        p->signal.notify_one();
      }
      threads.swap(threads_);
    }
    if (threads.empty()) break;
    for (auto& [proc, t] : threads)
      if (t.joinable()) t.join();
  }
  // No process can call csp::dump_state any more (the threads are joined, the scheduler
  // stopped); a dump being written is finished first, and none starts while processes are freed.
  dump_.reset();
  // Go processes still parked or runnable: free them (as Go does at exit); the trace shows
  // them waiting at the end.
  std::vector<Process*> left;
  {
    std::lock_guard lk(reg_mu_);
    for (Process* p = reg_head_; p; p = p->reg_next) {
      left.push_back(p);
      if (p->role() == csptrace::ProcRole::User && !deadlocked() &&
          std::find(runnable.begin(), runnable.end(), p) == runnable.end())
        result_.left_waiting.push_back(p->name());
    }
    reg_head_ = reg_tail_ = nullptr;
    kept_.clear();
  }
  for (Process* p : left) {
    p->reg_prev = p->reg_next = nullptr;
    if (p->mode == csptrace::ProcMode::Go) p->abandon();
  }
  if (deadlocked()) return;
  if (std::optional<std::string> unused = sched_->replay_leftover()) {
    result_.status = RunStatus::Error;
    result_.message = *unused;
    if (rec) rec->finish(csptrace::EndReason::Diverged, *unused);
    return;
  }
  if (rec) rec->finish(csptrace::EndReason::Normal);
}

}  // namespace csp::detail
