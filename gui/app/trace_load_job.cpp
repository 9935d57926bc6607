#include "trace_load_job.hpp"

#include <csptrace/trace_error.hpp>

#include <QMetaObject>
#include <QPointer>

namespace cspview {

TraceLoadJob::TraceLoadJob(QObject* parent)
    : QObject(parent), current_(std::make_shared<std::atomic<uint64_t>>(0)) {}

TraceLoadJob::~TraceLoadJob() {
  current_->store(0);
  for (auto& l : loads_) l->cancel = true;
  for (auto& l : loads_)
    if (l->thread.joinable()) l->thread.join();
}

void TraceLoadJob::cancel() {
  for (auto& l : loads_) l->cancel = true;
}

void TraceLoadJob::reap() {
  std::erase_if(loads_, [](const std::unique_ptr<Load>& l) {
    if (!l->done) return false;
    l->thread.join();
    return true;
  });
}

void TraceLoadJob::start(const QString& path) {
  cancel();
  running_ = false;
  reap();
  auto load = std::make_unique<Load>();
  load->generation = ++generation_;
  current_->store(load->generation);
  running_ = true;
  Load* raw = load.get();
  QPointer<TraceLoadJob> self(this);
  auto current = current_;
  const std::string file = path.toStdString();
  // Results are posted to the GUI thread and dropped there unless this load is still the
  // current one; `current` outlives the job, `self` turns null when the job is gone.
  auto post = [self, current, gen = raw->generation](auto fn) {
    if (!self) return;
    QMetaObject::invokeMethod(
        self.data(),
        [self, current, gen, fn]() {
          if (self && current->load() == gen) fn(self.data());
        },
        Qt::QueuedConnection);
  };
  raw->thread = std::thread([raw, file, path, post]() {
    csptrace::LoadOptions opts;
    opts.cancel = &raw->cancel;
    double last = -1;
    opts.progress = [&](double f) {
      if (f - last < 0.01 && f < 1) return;
      last = f;
      post([f](TraceLoadJob* j) { emit j->progress(f); });
    };
    try {
      auto doc = read_document(file, opts);
      post([doc, path](TraceLoadJob* j) { emit j->loaded(doc, path); });
      auto analysed = doc->with_analysis(&raw->cancel);
      post([analysed, path](TraceLoadJob* j) {
        j->running_ = false;
        emit j->analysed(analysed, path);
      });
    } catch (const csptrace::LoadCancelled&) {
      post([path](TraceLoadJob* j) {
        j->running_ = false;
        emit j->cancelled(path);
      });
    } catch (const std::exception& e) {
      post([msg = QString::fromStdString(e.what()), path](TraceLoadJob* j) {
        j->running_ = false;
        emit j->failed(msg, path);
      });
    }
    raw->done = true;
  });
  loads_.push_back(std::move(load));
}

}  // namespace cspview
