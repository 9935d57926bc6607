#include "snapshot_trace.hpp"

#include "preview_value.hpp"
#include "runtime.hpp"

#include <unordered_set>

namespace csp::detail {

using csptrace::Event;
using csptrace::EventKind;

namespace {

class Writer {
 public:
  Writer(const SnapshotIntern& intern, std::vector<Event>& out) : intern_(intern), out_(out) {}

  csptrace::StrId str(std::string_view s) { return intern_(s); }
  csptrace::Value value(const Preview& p) { return preview_value(p, intern_); }
  // Adds e, after its line if it has one.
  void add(Event e, csp::SourceLocation loc = {}) {
    if (loc.line() != 0) e.with_loc(str(format_loc(loc)));
    e.seq = out_.empty() ? 1 : out_.back().seq + 1;
    e.t = 0;
    out_.push_back(e);
  }

 private:
  const SnapshotIntern& intern_;
  std::vector<Event>& out_;
};

void add_guard_value(Writer& w, Event& e, const StateCut::Guard& g) {
  if (g.op != csptrace::WaitOp::Put) return;
  if (const csptrace::Value v = w.value(g.value); v.kind != csptrace::Value::Kind::None)
    e.with_value(v);
}

void add_wait(Writer& w, const StateCut::Wait& wait) {
  const EventKind kind = wait.blocking ? EventKind::Block : EventKind::Park;
  if (!wait.alt) {
    const StateCut::Guard& g = wait.guards.front();
    Event e(kind);
    e.with_proc(wait.proc).with_op(g.op).with_chan(g.chan);
    add_guard_value(w, e, g);
    w.add(e, wait.loc);
    return;
  }
  Event offer(EventKind::AltOffer);
  w.add(offer.with_proc(wait.proc).with_alt(wait.alt_number), wait.loc);
  for (const StateCut::Guard& g : wait.guards) {
    Event e(EventKind::AltGuard);
    e.with_proc(wait.proc)
        .with_alt(wait.alt_number)
        .with_index(g.index)
        .with_op(g.op)
        .with_chan(g.chan)
        .with_ready(false);
    add_guard_value(w, e, g);
    w.add(e);
  }
  Event e(kind);
  w.add(e.with_proc(wait.proc).with_op(csptrace::WaitOp::Alts).with_alt(wait.alt_number), wait.loc);
}

// The buffers' values, each put by its putter when the cut knows it (a traced run): a live one,
// or a stub spawned for one that had ended (a window's later transfers name it); else by an
// internal process "snapshot".
void add_buffered(Writer& w, const StateCut& cut, const std::unordered_set<csptrace::ProcId>& live,
                  csptrace::ProcId internal) {
  auto putter = [](const StateCut::Chan& c, std::size_t i) {
    return i < c.buffered_from.size() ? c.buffered_from[i] : csptrace::ProcId{0};
  };
  bool anonymous = false;
  std::vector<csptrace::ProcId> stubs;
  std::unordered_set<csptrace::ProcId> stubbed;
  for (const StateCut::Chan& c : cut.chans)
    for (std::size_t i = 0; i < c.buffered.size(); ++i) {
      const csptrace::ProcId from = putter(c, i);
      if (from == 0) anonymous = true;
      if (from != 0 && !live.count(from) && stubbed.insert(from).second) stubs.push_back(from);
    }
  auto spawn = [&](csptrace::ProcId id, std::string_view name) {
    Event e(EventKind::Spawn);
    w.add(e.with_proc(id)
              .with_name(w.str(name))
              .with_mode(csptrace::ProcMode::Thread)
              .with_role(csptrace::ProcRole::Internal));
  };
  if (anonymous) spawn(internal, "snapshot");
  for (csptrace::ProcId id : stubs) spawn(id, "a process that ended before the snapshot");
  for (const StateCut::Chan& c : cut.chans)
    for (std::size_t i = 0; i < c.buffered.size(); ++i) {
      const csptrace::ProcId from = putter(c, i);
      Event e(EventKind::BufPut);
      e.with_proc(from != 0 ? from : internal)
          .with_chan(c.id)
          .with_level(static_cast<uint32_t>(i + 1));
      if (const csptrace::Value v = w.value(c.buffered[i]); v.kind != csptrace::Value::Kind::None)
        e.with_value(v);
      w.add(e);
    }
  auto exit = [&](csptrace::ProcId id) {
    Event e(EventKind::Exit);
    w.add(e.with_proc(id).with_status(csptrace::ExitStatus::Ok));
  };
  if (anonymous) exit(internal);
  for (csptrace::ProcId id : stubs) exit(id);
}

}  // namespace

void snapshot_trace(const StateCut& cut, csptrace::ProcId internal, const SnapshotIntern& intern,
                    std::vector<Event>& out) {
  Writer w(intern, out);
  std::unordered_set<csptrace::ProcId> live;
  for (const StateCut::Proc& p : cut.procs) {
    Event e(EventKind::Spawn);
    e.with_proc(p.id).with_name(w.str(p.name)).with_mode(p.mode);
    if (live.count(p.parent)) e.with_partner(p.parent);
    if (p.role != csptrace::ProcRole::User) e.with_role(p.role);
    w.add(e, p.loc);
    live.insert(p.id);
  }
  std::unordered_set<csptrace::ChanId> made;
  bool buffered = false;
  for (const StateCut::Chan& c : cut.chans) {
    Event e(EventKind::ChanMake);
    e.with_chan(c.id).with_name(w.str(c.name)).with_buffer(c.kind).with_cap(c.cap);
    if (live.count(c.facts.creator)) e.with_proc(c.facts.creator);
    if (live.count(c.facts.owner)) e.with_partner(c.facts.owner);
    if (c.facts.timer_ns >= 0) e.with_duration(c.facts.timer_ns);
    w.add(e, c.facts.loc);
    made.insert(c.id);
    buffered = buffered || !c.buffered.empty();
  }
  for (const StateCut::Proc& p : cut.procs)
    for (csptrace::ChanId c : p.handles)
      if (made.count(c)) {
        Event e(EventKind::Handle);
        w.add(e.with_proc(p.id).with_chan(c));
      }
  if (buffered) add_buffered(w, cut, live, internal);
  for (const StateCut::Chan& c : cut.chans) {
    if (c.kind == csptrace::BufferKind::Timer) {
      Event e(c.closed ? EventKind::TimerFire : EventKind::TimerArm);
      e.with_chan(c.id);
      if (!c.closed) e.with_duration(c.facts.timer_ns < 0 ? 0 : c.facts.timer_ns);
      w.add(e);
    }
    if (c.closed) {
      Event e(EventKind::ChanClose);
      w.add(e.with_chan(c.id));
    }
  }
  for (const StateCut::Wait& wait : cut.waits)
    if (!wait.guards.empty() && live.count(wait.proc)) add_wait(w, wait);
}

}  // namespace csp::detail
