// The sequence chart of a trace, as a lecturer draws it on the board: one lifeline per process
// (optionally one per channel), one row per event that matters in logical order, rendezvous as
// arrows labelled with the value, waits as bars on the lifeline, and a deadlock's stuck
// processes ending in red with the wait-for cycle below. Qt-free: built once per trace from the
// document (the stuck waits and the cycle come from the analysis, never recomputed here), then
// cut into frames by sequence_frame.hpp.
//
// Invariants: rows are in increasing event order, so the row of an event is found by binary
// search; every row's lifelines (from, to) are indices into lifelines() or kNoLane; a bar's
// first_row < rows().size() and first_row <= end_row <= rows().size() (end_row == rows().size()
// for a wait that never ends).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cspview {

class TraceDocument;

inline constexpr uint32_t kNoLane = 0xffffffffu;

struct SequenceOptions {
  bool channel_lifelines = false;  // a lifeline per channel: buffered values go through it
};

struct SeqLifeline {
  enum class Kind : uint8_t { Process, Channel };
  Kind kind = Kind::Process;
  uint32_t index = 0;    // dense process or channel index
  std::string name;      // its label (TraceDocument::process_label / channel_label)
  size_t first_row = 0;  // the row it starts at (its spawn; 0 when it starts with the trace)
  size_t end_row = 0;    // the row it ends at (its exit), rows().size() when it lives on
  bool stuck = false;    // the analysis says it waits forever: it ends in red
  bool failed = false;   // it exited with an exception
};

struct SeqRow {
  enum class Kind : uint8_t {
    Message,
    Spawn,
    Exit,
    Wait,
    Alt,
    Close,
    Refused,
    Drop,
    Put,
    Note,
    Deadlock
  };
  Kind kind = Kind::Message;
  uint32_t event = 0;       // event index
  uint32_t from = kNoLane;  // lifeline the arrow leaves (or the one a mark sits on)
  uint32_t to = kNoLane;    // lifeline the arrow reaches; kNoLane for a mark on one lifeline
  bool arrow() const { return to != kNoLane && from != kNoLane; }
};

struct SeqWaitBar {
  uint32_t lifeline = 0;
  size_t first_row = 0;   // the park / block row
  size_t end_row = 0;     // the last row at or before its wake; rows().size() if none
  uint8_t op = 0;         // csptrace::WaitOp as a number: put, take, alts
  bool blocked = false;   // a thread holding its OS thread (block), not a park
  bool sleeping = false;  // waits on a timer channel
  bool stuck = false;     // never woken, and the analysis says it waits forever
};

struct SeqCycleEdge {
  uint32_t waiter = kNoLane, releaser = kNoLane;  // lifelines
  std::string label;                              // "take fork-1"
};

class SequenceLayout {
 public:
  // Linear in the events. Needs the document's analysis for the stuck processes and the cycle;
  // without it the chart simply has none.
  static SequenceLayout build(const TraceDocument& doc, SequenceOptions options = {});

  const std::vector<SeqLifeline>& lifelines() const { return parts_.lifelines; }
  const std::vector<SeqRow>& rows() const { return parts_.rows; }
  const std::vector<SeqWaitBar>& bars() const { return parts_.bars; }
  // The wait-for cycle of the first error finding that has one (a deadlock's explanation).
  const std::vector<SeqCycleEdge>& cycle() const { return parts_.cycle; }
  const SequenceOptions& options() const { return parts_.options; }
  // The lifeline of process p, or kNoLane when it has none (the runtime's internal processes).
  uint32_t process_lifeline(uint32_t p) const {
    return p < parts_.proc_lane.size() ? parts_.proc_lane[p] : kNoLane;
  }

  // What row r says, made from its event when asked (a row holds no text, so building the
  // chart of a million events makes no strings): `in: "pocket lint"`, `alt chose in (random)`,
  // `wait: take in`, `deadlock: ...`.
  std::string label(size_t r) const;
  // The value row r's event carries, as text ("\"pocket lint\"", "3"); empty for none.
  std::string value(size_t r) const;

  // The row the cursor stands on: the last row whose event is at or before `event` (nullopt
  // before the first event, or before the first row).
  std::optional<size_t> row_at(std::optional<size_t> event) const;

  // What build() fills, in one place so its helpers can fill it.
  struct Parts {
    std::vector<SeqLifeline> lifelines;
    std::vector<SeqRow> rows;
    std::vector<SeqWaitBar> bars;
    std::vector<SeqCycleEdge> cycle;
    std::vector<uint32_t> proc_lane, chan_lane;  // lifeline of each process / channel, or kNoLane
    SequenceOptions options;
  };

 private:
  const TraceDocument* doc_ = nullptr;  // the document it was built from, which outlives it
  Parts parts_;
};

}  // namespace cspview
