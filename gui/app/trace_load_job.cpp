#include "trace_load_job.hpp"

#include <csptrace/trace_error.hpp>

#include <QMetaObject>
#include <QPointer>

#include <string>
#include <utility>

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

TraceLoadJob::Live TraceLoadJob::take_live() {
  std::lock_guard<std::mutex> lock(live_lock_);
  return std::exchange(live_, Live{});
}

void TraceLoadJob::launch(std::function<void(Load&, const Post&)> body) {
  cancel();
  running_ = false;
  reap();
  {
    std::lock_guard<std::mutex> lock(live_lock_);
    live_ = {};
  }
  auto load = std::make_unique<Load>();
  load->generation = ++generation_;
  current_->store(load->generation);
  running_ = true;
  Load* raw = load.get();
  QPointer<TraceLoadJob> self(this);
  auto current = current_;
  // Results are posted to the GUI thread and dropped there unless this load is still the
  // current one; `current` outlives the job, `self` turns null when the job is gone.
  Post post = [self, current, gen = raw->generation](std::function<void(TraceLoadJob*)> fn) {
    if (!self) return;
    QMetaObject::invokeMethod(
        self.data(),
        [self, current, gen, fn]() {
          if (self && current->load() == gen) fn(self.data());
        },
        Qt::QueuedConnection);
  };
  raw->thread = std::thread([raw, body = std::move(body), post]() {
    body(*raw, post);
    raw->done = true;
  });
  loads_.push_back(std::move(load));
}

void TraceLoadJob::finish(std::shared_ptr<const TraceDocument> doc, const QString& path, Load& load,
                          const Post& post) {
  post([doc, path](TraceLoadJob* j) { emit j->loaded(doc, path); });
  std::string last_step;
  double last = -1;
  auto analysed = doc->with_analysis(&load.cancel, [&](const char* step, double f) {
    if (step == last_step && f >= 0 && f - last < 0.01 && f < 1) return;
    last_step = step;
    last = f;
    post([s = QString::fromUtf8(step), f](TraceLoadJob* j) { emit j->analysis_progress(s, f); });
  });
  post([analysed, path](TraceLoadJob* j) {
    j->running_ = false;
    emit j->analysed(analysed, path);
  });
}

void TraceLoadJob::guarded(const QString& path, const Post& post,
                           const std::function<void()>& work) {
  try {
    work();
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
}

void TraceLoadJob::start(const QString& path) {
  launch([file = path.toStdString(), path](Load& load, const Post& post) {
    csptrace::LoadOptions opts;
    opts.cancel = &load.cancel;
    // A big trace is read twice: a preview first (about a third of the time, shown at once), then
    // the whole trace; the progress bar runs once over both.
    const bool preview = worth_preview(file);
    double from = 0, share = 1, last = -1;
    opts.progress = [&](double f) {
      f = from + share * f;
      if (f - last < 0.01 && f < 1) return;
      last = f;
      post([f](TraceLoadJob* j) { emit j->progress(f); });
    };
    // What the reader says while it waits (a named pipe with no writer yet).
    opts.notice = [&post, path](const std::string& text) {
      post([t = QString::fromStdString(text), path](TraceLoadJob* j) { emit j->notice(t, path); });
    };
    guarded(path, post, [&] {
      if (preview) {
        share = kPreviewShare;
        try {
          auto doc = preview_document(file, opts);
          post([doc, path](TraceLoadJob* j) { emit j->previewed(doc, path); });
        } catch (const csptrace::TraceError&) {
          // The read that follows reports it, with the first bad event of the whole trace
          // (the preview checks only the events that declare lanes).
        }
        from = kPreviewShare;
        share = 1 - kPreviewShare;
      }
      finish(read_document(file, opts), path, load, post);
    });
  });
}

void TraceLoadJob::start_follow(const QString& path) {
  launch([this, file = path.toStdString(), path](Load& load, const Post& post) {
    follow(file, path, load, post);
  });
}

}  // namespace cspview
