#include "random_trace.hpp"

#include <deque>
#include <random>
#include <string>
#include <vector>

namespace csptrace::testing {

namespace {

struct SimWaiter {
  uint32_t proc;  // process id
  int64_t value;  // for putters
  int guard;      // guard index when waiting in an alt, else -1
};

struct SimChan {
  ChanId id = 0;
  BufferKind kind = BufferKind::Unbuffered;
  uint32_t cap = 0;
  bool closed = false;
  std::deque<std::pair<int64_t, ProcId>> buffer;  // value, putter
  std::deque<SimWaiter> putters, takers;
};

struct SimGuard {
  WaitOp op;
  size_t chan;  // index into chans
  int64_t value;
};

struct SimProc {
  ProcId id = 0;
  bool waiting = false, exited = false;
  uint32_t alt = 0;
  std::vector<SimGuard> guards;  // of the alt it waits in (empty: a plain put / take)
  WaitOp op = WaitOp::Take;      // what it waits for
  ChanId chan = 0;               // on which channel (plain put / take)
};

class Sim {
 public:
  explicit Sim(uint64_t seed) : rng_(seed), b_("random") {}

  TraceModel run(size_t events);

 private:
  Event ev(EventKind k) {
    Event e(k);
    e.with_seq(++seq_).with_t(t_ += 1 + int64_t(rng_() % 50));
    return e;
  }
  void add(const Event& e) { b_.add(e); }
  size_t pick(size_t n) { return rng_() % n; }
  static SimChan chan(ChanId id, BufferKind kind, uint32_t cap) {
    SimChan c;
    c.id = id;
    c.kind = kind;
    c.cap = cap;
    return c;
  }

  void spawn(ProcId parent);
  void make_chan(ProcId by);
  void put(size_t p, size_t c, int64_t v, int guard_of_alt);
  void take(size_t p, size_t c, int guard_of_alt);
  void close(size_t p, size_t c);
  void alt(size_t p);
  void sleep(size_t p);
  void fire(size_t c);
  // Wakes waiter w of channel c: its alt choice (if in an alt), then the resume.
  void wake(const SimWaiter& w, size_t c, ProcId by);
  void leave_queues(ProcId p);
  bool ready(const SimGuard& g) const;
  size_t proc_ix(ProcId id) const { return id - 1; }

  std::mt19937_64 rng_;
  TraceModelBuilder b_;
  uint64_t seq_ = 0;
  int64_t t_ = 0;
  int64_t next_value_ = 1;
  std::vector<SimProc> procs_;
  std::vector<SimChan> chans_;
  std::vector<size_t> timers_;  // armed timer channels
  std::vector<size_t> data_;    // channels that are not timers: what random operations use
  size_t any_chan() { return data_[pick(data_.size())]; }
};

void Sim::spawn(ProcId parent) {
  const ProcId id = ProcId(procs_.size() + 1);
  Event e = ev(EventKind::Spawn);
  e.with_proc(id).with_name(b_.strings().intern("p" + std::to_string(id)));
  e.with_mode(parent == 0 ? ProcMode::Main : ProcMode::Go);
  if (parent) e.with_partner(parent);
  add(e);
  SimProc sp;
  sp.id = id;
  procs_.push_back(sp);
}

void Sim::make_chan(ProcId by) {
  static constexpr BufferKind kinds[] = {BufferKind::Unbuffered, BufferKind::Unbuffered,
                                         BufferKind::Fixed, BufferKind::Sliding,
                                         BufferKind::Dropping};
  const BufferKind k = kinds[pick(5)];
  const ChanId id = ChanId(chans_.size() + 1);
  const uint32_t cap = k == BufferKind::Unbuffered ? 0 : 2;
  add(ev(EventKind::ChanMake)
          .with_chan(id)
          .with_proc(by)
          .with_name(b_.strings().intern("c" + std::to_string(id)))
          .with_buffer(k)
          .with_cap(cap));
  chans_.push_back(chan(id, k, cap));
  data_.push_back(chans_.size() - 1);
}

void Sim::leave_queues(ProcId p) {
  for (auto& c : chans_)
    for (auto* q : {&c.putters, &c.takers})
      for (auto it = q->begin(); it != q->end();) it = it->proc == p ? q->erase(it) : it + 1;
}

void Sim::wake(const SimWaiter& w, size_t c, ProcId by) {
  SimProc& wp = procs_[proc_ix(w.proc)];
  if (w.guard >= 0) {
    Event e = ev(EventKind::AltChoice)
                  .with_proc(w.proc)
                  .with_alt(wp.alt)
                  .with_index(w.guard)
                  .with_rule(AltRule::Waited)
                  .with_chan(chans_[c].id);
    add(e);
  }
  leave_queues(w.proc);
  Event r = ev(EventKind::Resume).with_proc(w.proc).with_chan(chans_[c].id);
  if (by) r.with_partner(by);
  add(r);
  wp.waiting = false;
  wp.guards.clear();
}

bool Sim::ready(const SimGuard& g) const {
  const SimChan& c = chans_[g.chan];
  if (g.op == WaitOp::Take) return !c.buffer.empty() || !c.putters.empty() || c.closed;
  if (c.closed || !c.takers.empty()) return true;
  if (c.kind == BufferKind::Unbuffered) return false;
  return c.kind != BufferKind::Fixed || c.buffer.size() < c.cap;
}

void Sim::put(size_t p, size_t ci, int64_t v, int guard) {
  SimChan& c = chans_[ci];
  const ProcId pid = procs_[p].id;
  if (c.closed) {
    add(ev(EventKind::Refused)
            .with_proc(pid)
            .with_chan(c.id)
            .with_op(WaitOp::Put)
            .with_value(Value::integer(v)));
    return;
  }
  if (!c.takers.empty()) {
    SimWaiter w = c.takers.front();
    add(ev(EventKind::Transfer)
            .with_chan(c.id)
            .with_from(pid)
            .with_to(w.proc)
            .with_via(Via::Direct)
            .with_value(Value::integer(v)));
    wake(w, ci, pid);
    return;
  }
  if (c.kind != BufferKind::Unbuffered) {
    if (c.buffer.size() < c.cap) {
      c.buffer.push_back({v, pid});
      add(ev(EventKind::BufPut)
              .with_proc(pid)
              .with_chan(c.id)
              .with_value(Value::integer(v))
              .with_level(uint32_t(c.buffer.size())));
      return;
    }
    if (c.kind == BufferKind::Dropping) {
      add(ev(EventKind::BufDrop)
              .with_proc(pid)
              .with_chan(c.id)
              .with_value(Value::integer(v))
              .with_level(uint32_t(c.buffer.size())));
      return;
    }
    if (c.kind == BufferKind::Sliding) {
      add(ev(EventKind::BufDrop)
              .with_proc(pid)
              .with_chan(c.id)
              .with_value(Value::integer(c.buffer.front().first))
              .with_level(uint32_t(c.cap - 1)));
      c.buffer.pop_front();
      c.buffer.push_back({v, pid});
      add(ev(EventKind::BufPut)
              .with_proc(pid)
              .with_chan(c.id)
              .with_value(Value::integer(v))
              .with_level(uint32_t(c.buffer.size())));
      return;
    }
  }
  if (guard >= 0) return;  // alts only park once, on all guards (see alt())
  add(ev(EventKind::Park)
          .with_proc(pid)
          .with_chan(c.id)
          .with_op(WaitOp::Put)
          .with_value(Value::integer(v)));
  c.putters.push_back({pid, v, -1});
  procs_[p].waiting = true;
  procs_[p].op = WaitOp::Put;
  procs_[p].chan = c.id;
}

void Sim::take(size_t p, size_t ci, int guard) {
  SimChan& c = chans_[ci];
  const ProcId pid = procs_[p].id;
  if (!c.buffer.empty()) {
    auto [v, from] = c.buffer.front();
    c.buffer.pop_front();
    add(ev(EventKind::BufTake)
            .with_proc(pid)
            .with_chan(c.id)
            .with_value(Value::integer(v))
            .with_level(uint32_t(c.buffer.size())));
    add(ev(EventKind::Transfer)
            .with_chan(c.id)
            .with_from(from)
            .with_to(pid)
            .with_via(Via::Buffer)
            .with_value(Value::integer(v)));
    if (!c.putters.empty()) {  // a waiting putter's value enters the freed room
      SimWaiter w = c.putters.front();
      c.buffer.push_back({w.value, w.proc});
      add(ev(EventKind::BufPut)
              .with_proc(w.proc)
              .with_chan(c.id)
              .with_value(Value::integer(w.value))
              .with_level(uint32_t(c.buffer.size())));
      wake(w, ci, pid);
    }
    return;
  }
  if (!c.putters.empty()) {
    SimWaiter w = c.putters.front();
    add(ev(EventKind::Transfer)
            .with_chan(c.id)
            .with_from(w.proc)
            .with_to(pid)
            .with_via(Via::Direct)
            .with_value(Value::integer(w.value)));
    wake(w, ci, pid);
    return;
  }
  if (c.closed) {
    add(ev(EventKind::Refused).with_proc(pid).with_chan(c.id).with_op(WaitOp::Take));
    return;
  }
  if (guard >= 0) return;
  // main holds its OS thread: it blocks; go processes park.
  add(ev(p == 0 ? EventKind::Block : EventKind::Park)
          .with_proc(pid)
          .with_chan(c.id)
          .with_op(WaitOp::Take));
  c.takers.push_back({pid, 0, -1});
  procs_[p].waiting = true;
  procs_[p].op = WaitOp::Take;
  procs_[p].chan = c.id;
}

void Sim::close(size_t p, size_t ci) {
  SimChan& c = chans_[ci];
  Event e = ev(EventKind::ChanClose).with_chan(c.id);
  if (p != size_t(-1)) e.with_proc(procs_[p].id);
  add(e);
  if (c.closed) return;
  c.closed = true;
  const ProcId by = p == size_t(-1) ? 0 : procs_[p].id;
  while (!c.takers.empty()) {
    SimWaiter w = c.takers.front();
    wake(w, ci, by);
    if (w.guard < 0)
      add(ev(EventKind::Refused).with_proc(w.proc).with_chan(c.id).with_op(WaitOp::Take));
  }
}

void Sim::alt(size_t p) {
  SimProc& sp = procs_[p];
  std::vector<SimGuard> guards;
  for (int g = 0; g < 2; ++g)
    guards.push_back({pick(2) ? WaitOp::Put : WaitOp::Take, any_chan(), next_value_++});
  sp.alt++;
  add(ev(EventKind::AltOffer).with_proc(sp.id).with_alt(sp.alt));
  int chosen = -1;
  for (int g = 0; g < 2; ++g) {
    const bool r = ready(guards[g]);
    Event e = ev(EventKind::AltGuard)
                  .with_proc(sp.id)
                  .with_alt(sp.alt)
                  .with_index(g)
                  .with_op(guards[g].op)
                  .with_chan(chans_[guards[g].chan].id)
                  .with_ready(r);
    if (guards[g].op == WaitOp::Put) e.with_value(Value::integer(guards[g].value));
    add(e);
    if (r && chosen < 0) chosen = g;
  }
  if (chosen >= 0) {
    const SimGuard& g = guards[chosen];
    if (g.op == WaitOp::Put)
      put(p, g.chan, g.value, chosen);
    else
      take(p, g.chan, chosen);
    add(ev(EventKind::AltChoice)
            .with_proc(sp.id)
            .with_alt(sp.alt)
            .with_index(chosen)
            .with_rule(AltRule::Priority)
            .with_chan(chans_[g.chan].id));
    return;
  }
  add(ev(EventKind::Park).with_proc(sp.id).with_op(WaitOp::Alts).with_alt(sp.alt));
  for (int g = 0; g < 2; ++g) {
    SimChan& c = chans_[guards[g].chan];
    (guards[g].op == WaitOp::Put ? c.putters : c.takers).push_back({sp.id, guards[g].value, g});
  }
  sp.guards = guards;
  sp.waiting = true;
  sp.op = WaitOp::Alts;
}

void Sim::sleep(size_t p) {
  const ChanId id = ChanId(chans_.size() + 1);
  const ProcId pid = procs_[p].id;
  add(ev(EventKind::ChanMake)
          .with_chan(id)
          .with_proc(pid)
          .with_name(b_.strings().intern("timeout"))
          .with_buffer(BufferKind::Timer)
          .with_cap(0)
          .with_duration(1000));
  add(ev(EventKind::TimerArm).with_chan(id).with_proc(pid).with_duration(1000));
  chans_.push_back(chan(id, BufferKind::Timer, 0));
  timers_.push_back(chans_.size() - 1);
  add(ev(EventKind::Park).with_proc(pid).with_chan(id).with_op(WaitOp::Take));
  chans_.back().takers.push_back({pid, 0, -1});
  procs_[p].waiting = true;
  procs_[p].op = WaitOp::Take;
  procs_[p].chan = id;
}

void Sim::fire(size_t ci) {
  add(ev(EventKind::TimerFire).with_chan(chans_[ci].id));
  close(size_t(-1), ci);
}

TraceModel Sim::run(size_t events) {
  TraceHeader h;
  h.program = "random";
  b_.set_header(h);
  spawn(0);
  for (int i = 0; i < 4; ++i) make_chan(1);
  for (int i = 0; i < 4; ++i) spawn(1);
  while (b_.size() < events) {
    std::vector<size_t> runnable;
    for (size_t p = 0; p < procs_.size(); ++p)
      if (!procs_[p].waiting && !procs_[p].exited) runnable.push_back(p);
    if (runnable.empty()) {
      if (timers_.empty()) break;  // everyone waits: a deadlock
      fire(timers_.back());
      timers_.pop_back();
      continue;
    }
    const size_t p = runnable[pick(runnable.size())];
    const ProcId pid = procs_[p].id;
    const unsigned r = unsigned(pick(100));
    if (p == 0) {
      // main never waits, so the run goes on until the budget: it spawns, makes channels,
      // feeds and drains them when that cannot wait, and closes one now and then.
      const SimGuard g{pick(2) ? WaitOp::Put : WaitOp::Take, any_chan(), next_value_++};
      if (r < 15 && procs_.size() < 40)
        spawn(pid);
      else if (r < 18)
        make_chan(pid);
      else if (r < 28)
        close(p, any_chan());
      else if (r < 35 && !timers_.empty()) {
        fire(timers_.back());
        timers_.pop_back();
      } else if (ready(g) && g.op == WaitOp::Put)
        put(p, g.chan, g.value, -1);
      else if (ready(g))
        take(p, g.chan, -1);
      else
        add(ev(EventKind::Mark).with_proc(pid).with_label(b_.strings().intern("mark")));
      continue;
    }
    if (r < 30)
      put(p, any_chan(), next_value_++, -1);
    else if (r < 60)
      take(p, any_chan(), -1);
    else if (r < 75)
      alt(p);
    else if (r < 80)
      sleep(p);
    else if (r < 83 && !timers_.empty()) {
      fire(timers_.back());
      timers_.pop_back();
    } else if (r < 84)
      close(p, any_chan());
    else if (r < 87 && procs_.size() < 40)
      spawn(pid);
    else if (r < 88)
      make_chan(pid);
    else if (r < 91) {
      add(ev(EventKind::Exit)
              .with_proc(pid)
              .with_status(pick(4) ? ExitStatus::Ok : ExitStatus::Error));
      procs_[p].exited = true;
    } else {
      add(ev(EventKind::Mark).with_proc(pid).with_label(b_.strings().intern("mark")));
    }
  }
  // In the end main waits too: on a fresh channel nobody else knows, so when all the others
  // wait as well and no timer is armed, the run ends in a deadlock the runtime reports.
  make_chan(1);
  take(0, chans_.size() - 1, -1);
  bool all_wait = true;
  for (const auto& sp : procs_) all_wait = all_wait && (sp.waiting || sp.exited);
  if (all_wait && timers_.empty()) {
    add(ev(EventKind::Deadlock).with_message(b_.strings().intern("nothing can run")));
    for (const auto& sp : procs_)
      if (sp.waiting) {
        Event e = ev(EventKind::Stuck).with_proc(sp.id).with_op(sp.op);
        if (sp.op == WaitOp::Alts)
          e.with_alt(sp.alt);
        else
          e.with_chan(sp.chan);
        add(e);
      }
    add(ev(EventKind::End).with_reason(EndReason::Deadlock));
  } else {
    add(ev(EventKind::End).with_reason(EndReason::Normal));
  }
  return std::move(b_).finish();
}

}  // namespace

TraceModel random_trace(uint64_t seed, size_t events) { return Sim(seed).run(events); }

}  // namespace csptrace::testing
