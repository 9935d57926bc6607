// The viewer's side of following a trace that is still being written: fed on the loading
// thread with the model as it grows (csptrace::LoadOptions::on_event gives it), it keeps what a
// document needs up to date incrementally — the lane index, the labels, the run's span and the
// state after the last event (csptrace::advance) — and hands out live documents that share the
// model's and lanes' storage. So a refresh costs the events added since the last one plus the
// processes and channels, never all the events again, and the view keeps nothing per event that
// a normal open would not.
//
// Thread contract: one thread (the loader's) calls snapshot(), with the builder's model, between
// two events; the documents it returns never change and may go to any thread.
#pragma once

#include "lane_index.hpp"
#include "run_span.hpp"
#include "trace_document.hpp"

#include <csptrace/replay_state.hpp>
#include <csptrace/trace_model.hpp>

#include <memory>
#include <string>
#include <vector>

namespace cspview {

class LiveTrace {
 public:
  // A live document of `so_far`, the model of the trace read so far (it has grown since the
  // last call, or not). Work: the new events, plus the processes, channels and (when new ones
  // came) the strings.
  std::shared_ptr<const TraceDocument> snapshot(const csptrace::TraceModel& so_far);
  // Events seen by the last snapshot.
  size_t events() const { return lanes_.events(); }

 private:
  LaneIndex lanes_;
  csptrace::ReplayState state_;
  std::vector<std::string> proc_labels_, chan_labels_;
  RunSpan run_;
  bool any_real_ = false;  // run_.first / last hold a real event's time
  std::shared_ptr<const csptrace::StringTable> strings_;
};

}  // namespace cspview
