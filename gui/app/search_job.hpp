// Runs event searches off the GUI thread (search_events over millions of events takes a few
// hundred milliseconds): start() cancels the search still running, and only the newest one
// reports back, on the GUI thread (LatestJob), so typing never freezes the window and a stale
// result never replaces a newer one.
#pragma once

#include "event_search.hpp"
#include "latest_job.hpp"
#include "trace_document.hpp"

#include <QObject>
#include <QString>

#include <memory>

namespace cspview {

class SearchJob : public QObject {
  Q_OBJECT
 public:
  explicit SearchJob(QObject* parent = nullptr) : QObject(parent), job_(new LatestJob(this)) {}

  void start(std::shared_ptr<const TraceDocument> doc, const QString& query);
  void cancel() { job_->cancel(); }
  bool running() const { return job_->running(); }

 signals:
  void finished(std::shared_ptr<const cspview::SearchResult> result);

 private:
  LatestJob* job_;  // a child: deleted, and its searches joined, before this object's members
};

}  // namespace cspview
