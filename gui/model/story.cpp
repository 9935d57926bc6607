#include "story.hpp"

#include "count_text.hpp"

#include "timer_text.hpp"
#include "trace_document.hpp"

#include <csptrace/event_format.hpp>

#include <algorithm>

namespace cspview {

using csptrace::EventKind;
using csptrace::Field;
using csptrace::kNone;

namespace {

struct Words {
  const TraceDocument& doc;
  const csptrace::TraceModel& m;

  std::string proc(uint32_t p) const {
    return p == kNone ? std::string("?") : doc.process_label(p);
  }
  std::string chan(uint32_t c) const {
    return c == kNone ? std::string("?") : doc.channel_label(c);
  }
  std::string value(const csptrace::Event& e) const {
    return e.has(Field::value) && e.value.kind != csptrace::Value::Kind::None
               ? m.value_text(e.value)
               : std::string();
  }
  std::string at(const csptrace::Event& e) const {
    return e.has(Field::loc) && !m.str(e.loc).empty() ? " at " + std::string(m.str(e.loc))
                                                      : std::string();
  }
  std::string buffer_of(uint32_t c) const {
    const auto& info = m.channels()[c];
    switch (info.buffer) {
      case csptrace::BufferKind::Unbuffered: return "unbuffered: every put waits for a take";
      case csptrace::BufferKind::Fixed: return "a buffer of " + std::to_string(info.cap);
      case csptrace::BufferKind::Dropping:
        return "a dropping buffer of " + std::to_string(info.cap);
      case csptrace::BufferKind::Sliding: return "a sliding buffer of " + std::to_string(info.cap);
      case csptrace::BufferKind::Promise: return "a promise: every take gets its one value";
      case csptrace::BufferKind::Timer:
        return "a timer of " + csptrace::format_duration(info.duration);
    }
    return {};
  }
  // "to take from in", "to put 3 on out", "in an alt"
  std::string wait(const csptrace::Event& e, uint32_t c) const {
    if (e.op == csptrace::WaitOp::Take) return "to take from " + chan(c);
    if (e.op == csptrace::WaitOp::Put) {
      const std::string v = value(e);
      return "to put " + (v.empty() ? std::string("a value") : v) + " on " + chan(c);
    }
    return "in an alt for whichever of its channels is ready first";
  }
};

std::string arrow_label(const Words& w, size_t i) {
  const auto& m = w.m;
  const auto e = m.event(i);
  const std::string v = w.value(e);
  const std::string tail = v.empty() ? std::string() : ": " + v;
  switch (e.kind) {
    case EventKind::Transfer:
      if (e.via == csptrace::Via::Buffer)
        return w.chan(m.chan_index(i)) + " → " + w.proc(m.to_index(i)) + tail;
      return w.proc(m.from_index(i)) + " → " + w.chan(m.chan_index(i)) + " → " +
             w.proc(m.to_index(i)) + tail;
    case EventKind::BufPut: return w.proc(m.proc_index(i)) + " → " + w.chan(m.chan_index(i)) + tail;
    default: return {};
  }
}

// "The scheduler picks phil-3 to run next, of 3 that could run."
std::string decision_caption(const Words& w, const csptrace::Event& e, uint32_t p, uint32_t c) {
  const std::string of = " of " + std::to_string(e.options) + " that could";
  switch (e.decision) {
    case csptrace::Decision::Run:
      if (p == kNone)
        return "The scheduler fires the timer " + w.chan(c) + " first," + of + " run.";
      return "The scheduler picks " + w.proc(p) + " to run next," + of + " run.";
    case csptrace::Decision::Guard:
      return "The scheduler has " + w.proc(p) + "'s alt try guard " + std::to_string(e.index) +
             " first," + of + " win.";
    case csptrace::Decision::Timer:
      return "The scheduler fires the timer " + w.chan(c) + " first," + of +
             " fire at this instant.";
  }
  return {};
}

std::string caption_of(const Words& w, size_t i) {
  const auto& m = w.m;
  const auto e = m.event(i);
  const uint32_t p = m.proc_index(i), c = m.chan_index(i);
  const std::string v = w.value(e);
  switch (e.kind) {
    case EventKind::Spawn:
      return w.proc(p) + " starts" +
             (m.partner_index(i) != kNone ? ", spawned by " + w.proc(m.partner_index(i)) : "") +
             w.at(e) + ".";
    case EventKind::Exit:
      if (e.status == csptrace::ExitStatus::Error)
        return w.proc(p) + " fails: " + std::string(m.str(e.message)) + ".";
      return w.proc(p) + " finishes.";
    case EventKind::ChanMake:
      return (p != kNone ? w.proc(p) + " makes" : std::string("The runtime makes")) +
             " the channel " + w.chan(c) + " (" + w.buffer_of(c) + ")" + w.at(e) + ".";
    case EventKind::ChanClose:
      return (p != kNone ? w.proc(p) + " closes " : std::string("The runtime closes ")) +
             w.chan(c) + ": waiting takers get nothing, and once it is empty so does every take.";
    case EventKind::Park:
      return w.proc(p) + " waits " + w.wait(e, c) + w.at(e) +
             "; it parks, and its worker runs other processes.";
    case EventKind::Block: return w.proc(p) + " (a thread) blocks " + w.wait(e, c) + w.at(e) + ".";
    case EventKind::Resume:
    case EventKind::Unblock: {
      const std::string how = e.kind == EventKind::Resume ? " resumes" : " unblocks";
      if (m.partner_index(i) != kNone)
        return w.proc(p) + how + ": " + w.proc(m.partner_index(i)) + " completed its wait" +
               (c != kNone ? " on " + w.chan(c) : std::string()) + ".";
      return w.proc(p) + how + (c != kNone ? ": " + w.chan(c) + " is ready." : ".");
    }
    case EventKind::Transfer:
      if (e.via == csptrace::Via::Buffer)
        return w.proc(m.to_index(i)) + " takes " + (v.empty() ? "a value" : v) + " from " +
               w.chan(c) + "'s buffer, put there by " + w.proc(m.from_index(i)) + ".";
      return w.proc(m.from_index(i)) + " hands " + (v.empty() ? "a value" : v) + " to " +
             w.proc(m.to_index(i)) + " through " + w.chan(c) + ": a rendezvous, both were there.";
    case EventKind::BufPut:
      return w.proc(p) + " puts " + (v.empty() ? "a value" : v) + " into " + w.chan(c) +
             "'s buffer (" + std::to_string(e.level) + " of " +
             std::to_string(m.channels()[c].cap) + " now).";
    case EventKind::Handle:
      return w.proc(p) + " holds " + w.chan(c) + ": it captured the channel when it was spawned.";
    case EventKind::BufTake:
      return w.proc(p) + " takes " + (v.empty() ? "a value" : v) + " out of " + w.chan(c) +
             "'s buffer (" + std::to_string(e.level) + " left).";
    case EventKind::BufDrop:
      return w.chan(c) + "'s buffer is full: " + (v.empty() ? "a value" : v) +
             " is dropped, as a " + std::string(csptrace::to_string(m.channels()[c].buffer)) +
             " buffer does.";
    case EventKind::Refused:
      if (e.op == csptrace::WaitOp::Take)
        return w.proc(p) + " takes from " + w.chan(c) + " and gets nothing: " + w.chan(c) +
               " is closed and empty, the normal end of a channel.";
      return w.proc(p) + " puts " + (v.empty() ? "a value" : v) + " on " + w.chan(c) +
             ", which is closed: the value is lost" + w.at(e) + ".";
    case EventKind::AltOffer:
      return w.proc(p) + " starts an alt over several channels" + w.at(e) + ".";
    case EventKind::AltGuard:
      return "Guard " + std::to_string(e.index) + " of " + w.proc(p) +
             "'s alt: " + std::string(csptrace::to_string(e.op)) + " " + w.chan(c) +
             (e.ready ? ", ready now." : ", not ready.");
    case EventKind::AltChoice:
      if (e.index < 0) return w.proc(p) + "'s alt takes its default: no guard was ready.";
      return w.proc(p) + "'s alt chooses guard " + std::to_string(e.index) +
             (c != kNone ? " (" + w.chan(c) + (v.empty() ? std::string() : ": " + v) + ")"
                         : std::string()) +
             ": " + std::string(csptrace::to_string(e.rule)) + ".";
    case EventKind::TimerArm:
      return (p != kNone ? w.proc(p) + " arms the timer " : std::string("The timer ")) + w.chan(c) +
             " (" + timer_note(m, w.doc.lanes().channel_events(c), c) + ").";
    case EventKind::TimerFire:
      return "The timer " + w.chan(c) + " fires and closes (" +
             timer_note(m, w.doc.lanes().channel_events(c), c) + ").";
    case EventKind::Mark: return "Mark: " + std::string(m.str(e.label)) + ".";
    case EventKind::Deadlock:
      return "The runtime finds a deadlock: " + std::string(m.str(e.message)) + ".";
    case EventKind::Stuck:
      return w.proc(p) + " is stuck for good: it waits " + w.wait(e, c) + w.at(e) + ".";
    case EventKind::End:
      return "The trace ends: " + std::string(csptrace::to_string(e.reason)) + ".";
    case EventKind::Decide:
      if (const DeviationMark* d = w.doc.deviations().at_event(i)) return deviation_text(*d);
      return decision_caption(w, e, p, c);
    case EventKind::count_: break;
  }
  return {};
}

}  // namespace

StoryStep story_at(const TraceDocument& doc, std::optional<size_t> cursor) {
  StoryStep s;
  const auto& m = doc.model();
  if (doc.is_preview()) {
    s.caption = "A preview of " + count_text(doc.preview_events()) +
                " events: where each lane has events, and how many.";
    return s;
  }
  if (m.empty()) {
    s.caption = "This trace has no events.";
    return s;
  }
  if (!cursor || *cursor >= m.size()) {
    s.caption = "Before the first event: step forward with →, or by rendezvous with Shift+→.";
    return s;
  }
  const Words w{doc, m};
  const size_t i = *cursor;
  s.caption = caption_of(w, i);
  const EventKind k = m.kind(i);
  if (k == EventKind::Transfer || k == EventKind::BufPut) {
    s.focus = i;
  } else if (k == EventKind::Resume || k == EventKind::Unblock) {
    if (auto cause = doc.waker_of(i); cause && m.kind(*cause) == EventKind::Transfer)
      s.focus = cause;
  }
  if (s.focus) s.label = arrow_label(w, *s.focus);
  return s;
}

TimeScale follow_view(const TimeScale& current, const TraceDocument& doc, size_t event,
                      int neighbours) {
  const auto& m = doc.model();
  if (event >= m.size()) return current;
  const size_t real =
      m.kind(m.size() - 1) == EventKind::End && m.size() > 1 ? m.size() - 1 : m.size();
  const size_t lo = event >= size_t(neighbours) ? event - size_t(neighbours) : 0;
  const size_t hi = std::min(real - 1, event + size_t(neighbours));
  double t0 = double(m.time(std::min(event, real - 1))), t1 = t0;
  for (size_t i = lo; i <= hi; ++i) {
    t0 = std::min(t0, double(m.time(i)));
    t1 = std::max(t1, double(m.time(i)));
  }
  const double t = double(m.time(event));
  const double view = current.end_ns() - current.start_ns;
  const bool in_view = t0 >= current.start_ns && t1 <= current.end_ns() && t >= current.start_ns &&
                       t <= current.end_ns();
  if (in_view && (t1 - t0) >= view / 4) return current;
  TimeScale s = TimeScale::fit(t0, t1, current.width_px);
  // Room either side: the step's neighbours are not squeezed against the edges.
  const double pad = (s.end_ns() - s.start_ns) * 0.15;
  return TimeScale::fit(t0 - pad, t1 + pad, current.width_px);
}

}  // namespace cspview
