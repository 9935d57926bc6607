#include "latest_job.hpp"

#include <csptrace/trace_error.hpp>

#include <QMetaObject>
#include <QPointer>

namespace cspview {

LatestJob::LatestJob(QObject* parent)
    : QObject(parent), current_(std::make_shared<std::atomic<uint64_t>>(0)) {}

LatestJob::~LatestJob() {
  current_->store(0);
  for (auto& r : runs_) r->cancel = true;
  for (auto& r : runs_)
    if (r->thread.joinable()) r->thread.join();
}

void LatestJob::cancel() {
  for (auto& r : runs_) r->cancel = true;
  current_->store(0);
  running_ = false;
}

void LatestJob::reap() {
  std::erase_if(runs_, [](const std::unique_ptr<Run>& r) {
    if (!r->done) return false;
    r->thread.join();
    return true;
  });
}

void LatestJob::run(Work work) {
  cancel();
  reap();
  const uint64_t gen = ++generation_;
  current_->store(gen);
  running_ = true;
  auto run = std::make_unique<Run>();
  Run* raw = run.get();
  QPointer<LatestJob> self(this);
  auto current = current_;
  raw->thread = std::thread([raw, self, current, gen, work = std::move(work)]() {
    try {
      std::function<void()> deliver = work(raw->cancel);
      if (self)
        QMetaObject::invokeMethod(
            self.data(),
            [self, current, gen, deliver = std::move(deliver)]() {
              if (!self || current->load() != gen) return;  // superseded
              self->running_ = false;
              if (deliver) deliver();
            },
            Qt::QueuedConnection);
    } catch (const csptrace::LoadCancelled&) {
      // A newer run replaced it; nothing to report.
    }
    raw->done = true;
  });
  runs_.push_back(std::move(run));
}

}  // namespace cspview
