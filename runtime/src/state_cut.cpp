#include "state_cut.hpp"

#include "runtime.hpp"

#include <csp/detail/channel_core.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace csp::detail {

namespace {

using Listed = std::vector<std::pair<ChannelCore*, ChannelFacts>>;

// How long one channel's lock is tried before the attempt is given up (an operation holds it
// for well under a microsecond; a holder preempted by the OS, or one waiting for the
// registry's mutex, longer), and how many attempts a cut makes.
constexpr auto kLockPatience = std::chrono::milliseconds(2);
constexpr int kAttempts = 100;

bool lock_soon(ChannelCore& c) {
  const auto give_up = std::chrono::steady_clock::now() + kLockPatience;
  for (int spins = 0;; ++spins) {
    if (c.try_lock()) return true;
    if (spins % 64 == 63) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      std::this_thread::yield();
    }
  }
}

// The references of a listing, released when it goes: after the registry's mutex is let go
// (declared before it), since the last release frees the channel and takes that mutex.
struct Retained {
  Listed chans;
  ~Retained() {
    for (auto& [c, facts] : chans) c->release();
  }
};

// The locks taken so far of the listed channels, unlocked in reverse when it goes.
struct Locks {
  const Listed& chans;
  std::size_t held = 0;
  ~Locks() {
    while (held > 0) chans[--held].first->unlock();
  }
};

}  // namespace

StateCut StateCut::take(Runtime& rt, std::string_view mark, double& held_ms) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    {
      Retained retained;
      std::unique_lock registry(ChannelRegistry::mu());
      ChannelRegistry::retain_all_locked(rt.generation(), retained.chans);
      std::sort(retained.chans.begin(), retained.chans.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      const auto start = std::chrono::steady_clock::now();
      Locks locks{retained.chans};
      while (locks.held < retained.chans.size() && lock_soon(*retained.chans[locks.held].first))
        ++locks.held;
      if (locks.held == retained.chans.size()) {
        StateCut cut;
        std::lock_guard processes(rt.reg_mu_);
        cut.read_locked(rt, retained.chans, mark);
        held_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        return cut;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(1 + attempt, 20)));
  }
  throw std::runtime_error("no consistent snapshot after " + std::to_string(kAttempts) +
                           " attempts: a channel's lock stayed taken each time");
}

void StateCut::read_locked(Runtime& rt, const Listed& listed, std::string_view mark) {
  std::unordered_map<const Process*, std::size_t> order;  // index in procs
  for (const Process* p = rt.reg_head_; p; p = p->reg_next) {
    Proc q;
    q.id = p->id;
    q.name = p->name();
    q.mode = p->mode;
    q.role = p->role();
    q.loc = p->spawned_at();
    if (auto it = rt.kept_.find(p); it != rt.kept_.end()) {
      q.parent = it->second.parent;
      q.handles = it->second.handles;
    }
    order.emplace(p, procs.size());
    procs.push_back(std::move(q));
  }

  std::unordered_map<const void*, std::size_t> wait_at;  // an alt's state or a process -> waits
  std::vector<std::size_t> wait_proc;                    // by wait: its index in procs
  for (const auto& [c, facts] : listed) {
    Chan ch;
    ch.id = c->id();
    ch.name = c->name();
    ch.kind = c->kind();
    ch.cap = c->capacity();
    ch.facts = facts;
    ch.closed = c->closed_locked();
    for (uint32_t i = 0; i < c->buffered_locked(); ++i) {
      ch.buffered.push_back(c->describe_buffered_locked(i));
      if (rt.rec) ch.buffered_from.push_back(c->buffered_from_locked(i));
    }
    c->for_each_waiter_locked([&](const Waiter& w) {
      const Process* p = w.proc();
      auto known = order.find(p);
      if (known == order.end()) return;  // not of this run: cannot happen, and not dumped
      Guard g;
      g.index = w.index;
      g.op = w.on_puts ? csptrace::WaitOp::Put : csptrace::WaitOp::Take;
      g.chan = c->id();
      if (w.on_puts) g.value = c->describe_put(w.io);
      const AltState* alt = w.alt();
      auto [at, fresh] = wait_at.try_emplace(alt ? static_cast<const void*>(alt) : p, waits.size());
      if (fresh) {
        Wait wait;
        wait.proc = p->id;
        wait.blocking = p->mode != csptrace::ProcMode::Go;
        wait.alt = alt != nullptr;
        wait.alt_number = alt ? alt->number : 0;
        wait.loc = w.loc;
        waits.push_back(std::move(wait));
        wait_proc.push_back(known->second);
      }
      waits[at->second].guards.push_back(std::move(g));
    });
    chans.push_back(std::move(ch));
  }
  std::sort(chans.begin(), chans.end(), [](const Chan& a, const Chan& b) { return a.id < b.id; });
  std::vector<std::size_t> by_proc(waits.size());
  for (std::size_t i = 0; i < by_proc.size(); ++i) by_proc[i] = i;
  std::sort(by_proc.begin(), by_proc.end(),
            [&](std::size_t a, std::size_t b) { return wait_proc[a] < wait_proc[b]; });
  std::vector<Wait> sorted;
  sorted.reserve(waits.size());
  for (std::size_t i : by_proc) {
    std::sort(waits[i].guards.begin(), waits[i].guards.end(),
              [](const Guard& a, const Guard& b) { return a.index < b.index; });
    sorted.push_back(std::move(waits[i]));
  }
  waits = std::move(sorted);

  if (rt.rec) {
    csptrace::Event e(csptrace::EventKind::Mark);
    e.with_label(rt.rec->intern(mark));
    if (tl_current) e.with_proc(tl_current->id);
    rt.rec->record(e);
    mark_seq = e.seq;
    mark_t = e.t;
  }
}

}  // namespace csp::detail
