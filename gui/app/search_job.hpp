// Runs event searches off the GUI thread (search_events over millions of events takes a few
// hundred milliseconds): start() cancels the search still running, and only the newest one
// reports back, on the GUI thread, so typing never freezes the window and a stale result never
// replaces a newer one.
#pragma once

#include "event_search.hpp"
#include "trace_document.hpp"

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

namespace cspview {

class SearchJob : public QObject {
  Q_OBJECT
 public:
  explicit SearchJob(QObject* parent = nullptr);
  ~SearchJob() override;  // cancels and joins every search still running

  void start(std::shared_ptr<const TraceDocument> doc, const QString& query);
  void cancel();
  bool running() const { return running_; }

 signals:
  void finished(std::shared_ptr<const cspview::SearchResult> result);

 private:
  struct Run {
    std::atomic<bool> cancel{false};
    std::atomic<bool> done{false};
    std::thread thread;
  };
  void reap();

  bool running_ = false;
  std::vector<std::unique_ptr<Run>> runs_;
  std::shared_ptr<std::atomic<uint64_t>> current_;
  uint64_t generation_ = 0;
};

}  // namespace cspview
