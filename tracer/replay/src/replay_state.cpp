// One replay step per event, following docs/trace-format.md "How the kinds fit together".
//
// Who is where in the queues: a process joins the putters / takers of a channel when it parks
// or blocks on it (an alt joins the queue of every guard), and leaves them all as soon as its
// operation completes (the transfer that serves it, the close that wakes a taker, the alt
// choice, the buf_put of a waiting putter's value) or, at the latest, at its wake. So between a
// transfer and the wake it causes, the served process is still Parked but no longer queued.
#include <csptrace/replay_state.hpp>

#include <algorithm>
#include <array>

namespace csptrace {

namespace {

void remove_waiter(FrontQueue<Waiter>& q, uint32_t p) {
  q.remove_first([p](const Waiter& w) { return w.proc == p; });
}

// Does wait w include an operation `op` on channel c (directly or as an alt guard)?
bool waits_on(const Wait& w, WaitOp op, uint32_t c) {
  if (w.op != WaitOp::Alts) return w.op == op && w.chan == c;
  return std::any_of(w.guards.begin(), w.guards.end(),
                     [&](const Guard& g) { return g.op == op && g.chan == c; });
}

class Step {
 public:
  Step(const TraceModel& m, ReplayState& s) : m_(m), s_(s), i_(s.steps) {}

  void run();

 private:
  ProcessState* proc(uint32_t p) {
    return p < s_.processes.size() ? &s_.processes.mut(p) : nullptr;
  }
  ChannelState* chan(uint32_t c) { return c < s_.channels.size() ? &s_.channels.mut(c) : nullptr; }

  void set_state(uint32_t p, ProcState st) {
    ProcessState* ps = proc(p);
    if (ps && ps->state != st) {
      ps->state = st;
      ps->since = i_;
    }
  }
  // p recorded an event: a runnable process is running from now on; a waiting one stays waiting
  // (a waiting putter's buf_put, the alt_choice of a waiting alt are recorded on its behalf).
  void touch(uint32_t p) {
    ProcessState* ps = proc(p);
    if (ps && ps->state == ProcState::Runnable) set_state(p, ProcState::Running);
  }
  // A completed wait has left its queues already (the invariant of replay_state.hpp): looking
  // for it again at its wake scanned the whole queue, O(n^2) for n waiters served in order.
  void dequeue(uint32_t p) {
    ProcessState* ps = proc(p);
    if (!ps || !is_waiting(ps->state) || ps->wait.completed) return;
    const Wait& w = ps->wait;
    auto leave = [&](WaitOp op, uint32_t c) {
      if (ChannelState* cs = chan(c))
        remove_waiter(op == WaitOp::Put ? cs->putters : cs->takers, p);
    };
    if (w.op != WaitOp::Alts)
      leave(w.op, w.chan);
    else
      for (const Guard& g : w.guards) leave(g.op, g.chan);
  }
  // p's wait for `op` on c has been served; true if p was waiting for it.
  bool serve(uint32_t p, WaitOp op, uint32_t c) {
    ProcessState* ps = proc(p);
    if (!ps || !is_waiting(ps->state) || ps->wait.completed || !waits_on(ps->wait, op, c))
      return false;
    dequeue(p);
    ps->wait.completed = true;
    ps->wait.completed_by = i_;
    return true;
  }

  void wait(bool blocking);
  void wake(uint32_t p);
  void close(uint32_t c);

  const TraceModel& m_;
  ReplayState& s_;
  const size_t i_;
};

void Step::wait(bool blocking) {
  const uint32_t p = m_.proc_index(i_);
  ProcessState* ps = proc(p);
  if (!ps) return;
  dequeue(p);  // a well-formed trace never waits twice; keep the queues consistent if it does
  const Event e = m_.event(i_, f::op | f::alt | f::value | f::loc);
  Wait w;
  w.op = e.op;
  w.chan = w.op == WaitOp::Alts ? kNone : m_.chan_index(i_);
  w.alt = e.alt;
  w.value = e.value;
  w.loc = e.loc;
  if (w.op == WaitOp::Alts) {
    w.guards = std::move(ps->offering);
    ps->offering.clear();
    for (uint32_t g = 0; g < w.guards.size(); ++g)
      if (ChannelState* cs = chan(w.guards[g].chan))
        (w.guards[g].op == WaitOp::Put ? cs->putters : cs->takers).push_back({p, g});
  } else if (ChannelState* cs = chan(w.chan)) {
    (w.op == WaitOp::Put ? cs->putters : cs->takers).push_back({p, kNone});
  }
  const bool timer = w.op == WaitOp::Take && w.chan < m_.channels().size() &&
                     m_.channels()[w.chan].buffer == BufferKind::Timer;
  ps->wait = std::move(w);
  set_state(p, timer ? ProcState::Sleeping : blocking ? ProcState::Blocked : ProcState::Parked);
  ps->since = i_;  // the wait's start, also when a malformed trace waits twice (wait_since)
}

void Step::wake(uint32_t p) {
  ProcessState* ps = proc(p);
  if (!ps || !is_waiting(ps->state)) return;
  dequeue(p);
  ps->wait = Wait{};
  set_state(p, ProcState::Runnable);
}

void Step::close(uint32_t c) {
  ChannelState* cs = chan(c);
  if (!cs) return;
  if (!cs->closed) {
    cs->closed = true;
    cs->close_event = i_;
  }
  // Waiting takers are served (with nothing); waiting putters stay (core.async). The queue is
  // taken whole first, so serving n takers costs O(n): serve() then finds nothing left to
  // remove from it (only an alt's guards on other channels).
  FrontQueue<Waiter> takers = std::move(cs->takers);
  cs->takers.clear();
  for (const Waiter& w : takers) serve(w.proc, WaitOp::Take, c);
}

void Step::run() {
  const EventKind k = m_.kind(i_);
  const uint32_t p = m_.proc_index(i_);
  const uint32_t c = m_.chan_index(i_);
  switch (k) {
    case EventKind::Spawn:
      set_state(p, ProcState::Runnable);
      touch(m_.partner_index(i_));
      break;
    case EventKind::Exit: {
      dequeue(p);
      if (ProcessState* ps = proc(p)) {
        ps->wait = Wait{};
        ps->offering.clear();
      }
      set_state(p, m_.field<Field::status>(i_) == ExitStatus::Error ? ProcState::ExitedError
                                                                    : ProcState::ExitedOk);
      break;
    }
    case EventKind::ChanMake:
      if (ChannelState* cs = chan(c)) cs->made = true;
      touch(p);
      break;
    case EventKind::ChanClose:
      close(c);
      touch(p);
      break;
    case EventKind::Park:
    case EventKind::Block:
      touch(p);
      wait(k == EventKind::Block);
      break;
    case EventKind::Resume:
    case EventKind::Unblock: wake(p); break;
    case EventKind::Transfer: {
      const uint32_t from = m_.from_index(i_), to = m_.to_index(i_);
      if (!serve(to, WaitOp::Take, c)) touch(to);
      if (m_.field<Field::via>(i_) == Via::Direct && !serve(from, WaitOp::Put, c)) touch(from);
      break;
    }
    case EventKind::BufPut: {
      if (ChannelState* cs = chan(c)) cs->buffer.push_back({m_.field<Field::value>(i_), p, i_});
      if (!serve(p, WaitOp::Put, c)) touch(p);
      break;
    }
    case EventKind::BufTake: {
      ChannelState* cs = chan(c);
      const bool promise =
          c < m_.channels().size() && m_.channels()[c].buffer == BufferKind::Promise;
      if (cs && !promise && !cs->buffer.empty()) cs->buffer.pop_front();
      touch(p);
      break;
    }
    case EventKind::BufDrop: {
      ChannelState* cs = chan(c);
      // A sliding buffer drops its oldest value; a dropping buffer drops the new one, which never
      // entered the buffer.
      if (cs && m_.channels()[c].buffer == BufferKind::Sliding && !cs->buffer.empty())
        cs->buffer.pop_front();
      touch(p);
      break;
    }
    case EventKind::AltOffer:
      touch(p);
      if (ProcessState* ps = proc(p)) {
        ps->offering.clear();
        ps->offering_alt = m_.field<Field::alt>(i_);
      }
      break;
    case EventKind::AltGuard: {
      touch(p);
      const Event e = m_.event(i_, f::op | f::value | f::ready);
      if (ProcessState* ps = proc(p)) ps->offering.push_back({e.op, c, e.value, e.ready});
      break;
    }
    case EventKind::AltChoice: {
      ProcessState* ps = proc(p);
      if (ps && is_waiting(ps->state) && ps->wait.op == WaitOp::Alts && !ps->wait.completed) {
        dequeue(p);
        ps->wait.completed = true;
        ps->wait.completed_by = i_;
      } else {
        touch(p);
        if (ps) ps->offering.clear();
      }
      break;
    }
    case EventKind::TimerArm:
      if (ChannelState* cs = chan(c); cs && !cs->timer_armed && !cs->timer_fired) {
        cs->timer_armed = true;
        ++s_.armed_timers;
      }
      touch(p);
      break;
    case EventKind::TimerFire:
      if (ChannelState* cs = chan(c)) {
        if (cs->timer_armed) --s_.armed_timers;
        cs->timer_armed = false;
        cs->timer_fired = true;
      }
      break;
    case EventKind::Refused:
    case EventKind::Mark: touch(p); break;
    case EventKind::Deadlock: s_.deadlock_event = s_.steps; break;
    case EventKind::Stuck:
    case EventKind::Handle:  // recorded by the spawner about the child: no state changes
    case EventKind::Decide:  // the scheduler's choice: what it chose shows in the events after
      break;
    case EventKind::End: s_.ended = true; break;
    case EventKind::count_: break;
  }
  ++s_.steps;
}

}  // namespace

void add_named_events(const ReplayState& s, std::vector<size_t>& out) {
  auto add = [&out](size_t e) {
    if (e != kNone) out.push_back(e);
  };
  for (size_t p = 0; p < s.processes.size(); ++p) {
    const ProcessState& ps = s.processes[p];
    add(ps.since);  // a waiting process's is its wait's start
    add(ps.wait.completed_by);
  }
  for (size_t c = 0; c < s.channels.size(); ++c) {
    const ChannelState& cs = s.channels[c];
    add(cs.close_event);  // a waiter's park is its wait's since, added above
  }
  add(s.deadlock_event);
  add(s.last_event());  // a finding about the whole run is at its last event
}

const Value& waiter_value(const ReplayState& s, const Waiter& w) {
  const Wait& wait = s.processes[w.proc].wait;
  return w.in_alt() ? wait.guards[w.guard].value : wait.value;
}

size_t waiter_since(const ReplayState& s, const Waiter& w) {
  return wait_since(s.processes[w.proc]);
}

ReplayState initial_state(const TraceModel& m) {
  ReplayState s;
  s.processes.assign_default(m.processes().size());
  s.channels.assign_default(m.channels().size());
  return s;
}

void advance(const TraceModel& m, ReplayState& s) {
  if (s.steps >= m.size()) return;
  Step(m, s).run();
}

}  // namespace csptrace
