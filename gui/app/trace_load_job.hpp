// Loads traces off the GUI thread (the job tracker of KDAB hotspot): start() cancels the load
// still running, if any, and only the newest load ever reports back, so a slow stale load can
// never replace a newer document. Signals arrive on the GUI thread.
#pragma once

#include "trace_document.hpp"

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

namespace cspview {

class TraceLoadJob : public QObject {
  Q_OBJECT
 public:
  explicit TraceLoadJob(QObject* parent = nullptr);
  ~TraceLoadJob() override;  // cancels and joins every load still running

  void start(const QString& path);
  void cancel();  // the current load stops soon and reports cancelled()
  bool running() const { return running_; }

 signals:
  void progress(double fraction);
  // First the document without its analysis (draw it), then the same trace analysed.
  void loaded(std::shared_ptr<const cspview::TraceDocument> doc, const QString& path);
  void analysed(std::shared_ptr<const cspview::TraceDocument> doc, const QString& path);
  void failed(const QString& message, const QString& path);
  void cancelled(const QString& path);

 private:
  struct Load {
    uint64_t generation = 0;
    std::atomic<bool> cancel{false};
    std::atomic<bool> done{false};  // the thread has finished its work; join will not wait
    std::thread thread;
  };
  void reap();  // joins loads whose threads have finished, never waits for one

  uint64_t generation_ = 0;
  bool running_ = false;
  std::vector<std::unique_ptr<Load>> loads_;
  std::shared_ptr<std::atomic<uint64_t>> current_;  // generation whose results count
};

}  // namespace cspview
