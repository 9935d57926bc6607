// Loads traces off the GUI thread (the job tracker of KDAB hotspot): start() cancels the load
// still running, if any, and only the newest load ever reports back, so a slow stale load can
// never replace a newer document. Signals arrive on the GUI thread.
//
// start_follow() follows a trace that is still being written (trace_follow.cpp): live documents
// arrive while the writer writes, then loaded() and analysed() as for start() when the load
// returns (the trace's end, or the writer gone).
#pragma once

#include "trace_document.hpp"

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace cspview {

class TraceLoadJob : public QObject {
  Q_OBJECT
 public:
  explicit TraceLoadJob(QObject* parent = nullptr);
  ~TraceLoadJob() override;  // cancels and joins every load still running

  // Reads the trace, after a preview when it is big (previewed(), then loaded()).
  void start(const QString& path);
  // Follows `path` as it is written; a live document is offered at most every refresh
  // interval and whenever the writer pauses (take_live() has the newest).
  void start_follow(const QString& path);
  void cancel();  // the current load stops soon and reports cancelled()
  bool running() const { return running_; }
  // A live document, and whether the follower had read all there was when it made it (the
  // writer had paused) rather than being in the middle of what was written.
  struct Live {
    std::shared_ptr<const TraceDocument> doc;
    bool caught_up = false;
  };
  // The newest live document not yet taken (doc null if none): live_ready() says one is
  // there. The mailbox holds one document, so a GUI thread that falls behind skips documents
  // rather than queueing them.
  Live take_live();

 signals:
  void progress(double fraction);
  // The analysis after loaded(): its step ("replaying", "judging") and how far (0..1, or < 0
  // when that is unknown). cancel() stops it too (cancelled()); the document stays shown.
  void analysis_progress(const QString& step, double fraction);
  // A big trace's preview (worth_preview, preview_document), before loaded(): its lanes and
  // where they have events, drawn while the whole trace is read.
  void previewed(std::shared_ptr<const cspview::TraceDocument> doc, const QString& path);
  // First the document without its analysis (draw it), then the same trace analysed.
  void loaded(std::shared_ptr<const cspview::TraceDocument> doc, const QString& path);
  void analysed(std::shared_ptr<const cspview::TraceDocument> doc, const QString& path);
  void failed(const QString& message, const QString& path);
  void cancelled(const QString& path);
  // Following: a live document is in the mailbox. Any load: a notice for the user while the
  // reader waits (a named pipe with no writer yet; following: the file does not exist yet, or
  // nobody writes it).
  void live_ready(const QString& path);
  void notice(const QString& text, const QString& path);

 private:
  struct Load {
    uint64_t generation = 0;
    std::atomic<bool> cancel{false};
    std::atomic<bool> done{false};  // the thread has finished its work; join will not wait
    std::thread thread;
  };
  // Runs fn(job) on the GUI thread if the load that posts it is still the current one.
  using Post = std::function<void(std::function<void(TraceLoadJob*)>)>;
  void reap();  // joins loads whose threads have finished, never waits for one
  // Starts a load running body on its own thread; the body reports through post.
  void launch(std::function<void(Load&, const Post&)> body);
  // The body of a follow (trace_follow.cpp).
  void follow(const std::string& file, const QString& path, Load& load, const Post& post);
  // Runs work and reports LoadCancelled as cancelled(), any other exception as failed().
  static void guarded(const QString& path, const Post& post, const std::function<void()>& work);
  // Posts the document, analyses it and posts that: the end of every load.
  static void finish(std::shared_ptr<const TraceDocument> doc, const QString& path, Load& load,
                     const Post& post);

  static constexpr double kPreviewShare = 0.3;  // of the progress bar: the preview's read
  uint64_t generation_ = 0;
  bool running_ = false;
  std::vector<std::unique_ptr<Load>> loads_;
  std::shared_ptr<std::atomic<uint64_t>> current_;  // generation whose results count
  std::mutex live_lock_;                            // guards live_
  Live live_;
};

}  // namespace cspview
