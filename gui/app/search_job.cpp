#include "search_job.hpp"

#include <csptrace/trace_error.hpp>

#include <QMetaObject>
#include <QPointer>

namespace cspview {

SearchJob::SearchJob(QObject* parent)
    : QObject(parent), current_(std::make_shared<std::atomic<uint64_t>>(0)) {}

SearchJob::~SearchJob() {
  current_->store(0);
  for (auto& r : runs_) r->cancel = true;
  for (auto& r : runs_)
    if (r->thread.joinable()) r->thread.join();
}

void SearchJob::cancel() {
  for (auto& r : runs_) r->cancel = true;
  current_->store(0);
  running_ = false;
}

void SearchJob::reap() {
  std::erase_if(runs_, [](const std::unique_ptr<Run>& r) {
    if (!r->done) return false;
    r->thread.join();
    return true;
  });
}

void SearchJob::start(std::shared_ptr<const TraceDocument> doc, const QString& query) {
  cancel();
  reap();
  if (!doc) return;
  const uint64_t gen = ++generation_;
  current_->store(gen);
  running_ = true;
  auto run = std::make_unique<Run>();
  Run* raw = run.get();
  QPointer<SearchJob> self(this);
  auto current = current_;
  raw->thread =
      std::thread([raw, self, current, gen, doc = std::move(doc), q = query.toStdString()]() {
        try {
          auto result = std::make_shared<const SearchResult>(search_events(*doc, q, &raw->cancel));
          if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self, current, gen, result]() {
                  if (!self || current->load() != gen) return;  // superseded
                  self->running_ = false;
                  emit self->finished(result);
                },
                Qt::QueuedConnection);
        } catch (const csptrace::LoadCancelled&) {
          // A newer search replaced it; nothing to report.
        }
        raw->done = true;
      });
  runs_.push_back(std::move(run));
}

}  // namespace cspview
