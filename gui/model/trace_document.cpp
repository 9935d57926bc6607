#include "trace_document.hpp"

#include "name_index.hpp"

#include "density_marks.hpp"

#include "finding_links.hpp"
#include "long_waits.hpp"
#include "memory_budget.hpp"
#include "stuck_waits.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/binary_codec.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace cspview {

TraceDocument::TraceDocument(csptrace::TraceModel model)
    : model_(std::make_shared<const csptrace::TraceModel>(std::move(model))),
      lanes_(std::make_shared<const LaneIndex>(*model_)) {
  run_ = run_span_of(*model_);
}

TraceDocument::TraceDocument(csptrace::TracePreview preview)
    : model_(std::make_shared<const csptrace::TraceModel>(std::move(preview.skeleton))),
      lanes_(std::make_shared<const LaneIndex>(*model_)),
      density_(std::make_shared<const csptrace::LaneDensity>(std::move(preview.density))),
      preview_events_(preview.events) {
  run_ = RunSpan{preview.first, preview.last, preview.end};
}

std::vector<LaneMark> TraceDocument::preview_marks(csptrace::LaneDensity::Side side, uint32_t lane,
                                                   const TimeScale& scale, double min_px) const {
  return density_marks(*density_, side, lane, scale, double(run_.first), double(run_.end), min_px);
}

std::string TraceDocument::process_label(uint32_t p) const {
  if (labels_) return p < labels_->procs.size() ? labels_->procs[p] : std::string("-");
  return csptrace::process_label(*model_, p);
}

std::string TraceDocument::channel_label(uint32_t c) const {
  if (labels_) return c < labels_->chans.size() ? labels_->chans[c] : std::string("-");
  return csptrace::channel_label(*model_, c);
}

std::shared_ptr<TraceDocument> TraceDocument::on_same_trace() const {
  std::shared_ptr<TraceDocument> doc(new TraceDocument());
  doc->model_ = model_;
  doc->lanes_ = lanes_;
  doc->labels_ = labels_;
  doc->run_ = run_;
  return doc;
}

std::shared_ptr<const TraceDocument> TraceDocument::with_analysis(
    const std::atomic<bool>* cancel, const AnalysisProgress& progress) const {
  try {
    return analysed(cancel, progress);
  } catch (const std::bad_alloc&) {
    throw csptrace::TraceError(model_->source(), csptrace::TraceError::Place::File, 0,
                               out_of_memory_text());
  }
}

std::shared_ptr<const TraceDocument> TraceDocument::analysed(
    const std::atomic<bool>* cancel, const AnalysisProgress& progress) const {
  if (is_preview()) throw std::logic_error("with_analysis: a preview holds no events to replay");
  auto check = [cancel] {
    if (cancel && cancel->load()) throw csptrace::LoadCancelled();
  };
  const auto tell = [&progress](const char* step, double fraction) {
    if (progress) progress(step, fraction);
  };
  std::shared_ptr<TraceDocument> doc = on_same_trace();
  check();
  csptrace::ReplayControl control;
  control.cancel = cancel;
  control.progress = [&tell](double f) { tell("replaying", f); };
  doc->replay_ =
      std::make_unique<csptrace::Replay>(*model_, csptrace::Replay::kDefaultCheckpointInterval,
                                         csptrace::Replay::Keep::Everything, control);
  check();
  tell("summarising", -1);
  doc->summary_ = csptrace::TimelineSummary(doc->replay_->timeline(), *model_, {}, cancel);
  tell("judging", -1);
  csptrace::Verdict verdict = csptrace::judge(*doc->replay_);
  doc->stuck_ = stuck_waits(*model_, doc->replay_->final_state(), verdict.stuck);
  doc->findings_ = std::move(verdict.findings);
  return_free_memory();  // the judging's arrays: gone, but glibc would keep their pages
  check();
  doc->deviations_ = ScheduleDeviations(
      *model_, [this](uint32_t p) { return process_label(p); },
      [this](uint32_t c) { return channel_label(c); });
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
  o.cycle = cycle_for(f);
  o.causes = finding_causes(*this, fd);
  return o;
}

std::vector<WaitArrow> TraceDocument::cycle_for(size_t f) const {
  std::vector<WaitArrow> out;
  if (f >= findings_.size()) return out;
  const csptrace::Finding& fd = findings_[f];
  const csptrace::Finding* with_cycle = &fd;
  if (fd.cycle.empty() && fd.kind == csptrace::FindingKind::GlobalDeadlock)
    for (const auto& other : findings_)
      if (other.kind == csptrace::FindingKind::WaitCycle && !other.cycle.empty()) {
        with_cycle = &other;
        break;
      }
  for (const csptrace::WaitEdge& e : with_cycle->cycle) {
    const size_t P = model_->processes().size();
    if (e.waiter >= P || e.releaser >= P) continue;
    WaitArrow a;
    a.waiter = e.waiter;
    a.releaser = e.releaser;
    a.chan = e.chan;
    if (replay_) a.park_event = wait_since(replay_->final_state().processes[e.waiter]);
    a.label = std::string(csptrace::to_string(e.op)) + " " +
              (e.chan < model_->channels().size() ? channel_label(e.chan) : std::string("?"));
    out.push_back(std::move(a));
  }
  return out;
}

std::shared_ptr<const TraceDocument> TraceDocument::with_long_waits(int64_t now_ns,
                                                                    int64_t threshold_ns) const {
  std::shared_ptr<TraceDocument> doc = on_same_trace();
  doc->live_ = live_;
  for (LongWait& w : long_waits(*model_, *live_, labels_->procs, now_ns, threshold_ns)) {
    doc->findings_.push_back(std::move(w.finding));
    doc->live_titles_.push_back(std::move(w.title));
  }
  return doc;
}

std::string TraceDocument::finding_title(size_t f) const {
  if (f < live_titles_.size()) return live_titles_[f];
  return f < findings_.size() ? std::string(csptrace::to_string(findings_[f].kind)) : "";
}

std::string TraceDocument::finding_strength(size_t f) const {
  if (f < live_titles_.size()) return "possible, not proven";
  return f < findings_.size() ? std::string(csptrace::to_string(findings_[f].strength)) : "";
}

const NameIndex& TraceDocument::name_index() const {
  std::call_once(names_once_, [this] { names_ = std::make_shared<const NameIndex>(*this); });
  return *names_;
}

std::optional<size_t> TraceDocument::waker_of(size_t event) const {
  if (!replay_) return std::nullopt;
  const size_t cause = replay_->wake_cause(event);
  if (cause == csptrace::kNone) return std::nullopt;
  return cause;
}

csptrace::LoadOptions viewer_load_options() {
  csptrace::LoadOptions o;
  o.records_in_file = true;
  return o;
}

bool worth_preview(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  const char* mb = std::getenv("CSPVIEW_PREVIEW_MB");
  const uint64_t from = mb ? std::strtoull(mb, nullptr, 10) << 20 : kPreviewBytes;
  if (ec || size < from) return false;
  std::ifstream in(path, std::ios::binary);
  char magic[sizeof csptrace::binary::kMagic] = {};
  in.read(magic, sizeof magic);
  return in && std::memcmp(magic, csptrace::binary::kMagic, sizeof magic) == 0;
}

std::shared_ptr<const TraceDocument> preview_document(const std::string& path,
                                                      const csptrace::LoadOptions& options) {
  csptrace::LoadOptions o;
  o.cancel = options.cancel;
  o.notice = options.notice;
  o.progress = options.progress;
  try {
    return std::make_shared<const TraceDocument>(csptrace::preview_trace(path, o));
  } catch (const std::bad_alloc&) {
    throw csptrace::TraceError(path, csptrace::TraceError::Place::File, 0, out_of_memory_text());
  }
}

std::shared_ptr<const TraceDocument> read_document(const std::string& path,
                                                   const csptrace::LoadOptions& options) {
  csptrace::LoadOptions inner = viewer_load_options();
  inner.cancel = options.cancel;
  inner.notice = options.notice;
  double read = 0;  // fraction of the input read so far
  inner.progress = [&options, &read](double f) {
    read = f;
    if (options.progress) options.progress(0.9 * f);
  };
  // A trace too large for this machine is refused once its size is clear, with a message.
  const MemoryBudget budget = memory_budget();
  inner.on_batch = [&budget, &read](csptrace::TraceModelBuilder& b) {
    check_budget(b.so_far(), read, budget);
  };
  std::shared_ptr<const TraceDocument> doc;
  try {
    doc = std::make_shared<const TraceDocument>(csptrace::load_trace(path, inner));
  } catch (const std::bad_alloc&) {
    throw csptrace::TraceError(path, csptrace::TraceError::Place::File, 0, out_of_memory_text());
  }
  if (options.cancel && options.cancel->load()) throw csptrace::LoadCancelled();
  if (options.progress) options.progress(1.0);
  return doc;
}

std::shared_ptr<const TraceDocument> load_document(const std::string& path,
                                                   const csptrace::LoadOptions& options) {
  return read_document(path, options)->with_analysis(options.cancel);
}

}  // namespace cspview
