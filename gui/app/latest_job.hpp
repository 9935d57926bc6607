// Runs work off the GUI thread where only the newest run counts (KDAB hotspot's job tracker):
// run() cancels the run still going, if any; a run's work returns what to do with its result,
// and that is done on the GUI thread only if no newer run (or cancel()) came since, so a slow
// stale result never replaces a newer one and the window never waits for one.
//
// Lock contract: none needed. The GUI thread alone calls run(), cancel() and the destructor and
// runs the deliveries; a worker touches only its Run's flags and the shared generation counter,
// both atomic. The destructor cancels and joins every worker, so a delivery (which runs only
// while this object lives) may use its owner.
#pragma once

#include <QObject>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace cspview {

class LatestJob : public QObject {
  Q_OBJECT
 public:
  // What a run does on its thread: it watches `cancel` and returns the delivery (empty for
  // none). A csptrace::LoadCancelled it throws means "superseded": nothing is delivered.
  using Work = std::function<std::function<void()>(const std::atomic<bool>& cancel)>;

  explicit LatestJob(QObject* parent = nullptr);
  ~LatestJob() override;

  void run(Work work);
  void cancel();  // the running work stops soon and delivers nothing
  // A run is going whose delivery has not been made (or dropped) yet.
  bool running() const { return running_; }

 private:
  struct Run {
    std::atomic<bool> cancel{false};
    std::atomic<bool> done{false};
    std::thread thread;
  };
  void reap();  // joins the runs whose threads have finished, never waits for one

  bool running_ = false;
  std::vector<std::unique_ptr<Run>> runs_;
  std::shared_ptr<std::atomic<uint64_t>> current_;  // generation whose delivery counts
  uint64_t generation_ = 0;
};

}  // namespace cspview
