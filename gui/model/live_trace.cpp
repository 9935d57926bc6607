#include "live_trace.hpp"

#include <csptrace/event_format.hpp>

#include <algorithm>

namespace cspview {

std::shared_ptr<const TraceDocument> LiveTrace::snapshot(const csptrace::TraceModel& so_far) {
  const csptrace::TraceModel& m = so_far;
  const size_t from = lanes_.events();
  lanes_.extend(m);
  for (size_t p = proc_labels_.size(); p < m.processes().size(); ++p)
    proc_labels_.push_back(csptrace::process_label(m, static_cast<uint32_t>(p)));
  for (size_t c = chan_labels_.size(); c < m.channels().size(); ++c)
    chan_labels_.push_back(csptrace::channel_label(m, static_cast<uint32_t>(c)));
  // The same span run_span_of gives, kept up to date one event at a time.
  for (size_t i = from; i < m.size(); ++i) {
    const int64_t t = m.time(i);
    if (m.kind(i) == csptrace::EventKind::End) {
      if (!any_real_) run_.first = run_.last = t;
      run_.end = std::max(run_.last, t);
      continue;
    }
    run_.first = any_real_ ? std::min(run_.first, t) : t;
    run_.last = any_real_ ? std::max(run_.last, t) : t;
    run_.end = run_.last;
    any_real_ = true;
  }
  state_.processes.grow_to(m.processes().size());
  state_.channels.grow_to(m.channels().size());
  while (state_.steps < m.size()) csptrace::advance(m, state_);

  std::shared_ptr<TraceDocument> doc(new TraceDocument());
  auto model = std::make_shared<csptrace::TraceModel>(m.snapshot(strings_));
  strings_ = model->shared_strings();
  doc->model_ = std::move(model);
  doc->lanes_ = std::make_shared<const LaneIndex>(lanes_.share());
  doc->labels_ = std::make_shared<const TraceDocument::Labels>(
      TraceDocument::Labels{proc_labels_, chan_labels_});
  doc->run_ = run_;
  doc->live_ = std::make_shared<const csptrace::ReplayState>(state_);
  return doc;
}

}  // namespace cspview
