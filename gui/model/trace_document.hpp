// Everything the viewer shows about one opened trace, built off the GUI thread and then shared
// read-only, in two stages so that a big trace shows its first frame early:
//  1. read_document(): the model, its lane index (events per lane, by time), label texts;
//  2. with_analysis(): the same model and lanes plus the replay (states at any step, the
//     timeline's state intervals and occupancy) and its summaries for zoomed-out views, the
//     waits that never end, the findings and where the scheduler deviated from running in
//     order.
// Qt-free, so tests and the benchmark build it the same way the app does.
//
// A trace still being written is shown through live documents (LiveTrace, live_trace.hpp): a
// snapshot of the model and lanes so far, with the state after its last event in place of a
// replay, and the waits that have lasted long as findings (with_long_waits). When the trace
// ends the app opens it as usual.
//
// Not copyable: the replay points into the model, which stays put behind a shared_ptr.
#pragma once

#include "lane_index.hpp"
#include "run_span.hpp"
#include "schedule_deviations.hpp"
#include "timeline_overlay.hpp"

#include <csptrace/finding.hpp>
#include <csptrace/load_options.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/timeline_summary.hpp>
#include <csptrace/trace_model.hpp>
#include <csptrace/trace_preview.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cspview {

class NameIndex;
class LiveTrace;

class TraceDocument {
 public:
  // Stage 1 only (has_analysis() is false).
  explicit TraceDocument(csptrace::TraceModel model);
  // Stage 0, a big trace's first look (preview_document): the model is the preview's skeleton
  // (the events that declare processes and channels), the run its whole span, and each lane
  // draws the preview's counts until the whole trace, read meanwhile, replaces this document.
  explicit TraceDocument(csptrace::TracePreview preview);
  TraceDocument(const TraceDocument&) = delete;
  TraceDocument& operator=(const TraceDocument&) = delete;

  // What the analysis is doing ("replaying", "judging") and how far (0..1, or < 0 when that
  // is unknown); told from the analysing thread.
  using AnalysisProgress = std::function<void(const char* step, double fraction)>;
  // Stage 2: a document on the same model and lanes, with replay, stuck waits and findings.
  // Linear in the events; stops within a fraction of a second of `cancel` turning true and
  // throws LoadCancelled.
  std::shared_ptr<const TraceDocument> with_analysis(const std::atomic<bool>* cancel = nullptr,
                                                     const AnalysisProgress& progress = {}) const;

  const csptrace::TraceModel& model() const { return *model_; }
  // A preview's counts of events by lane and time (null but in a preview), and how many events
  // the whole trace has.
  const csptrace::LaneDensity* density() const { return density_.get(); }
  bool is_preview() const { return density_ != nullptr; }
  // What a preview's lane draws in view: density_marks over the run. Precondition: is_preview().
  std::vector<LaneMark> preview_marks(csptrace::LaneDensity::Side side, uint32_t lane,
                                      const TimeScale& scale, double min_px) const;
  uint64_t preview_events() const { return preview_events_; }
  const LaneIndex& lanes() const { return *lanes_; }
  bool has_analysis() const { return replay_ != nullptr; }
  // Precondition for replay() and timeline(): has_analysis().
  const csptrace::Replay& replay() const { return *replay_; }
  const csptrace::Timeline& timeline() const { return replay_->timeline(); }
  // The timeline's level-of-detail summaries of its busy lanes (empty before the analysis).
  const csptrace::TimelineSummary& summary() const { return summary_; }
  // The waits of the processes the analysis says wait forever, with what on
  // (the analysis's verdict: stuck_waits.hpp).
  const std::vector<StuckWait>& stuck() const { return stuck_; }
  // The analysis's findings, in its reading order (errors first).
  const std::vector<csptrace::Finding>& findings() const { return findings_; }
  // What the timeline draws in red for finding f: its processes and channels, a wait-for
  // cycle (its own, or for a global deadlock the cycle that explains it, if there is one), and
  // the events its explanation gives as the cause.
  TimelineOverlay overlay_for(size_t f) const;
  // overlay_for(f).cycle alone: O(the cycle), for a view that looks for the cycle among all
  // findings (overlay_for costs O(processes + channels) and reads the explanation).
  std::vector<WaitArrow> cycle_for(size_t f) const;
  // The scheduler's decisions that were not "run in order" (none before the analysis is in).
  const ScheduleDeviations& deviations() const { return deviations_; }
  // For a resume / unblock: the event that caused the wake, what the waker did
  // (csptrace::Replay::wake_cause); nullopt for other events or before the replay is in.
  std::optional<size_t> waker_of(size_t event) const;
  // A process's or channel's label (csptrace::process_label, "-" past the end): made from the
  // model when asked; a live document's as first made while following (they stay put while
  // the trace grows).
  std::string process_label(uint32_t p) const;
  std::string channel_label(uint32_t c) const;
  // The labels indexed by their text, for link_names; built on first use. Thread-safe.
  const NameIndex& name_index() const;

  // A document of a trace still being written (live_trace.hpp): the state after its last
  // event, or null for a document of a whole trace.
  const csptrace::ReplayState* live_state() const { return live_.get(); }
  // A live document's copy whose findings are the waits that have lasted threshold_ns or more
  // at trace time now_ns (long_waits.hpp). O(processes + channels). Precondition: live_state().
  std::shared_ptr<const TraceDocument> with_long_waits(int64_t now_ns, int64_t threshold_ns) const;
  // What the Findings panel calls finding f: its kind, or for a live document's long wait
  // "waiting for 12 s"; and how sure it is ("proven", "possible, not proven").
  std::string finding_title(size_t f) const;
  std::string finding_strength(size_t f) const;

  // Where the program ran: first event, last real event, `end` (see run_span.hpp).
  const RunSpan& run() const { return run_; }
  // Trace time of the first and the last real event (0, 0 when empty).
  int64_t t_begin() const { return run_.first; }
  int64_t t_end() const { return run_.last; }

 private:
  friend class LiveTrace;
  TraceDocument() = default;
  // with_analysis() without turning std::bad_alloc into a message.
  std::shared_ptr<const TraceDocument> analysed(const std::atomic<bool>* cancel,
                                                const AnalysisProgress& progress) const;
  // A document on the same model, lanes, labels and run, for the stages to fill in.
  std::shared_ptr<TraceDocument> on_same_trace() const;

  std::shared_ptr<const csptrace::TraceModel> model_;
  std::shared_ptr<const LaneIndex> lanes_;
  std::unique_ptr<csptrace::Replay> replay_;
  csptrace::TimelineSummary summary_;
  std::vector<StuckWait> stuck_;
  std::vector<csptrace::Finding> findings_;
  ScheduleDeviations deviations_;
  std::shared_ptr<const csptrace::ReplayState> live_;
  std::vector<std::string> live_titles_;  // by finding, for a live document's long waits
  // A live document's labels, by index, as LiveTrace first made them; null for a document of a
  // whole trace, whose labels are made from the model when asked (a run may have millions of
  // processes, and a label held for each cost 32 bytes a process).
  struct Labels {
    std::vector<std::string> procs, chans;
  };
  std::shared_ptr<const Labels> labels_;
  RunSpan run_;
  std::shared_ptr<const csptrace::LaneDensity> density_;  // a preview's; null otherwise
  uint64_t preview_events_ = 0;
  mutable std::once_flag names_once_;
  mutable std::shared_ptr<const NameIndex> names_;
};

// The reader's options of every model the viewer shows: a binary trace's records stay in its
// file (LoadOptions::records_in_file), since the viewer keeps the model for as long as it shows
// it. read_document starts from these; a benchmark that reads as the app does uses them too.
csptrace::LoadOptions viewer_load_options();

// Whether a trace is big enough that the viewer shows a preview of it while it reads it: a
// binary trace of kPreviewBytes or more, or of CSPVIEW_PREVIEW_MB MiB when that is set (a
// preview costs about a third of a read; a JSON Lines trace's would cost as much as its read,
// whose parse is most of it).
constexpr uint64_t kPreviewBytes = uint64_t{64} << 20;
bool worth_preview(const std::string& path);
// Stage 0: reads the trace once, keeping only its lanes and their counts
// (csptrace::preview_trace). Throws as read_document; progress goes 0..1 over the read.
std::shared_ptr<const TraceDocument> preview_document(const std::string& path,
                                                      const csptrace::LoadOptions& options = {});
// Stage 1: reads and indexes a trace. Throws what csptrace::load_trace throws (TraceError with
// "FILE:LINE: ...", LoadCancelled). Progress goes 0..1 over reading and indexing.
std::shared_ptr<const TraceDocument> read_document(const std::string& path,
                                                   const csptrace::LoadOptions& options = {});
// Both stages.
std::shared_ptr<const TraceDocument> load_document(const std::string& path,
                                                   const csptrace::LoadOptions& options = {});

}  // namespace cspview
