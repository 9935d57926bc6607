// Everything the viewer shows about one opened trace, built once off the GUI thread and then
// shared read-only: the model, its lane index, the replay (states at any step, the timeline's
// state intervals and occupancy), the waits that never end, label texts. Qt-free, so tests and
// the benchmark build it the same way the app does.
//
// Not movable: the replay points into the model. Hold it by shared_ptr.
#pragma once

#include "lane_index.hpp"
#include "timeline_overlay.hpp"

#include <csptrace/load_options.hpp>
#include <csptrace/finding.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cspview {

class TraceDocument {
 public:
  explicit TraceDocument(csptrace::TraceModel model);
  TraceDocument(const TraceDocument&) = delete;
  TraceDocument& operator=(const TraceDocument&) = delete;

  const csptrace::TraceModel& model() const { return model_; }
  const LaneIndex& lanes() const { return lanes_; }
  const csptrace::Replay& replay() const { return *replay_; }
  const csptrace::Timeline& timeline() const { return replay_->timeline(); }
  // Processes still waiting (and not about to be woken) when the trace ends, with what on.
  const std::vector<StuckWait>& stuck() const { return stuck_; }
  // The analysis's findings, in its reading order (errors first).
  const std::vector<csptrace::Finding>& findings() const { return findings_; }
  // What the timeline draws in red for finding f: its processes and channels, and a wait-for
  // cycle (its own, or for a global deadlock the cycle that explains it, if there is one).
  TimelineOverlay overlay_for(size_t f) const;
  const std::string& process_label(uint32_t p) const { return proc_labels_[p]; }
  const std::string& channel_label(uint32_t c) const { return chan_labels_[c]; }

  // Trace time of the first and last event (0, 0 when empty).
  int64_t t_begin() const { return t_begin_; }
  int64_t t_end() const { return t_end_; }

  // Cursor stepping. A cursor is an event index: the state after that event. All return the
  // cursor unchanged when there is nowhere to go.
  size_t next_rendezvous(size_t cursor) const;
  size_t prev_rendezvous(size_t cursor) const;

 private:
  void find_stuck();

  csptrace::TraceModel model_;
  LaneIndex lanes_;
  std::unique_ptr<csptrace::Replay> replay_;
  std::vector<StuckWait> stuck_;
  std::vector<csptrace::Finding> findings_;
  std::vector<std::string> proc_labels_, chan_labels_;
  int64_t t_begin_ = 0, t_end_ = 0;
};

// Loads and indexes a trace. Throws what csptrace::load_trace throws (TraceError with
// "FILE:LINE: ...", LoadCancelled). Progress goes 0..1 over reading and indexing.
std::shared_ptr<const TraceDocument> load_document(const std::string& path,
                                                   const csptrace::LoadOptions& options = {});

}  // namespace cspview
