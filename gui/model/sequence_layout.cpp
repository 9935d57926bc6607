#include "sequence_layout.hpp"

#include "trace_document.hpp"

#include <csptrace/event.hpp>

#include <algorithm>

namespace cspview {

namespace {

using csptrace::EventKind;
using csptrace::kNone;
namespace f = csptrace::f;

std::string chan_name(const TraceDocument& doc, uint32_t c) {
  return c < doc.model().channels().size() ? doc.channel_label(c) : "?";
}

// "take " or "put " for the guard an alt_choice at event i chose: its alt_guard, found among
// the events before (an alt's guards are offered before it waits; the bound keeps a label
// cheap in a trace whose guard is far back, which then reads without the operation).
std::string chosen_op(const csptrace::TraceModel& m, size_t i) {
  const uint32_t p = m.proc_index(i);
  const auto alt = m.field<csptrace::Field::alt>(i);
  const auto index = m.field<csptrace::Field::index>(i);
  for (size_t k = i, seen = 0; k-- > 0 && seen < 4096; ++seen)
    if (m.kind(k) == EventKind::AltGuard && m.proc_index(k) == p &&
        m.field<csptrace::Field::alt>(k) == alt && m.field<csptrace::Field::index>(k) == index)
      return std::string(csptrace::to_string(m.field<csptrace::Field::op>(k))) + " ";
  return {};
}

bool is_timer(const csptrace::TraceModel& m, uint32_t c) {
  return c < m.channels().size() && m.channels()[c].buffer == csptrace::BufferKind::Timer;
}

// Builds the rows in one pass over the events, reading only kinds and indices (the texts are
// made when a row is drawn, so a million-event trace builds in a fraction of a second);
// open_[p] is the index in bars of process p's wait that has not been woken yet (kNone when it
// runs).
class RowBuilder {
 public:
  RowBuilder(const TraceDocument& doc, SequenceLayout::Parts& out) : m_(doc.model()), out_(out) {
    open_.assign(m_.processes().size(), kNone);
  }

  void run() {
    for (size_t i = 0; i < m_.size(); ++i) add(i);
  }

 private:
  uint32_t plane(uint32_t p) const {
    return p < out_.proc_lane.size() ? out_.proc_lane[p] : kNoLane;
  }
  uint32_t clane(uint32_t c) const {
    return c < out_.chan_lane.size() ? out_.chan_lane[c] : kNoLane;
  }

  void row(size_t i, SeqRow::Kind kind, uint32_t from, uint32_t to) {
    if (from == kNoLane && to == kNoLane) return;  // about a process or channel with no lifeline
    if (from == kNoLane) std::swap(from, to);
    out_.rows.push_back(SeqRow{kind, uint32_t(i), from, to});
  }

  void add(size_t i) {
    const uint32_t p = m_.proc_index(i), c = m_.chan_index(i);
    const bool lanes = out_.options.channel_lifelines;
    switch (m_.kind(i)) {
      case EventKind::Transfer: {
        // With channel lifelines a buffered value leaves the channel's lifeline; without, it
        // goes from its putter to its taker, as the rendezvous it completes.
        const bool buffered = lanes && m_.field<csptrace::Field::via>(i) == csptrace::Via::Buffer;
        row(i, SeqRow::Kind::Message, buffered ? clane(c) : plane(m_.from_index(i)),
            plane(m_.to_index(i)));
        break;
      }
      case EventKind::BufPut:
        if (lanes)
          row(i, SeqRow::Kind::Message, plane(p), clane(c));
        else
          row(i, SeqRow::Kind::Put, plane(p), kNoLane);
        break;
      case EventKind::BufDrop: row(i, SeqRow::Kind::Drop, plane(p), kNoLane); break;
      case EventKind::Spawn:
        // An arrow from the parent; a mark when the parent has no lifeline (the runtime's).
        if (m_.partner_index(i) != kNone)
          row(i, SeqRow::Kind::Spawn, plane(m_.partner_index(i)), plane(p));
        break;
      case EventKind::Exit: row(i, SeqRow::Kind::Exit, plane(p), kNoLane); break;
      case EventKind::Park:
      case EventKind::Block: open_wait(i, p, c); break;
      case EventKind::Resume:
      case EventKind::Unblock: close_wait(p); break;
      case EventKind::AltChoice: row(i, SeqRow::Kind::Alt, plane(p), kNoLane); break;
      case EventKind::ChanClose:
        if (p != kNone) row(i, SeqRow::Kind::Close, plane(p), kNoLane);
        break;
      case EventKind::Refused: row(i, SeqRow::Kind::Refused, plane(p), kNoLane); break;
      case EventKind::Mark:
        if (p != kNone) row(i, SeqRow::Kind::Note, plane(p), kNoLane);
        break;
      case EventKind::Deadlock:
        if (!out_.lifelines.empty())
          out_.rows.push_back(SeqRow{SeqRow::Kind::Deadlock, uint32_t(i), 0, kNoLane});
        break;
      default: break;  // offers, guards, timers, decisions, makes: no row of their own
    }
  }

  void open_wait(size_t i, uint32_t p, uint32_t c) {
    if (p >= open_.size() || plane(p) == kNoLane) return;
    row(i, SeqRow::Kind::Wait, plane(p), kNoLane);
    SeqWaitBar bar;
    bar.lifeline = plane(p);
    bar.first_row = out_.rows.size() - 1;
    bar.end_row = kNone;  // set when woken; kNone -> rows.size() at the end
    bar.op = uint8_t(m_.field<csptrace::Field::op>(i));
    bar.blocked = m_.kind(i) == EventKind::Block;
    bar.sleeping = is_timer(m_, c);
    open_[p] = out_.bars.size();
    out_.bars.push_back(bar);
  }

  void close_wait(uint32_t p) {
    if (p >= open_.size() || open_[p] == kNone) return;
    // The wake comes with the event that caused it: the bar ends on the last row before it.
    out_.bars[open_[p]].end_row = out_.rows.size() - 1;
    open_[p] = kNone;
  }

  const csptrace::TraceModel& m_;
  SequenceLayout::Parts& out_;
  std::vector<size_t> open_;
};

}  // namespace

SequenceLayout SequenceLayout::build(const TraceDocument& doc, SequenceOptions options) {
  const auto& m = doc.model();
  SequenceLayout out;
  out.doc_ = &doc;
  Parts& s = out.parts_;
  s.options = options;
  s.proc_lane.assign(m.processes().size(), kNoLane);
  s.chan_lane.assign(m.channels().size(), kNoLane);
  for (uint32_t p = 0; p < m.processes().size(); ++p) {
    // The runtime's own processes are never part of the program's story.
    if (m.processes()[p].role == csptrace::ProcRole::Internal) continue;
    s.proc_lane[p] = uint32_t(s.lifelines.size());
    s.lifelines.push_back(SeqLifeline{SeqLifeline::Kind::Process, p, doc.process_label(p), 0, 0,
                                      false,
                                      m.processes()[p].status == csptrace::ExitStatus::Error});
  }
  if (options.channel_lifelines)
    for (uint32_t c = 0; c < m.channels().size(); ++c) {
      if (m.channels()[c].buffer == csptrace::BufferKind::Timer) continue;
      s.chan_lane[c] = uint32_t(s.lifelines.size());
      s.lifelines.push_back(
          SeqLifeline{SeqLifeline::Kind::Channel, c, doc.channel_label(c), 0, 0, false, false});
    }
  RowBuilder(doc, s).run();

  const size_t n = s.rows.size();
  for (SeqWaitBar& b : s.bars)
    if (b.end_row == kNone) b.end_row = n;
  // Where each lifeline starts and ends: its spawn and exit rows (the whole chart otherwise).
  for (SeqLifeline& l : s.lifelines) l.end_row = n;
  for (size_t r = 0; r < n; ++r) {
    const SeqRow& row = s.rows[r];
    if (row.kind == SeqRow::Kind::Spawn && row.to != kNoLane) s.lifelines[row.to].first_row = r;
    if (row.kind == SeqRow::Kind::Exit) s.lifelines[row.from].end_row = r;
  }
  // The analysis's verdict: who waits forever (stuck_waits), and the cycle that explains it.
  for (const StuckWait& w : doc.stuck()) {
    const uint32_t l = out.process_lifeline(w.proc);
    if (l == kNoLane) continue;
    s.lifelines[l].stuck = true;
    for (SeqWaitBar& b : s.bars)
      if (b.lifeline == l && b.end_row == n) b.stuck = true;
  }
  for (size_t f = 0; f < doc.findings().size(); ++f) {
    if (doc.findings()[f].severity != csptrace::Severity::Error) continue;
    for (const WaitArrow& a : doc.cycle_for(f))
      s.cycle.push_back(
          SeqCycleEdge{out.process_lifeline(a.waiter), out.process_lifeline(a.releaser), a.label});
    if (!s.cycle.empty()) break;
  }
  return out;
}

std::optional<size_t> SequenceLayout::row_at(std::optional<size_t> event) const {
  if (!event) return std::nullopt;
  const auto& rows = parts_.rows;
  auto it = std::upper_bound(rows.begin(), rows.end(), *event,
                             [](size_t e, const SeqRow& r) { return e < r.event; });
  if (it == rows.begin()) return std::nullopt;
  return size_t(it - rows.begin()) - 1;
}

}  // namespace cspview

namespace cspview {

std::string SequenceLayout::value(size_t r) const {
  const auto& m = doc_->model();
  const SeqRow& row = parts_.rows[r];
  const csptrace::Event e = m.event(row.event, f::value);
  return (e.present & f::value) ? m.value_text(e.value) : std::string();
}

std::string SequenceLayout::label(size_t r) const {
  const auto& m = doc_->model();
  const SeqRow& row = parts_.rows[r];
  const size_t i = row.event;
  const uint32_t c = m.chan_index(i);
  switch (row.kind) {
    case SeqRow::Kind::Message: {
      const std::string v = value(r);
      const bool buffered = m.kind(i) == EventKind::Transfer &&
                            m.field<csptrace::Field::via>(i) == csptrace::Via::Buffer;
      return chan_name(*doc_, c) + (v.empty() ? std::string() : ": " + v) +
             (buffered ? "  (buffered)" : "");
    }
    case SeqRow::Kind::Put: return "put " + value(r) + " into " + chan_name(*doc_, c);
    case SeqRow::Kind::Drop: return "dropped " + value(r) + " from " + chan_name(*doc_, c);
    case SeqRow::Kind::Spawn: return row.to == kNoLane ? "spawned" : "spawn";
    case SeqRow::Kind::Exit:
      return m.field<csptrace::Field::status>(i) == csptrace::ExitStatus::Error ? "failed" : "exit";
    case SeqRow::Kind::Wait: {
      const csptrace::WaitOp op = m.field<csptrace::Field::op>(i);
      const std::string what = op == csptrace::WaitOp::Alts ? std::string("alt")
                                                            : std::string(csptrace::to_string(op)) +
                                                                  " " + chan_name(*doc_, c);
      return (is_timer(m, c) ? "sleep: " : "wait: ") + what;
    }
    case SeqRow::Kind::Alt: {
      const std::string what = m.field<csptrace::Field::index>(i) < 0
                                   ? std::string("default")
                                   : chosen_op(m, i) + chan_name(*doc_, c);
      return "alt chose " + what + " (" +
             std::string(csptrace::to_string(m.field<csptrace::Field::rule>(i))) + ")";
    }
    case SeqRow::Kind::Close: return "close " + chan_name(*doc_, c);
    case SeqRow::Kind::Refused:
      return std::string(csptrace::to_string(m.field<csptrace::Field::op>(i))) + " " +
             chan_name(*doc_, c) + " refused: closed";
    case SeqRow::Kind::Note: return std::string(m.str(m.field<csptrace::Field::label>(i)));
    case SeqRow::Kind::Deadlock:
      return "deadlock: " + std::string(m.str(m.field<csptrace::Field::message>(i)));
  }
  return {};
}

}  // namespace cspview
