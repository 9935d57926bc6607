#include <csptrace/streaming_judge.hpp>

#include "analysis_context.hpp"
#include "channel_use.hpp"

#include <algorithm>

namespace csptrace {

namespace {
constexpr size_t kFirstCompaction = size_t{16} << 20;
}  // namespace

struct StreamingJudge::Impl {
  ReplayState state;
  ChannelUse use;
  size_t compact_at = kFirstCompaction;  // retired_time_bytes() at which retire() looks again
};

StreamingJudge::StreamingJudge() : impl_(std::make_unique<Impl>()) {}
StreamingJudge::~StreamingJudge() = default;
StreamingJudge::StreamingJudge(StreamingJudge&&) noexcept = default;
StreamingJudge& StreamingJudge::operator=(StreamingJudge&&) noexcept = default;

void StreamingJudge::take(const TraceModel& m) {
  ReplayState& s = impl_->state;
  // Processes and channels declared by the new events start as initial_state() makes them.
  s.processes.grow_to(m.processes().size());
  s.channels.grow_to(m.channels().size());
  while (s.steps < m.size()) advance(m, s);
  impl_->use.extend(m);
}

size_t StreamingJudge::keep_from() const {
  const ReplayState& s = impl_->state;
  return s.deadlock_event != kNone ? s.deadlock_event : s.steps;
}

std::vector<size_t> StreamingJudge::named_events(const TraceModel& m) const {
  std::vector<size_t> out;
  add_named_events(impl_->state, out);
  impl_->use.add_named_events(out);
  for (const ProcessInfo& p : m.processes()) {
    out.push_back(p.spawn_event);
    if (p.exit_event != kNone) out.push_back(p.exit_event);
  }
  for (const ChannelInfo& c : m.channels())
    if (c.close_event != kNone) out.push_back(c.close_event);
  const size_t held = m.held_from();
  std::erase_if(out, [held](size_t e) { return e >= held; });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void StreamingJudge::retire(TraceModelBuilder& b) {
  b.retire_before(keep_from());
  if (b.retired_time_bytes() < impl_->compact_at) return;
  // Every process names at least its spawn: when that many kept times would be no smaller, a
  // run of many processes keeps its packed times and skips listing the named events.
  const TraceModel& m = b.so_far();
  if (m.processes().size() * TraceModelBuilder::kKeptTimeBytes < b.retired_time_bytes())
    b.keep_retired_times(named_events(m));
  impl_->compact_at = std::max(kFirstCompaction, 2 * b.retired_time_bytes());
}

Verdict StreamingJudge::finish(const TraceModel& m) && {
  take(m);
  if (m.size() == 0) return {};
  impl_->use.finish(m);
  AnalysisContext cx(m, impl_->state, impl_->use);
  return judge_in(cx);
}

}  // namespace csptrace
