#include "search_job.hpp"

namespace cspview {

void SearchJob::start(std::shared_ptr<const TraceDocument> doc, const QString& query) {
  if (!doc) {
    job_->cancel();
    return;
  }
  job_->run([this, doc = std::move(doc), q = query.toStdString()](const std::atomic<bool>& cancel) {
    auto result = std::make_shared<const SearchResult>(search_events(*doc, q, &cancel));
    return std::function<void()>([this, result] { emit finished(result); });
  });
}

}  // namespace cspview
