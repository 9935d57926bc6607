#include "trace_document.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <algorithm>

namespace cspview {

TraceDocument::TraceDocument(csptrace::TraceModel model)
    : model_(std::make_shared<const csptrace::TraceModel>(std::move(model))),
      lanes_(std::make_shared<const LaneIndex>(*model_)) {
  const auto& m = *model_;
  for (uint32_t p = 0; p < m.processes().size(); ++p) proc_labels_.push_back(csptrace::process_label(m, p));
  for (uint32_t c = 0; c < m.channels().size(); ++c) chan_labels_.push_back(csptrace::channel_label(m, c));
  if (!m.empty()) {
    // Times are normally ordered like seq; take the extremes to be safe with pool recordings.
    t_begin_ = m.time(0);
    t_end_ = m.time(m.size() - 1);
    for (size_t i = 0; i < m.size(); ++i) {
      t_begin_ = std::min(t_begin_, m.time(i));
      t_end_ = std::max(t_end_, m.time(i));
    }
  }
}

std::shared_ptr<const TraceDocument> TraceDocument::with_analysis(const std::atomic<bool>* cancel) const {
  auto check = [cancel] {
    if (cancel && cancel->load()) throw csptrace::LoadCancelled();
  };
  std::shared_ptr<TraceDocument> doc(new TraceDocument());
  doc->model_ = model_;
  doc->lanes_ = lanes_;
  doc->proc_labels_ = proc_labels_;
  doc->chan_labels_ = chan_labels_;
  doc->t_begin_ = t_begin_;
  doc->t_end_ = t_end_;
  check();
  doc->replay_ = std::make_unique<csptrace::Replay>(*model_);
  check();
  doc->find_stuck();
  doc->findings_ = csptrace::analyze(*doc->replay_);
  return doc;
}

TimelineOverlay TraceDocument::overlay_for(size_t f) const {
  TimelineOverlay o;
  if (f >= findings_.size()) return o;
  const csptrace::Finding& fd = findings_[f];
  o.processes.assign(model_->processes().size(), false);
  o.channels.assign(model_->channels().size(), false);
  for (uint32_t p : fd.processes)
    if (p < o.processes.size()) o.processes[p] = true;
  for (uint32_t c : fd.channels)
    if (c < o.channels.size()) o.channels[c] = true;
  const csptrace::Finding* with_cycle = &fd;
  if (fd.cycle.empty() && fd.kind == csptrace::FindingKind::GlobalDeadlock)
    for (const auto& other : findings_)
      if (other.kind == csptrace::FindingKind::WaitCycle && !other.cycle.empty()) {
        with_cycle = &other;
        break;
      }
  for (const csptrace::WaitEdge& e : with_cycle->cycle) {
    if (e.waiter >= proc_labels_.size() || e.releaser >= proc_labels_.size()) continue;
    WaitArrow a;
    a.waiter = e.waiter;
    a.releaser = e.releaser;
    a.chan = e.chan;
    a.label = std::string(csptrace::to_string(e.op)) + " " +
              (e.chan < chan_labels_.size() ? chan_labels_[e.chan] : std::string("?"));
    o.cycle.push_back(std::move(a));
  }
  return o;
}

std::optional<size_t> TraceDocument::waker_of(size_t event, size_t limit) const {
  const auto& m = *model_;
  if (event >= m.size()) return std::nullopt;
  const auto k = m.kind(event);
  if (k != csptrace::EventKind::Resume && k != csptrace::EventKind::Unblock) return std::nullopt;
  const uint32_t waker = m.partner_index(event);
  const uint32_t woken = m.proc_index(event);
  const uint32_t chan = m.chan_index(event);
  // The protocol records the cause (transfer, close, alt choice, buffer put) before the wake;
  // the nearest earlier event of the waker on the same channel is it.
  for (size_t i = event; i-- > 0 && event - i <= limit;) {
    const bool by_waker = waker != csptrace::kNone &&
                          (m.proc_index(i) == waker || m.from_index(i) == waker || m.to_index(i) == waker);
    const bool timer = waker == csptrace::kNone && m.kind(i) == csptrace::EventKind::TimerFire;
    const bool to_woken = m.to_index(i) == woken || m.proc_index(i) == woken;
    if ((by_waker || timer || (waker == csptrace::kNone && to_woken)) && (chan == csptrace::kNone || m.chan_index(i) == chan))
      return i;
  }
  return std::nullopt;
}

void TraceDocument::find_stuck() {
  const csptrace::ReplayState& end = replay_->final_state();
  for (uint32_t p = 0; p < end.processes.size(); ++p) {
    const auto& ps = end.processes[p];
    if (!csptrace::is_waiting(ps.state) || ps.wait.completed) continue;
    StuckWait w;
    w.proc = p;
    w.since = ps.wait.since < model_->size() ? model_->time(ps.wait.since) : t_end_;
    w.chan = ps.wait.chan;
    std::string what(csptrace::to_string(ps.wait.op));
    if (ps.wait.chan != csptrace::kNone) {
      what += " " + chan_labels_[ps.wait.chan];
    } else {
      std::string guards;
      for (const auto& g : ps.wait.guards)
        if (g.chan != csptrace::kNone)
          guards += (guards.empty() ? "" : ", ") + std::string(csptrace::to_string(g.op)) + " " +
                    chan_labels_[g.chan];
      if (!guards.empty()) what += " [" + guards + "]";
    }
    w.text = "stuck: " + what;
    const std::string_view loc = model_->str(ps.wait.loc);
    if (!loc.empty()) w.text += " (" + std::string(loc) + ")";
    stuck_.push_back(std::move(w));
  }
}

std::shared_ptr<const TraceDocument> read_document(const std::string& path,
                                                   const csptrace::LoadOptions& options) {
  csptrace::LoadOptions inner;
  inner.cancel = options.cancel;
  if (options.progress) inner.progress = [&options](double f) { options.progress(0.9 * f); };
  auto doc = std::make_shared<const TraceDocument>(csptrace::load_trace(path, inner));
  if (options.cancel && options.cancel->load()) throw csptrace::LoadCancelled();
  if (options.progress) options.progress(1.0);
  return doc;
}

std::shared_ptr<const TraceDocument> load_document(const std::string& path,
                                                   const csptrace::LoadOptions& options) {
  return read_document(path, options)->with_analysis(options.cancel);
}

}  // namespace cspview
