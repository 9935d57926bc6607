// The main window following a trace as it is written (cspview --follow, File → Follow…), as
// Tracy's live capture does: live documents arrive from the load job; the timeline keeps the
// end in view (the whole run, or the user's zoom) until the user moves away, and "Follow the
// end" brings it back; the event list keeps its last row in view; the state panels show the
// state after the last event; the waits that have lasted long are findings, possible and not
// proven, and their time grows once a second while nothing new arrives. When the load returns
// the whole trace is opened as a normal open opens it, analysis and all.
//
// Everything here runs on the GUI thread; the live documents are immutable snapshots
// (live_trace.hpp), so nothing shown changes under the window's feet.
#include "main_window.hpp"

#include "count_text.hpp"
#include "search_bar.hpp"
#include "view_tabs.hpp"
#include "window_actions.hpp"

#include <csptrace/event_format.hpp>

#include <QDockWidget>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QStatusBar>
#include <QTimer>

#include <utility>

namespace cspview {

namespace {

// The wall-clock time an event was recorded: the trace's start plus its time (0 when the trace
// does not say when it started).
int64_t recorded_unix_ns(const csptrace::TraceModel& m, size_t event) {
  const int64_t start = m.header().start_unix_ns;
  return start ? start + m.time(event) : 0;
}

// The teaching views (sequence chart, network) derive their layout from the whole trace, so
// they follow a live trace while it is this small and they are shown; past it they show the
// trace as it was, until it ends.
constexpr size_t kLiveTeachingViewEvents = 200'000;

int64_t unix_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void MainWindow::choose_and_follow() {
  const QString path = choose_trace(QStringLiteral("Follow a trace being written"));
  if (!path.isEmpty()) follow_file(path);
}

void MainWindow::follow_file(const QString& path) {
  if (!follow_.ager) {
    follow_.ager = new QTimer(this);
    follow_.ager->setInterval(1000);
    connect(follow_.ager, &QTimer::timeout, this, [this] {
      if (follow_.active && follow_.live) show_live();
    });
    connect(loader_, &TraceLoadJob::live_ready, this, [this] {
      TraceLoadJob::Live live = loader_->take_live();
      if (!live.doc || !follow_.active) return;
      follow_.live = std::move(live.doc);
      follow_.live_at = std::chrono::steady_clock::now();
      const auto& m = follow_.live->model();
      const int64_t recorded = m.empty() ? 0 : recorded_unix_ns(m, m.size() - 1);
      follow_.behind_ns = live.caught_up || !recorded ? 0 : unix_now_ns() - recorded;
      show_live();
    });
    connect(timeline_, &TimelineWidget::view_changed, this,
            &MainWindow::on_view_moved_while_following);
    connect(actions_->follow_end, &QAction::triggered, this, &MainWindow::follow_the_end);
    connect(views_, &QTabWidget::currentChanged, this, [this] {
      if (follow_.active && doc_ && doc_->live_state() && views_->current_view() &&
          doc_->model().size() <= kLiveTeachingViewEvents)
        views_->set_document(doc_);
    });
    auto stopped = [this] {
      if (!follow_.active) return;
      forget_follow();
      update_follow_status();
    };
    connect(loader_, &TraceLoadJob::failed, this, stopped);
    connect(loader_, &TraceLoadJob::cancelled, this, stopped);
    // Fit all while following: the whole run so far, growing.
    connect(actions_->fit, &QAction::triggered, this, [this] {
      if (follow_.active) follow_.view = Follow::View::Fit;
      update_follow_status();
    });
  }
  if (!follow_.status) {
    follow_.status = new QLabel(this);
    statusBar()->addPermanentWidget(follow_.status);
  }
  forget_follow();
  follow_.active = true;
  path_ = path;
  setWindowTitle(QStringLiteral("cspview — %1 (following)").arg(QFileInfo(path).fileName()));
  actions_->follow_end->setVisible(true);
  follow_.ager->start();
  update_follow_status();
  reading_past_preview_ = false;  // a follow has no preview
  loader_->start_follow(path);
}

void MainWindow::forget_follow() {
  QTimer* ager = follow_.ager;
  QLabel* status = follow_.status;
  const int64_t long_wait = follow_.long_wait_ns;
  if (ager) ager->stop();
  follow_ = Follow{};
  follow_.ager = ager;
  follow_.status = status;
  follow_.long_wait_ns = long_wait;
  actions_->follow_end->setVisible(false);
}

void MainWindow::show_live() {
  const auto now = std::chrono::steady_clock::now();
  const auto& live = *follow_.live;
  const auto& m = live.model();
  // Trace time now: the last event's, plus the wall time since it arrived (a hung program
  // records nothing, and its waits go on lasting).
  const int64_t since =
      std::chrono::duration_cast<std::chrono::nanoseconds>(now - follow_.live_at).count();
  auto doc = live.with_long_waits(live.run().last + since, follow_.long_wait_ns);
  const bool first = !doc_ || !doc_->live_state() || follow_.docs == 0;
  // What the window does to show the document (relayout, rewidth) is not the user moving away.
  follow_.moving_view = true;
  const int current_finding = findings_->current();
  // The event list follows the end while its last row is in view, as the timeline does.
  const int rows_before = doc_ ? int(doc_->model().size()) : 0;
  const bool list_at_end = event_view_->top_row() + event_view_->visible_rows() >= rows_before;
  doc_ = doc;
  if (first) {
    statusBar()->clearMessage();  // "does not exist yet: waiting…" is over
    matches_.reset();
    search_job_->cancel();
    search_->clear();
    timeline_->set_document(doc_);
    views_->set_document(doc_);
    stepper_->set_document(doc_);
  } else {
    timeline_->set_document(doc_, true);
    if (views_->current_view() && m.size() <= kLiveTeachingViewEvents) views_->set_document(doc_);
  }
  events_->set_document(doc_);
  findings_->set_document(doc_);
  findings_dock_->setWindowTitle(
      QStringLiteral("Findings while following (%1)").arg(doc_->findings().size()));
  if (current_finding >= 0 && size_t(current_finding) < doc_->findings().size())
    select_finding(current_finding, false);
  ++follow_.docs;
  keep_end_in_view();
  on_cursor_moved();
  // The caption tells the newest step while the end is followed (no stepping until the end).
  if (follow_.view != Follow::View::Off && !m.empty()) timeline_->set_cursor(m.size() - 1);
  if (!m.empty()) {
    position_->setText(
        QStringLiteral("live: #%1   t = %2")
            .arg(m.seq(m.size() - 1))
            .arg(QString::fromStdString(csptrace::format_duration(doc_->run().last))));
    if (first || list_at_end) event_view_->scroll_to_row(int(m.size()) - 1);
  }
  follow_.moving_view = false;
  update_follow_status();
  emit live_shown();
}

void MainWindow::keep_end_in_view() {
  if (!doc_ || follow_.view == Follow::View::Off || doc_->model().empty()) return;
  const RunSpan& run = doc_->run();
  TimeScale s = timeline_->scale();
  if (follow_.view == Follow::View::Fit) {
    s = TimeScale::fit(double(run.first), double(run.last), s.width_px);
  } else {
    // The user's zoom, the newest event a little in from the right edge.
    s.start_ns = double(run.last) - 0.97 * s.width_px * s.ns_per_px;
  }
  const bool moving = std::exchange(follow_.moving_view, true);
  timeline_->set_scale(s, false);
  follow_.moving_view = moving;
}

void MainWindow::on_view_moved_while_following() {
  if (!follow_.active || follow_.moving_view || !doc_ || doc_->model().empty()) return;
  // The user zoomed or panned. With the end still in view the follow goes on at their zoom;
  // moved away from it, the view stays where they put it until "Follow the end".
  const TimeScale& s = timeline_->scale();
  const double end = double(doc_->run().last);
  const double slack = 0.05 * s.width_px * s.ns_per_px;
  follow_.view =
      s.end_ns() + slack >= end && s.start_ns <= end ? Follow::View::Width : Follow::View::Off;
  update_follow_status();
}

void MainWindow::follow_the_end() {
  if (!follow_.active) return;
  if (follow_.view == Follow::View::Off) follow_.view = Follow::View::Width;
  keep_end_in_view();
  if (doc_ && !doc_->model().empty()) event_view_->scroll_to_row(int(doc_->model().size()) - 1);
  update_follow_status();
}

void MainWindow::finish_follow(std::shared_ptr<const TraceDocument> doc, const QString& path) {
  follow_.active = false;
  follow_.ager->stop();
  follow_.live.reset();
  actions_->follow_end->setVisible(false);
  const auto& m = doc->model();
  follow_.end = !follow_.written ? Follow::End::NotWritten
                : m.complete()   ? Follow::End::Ended
                                 : Follow::End::WriterGone;
  // Moved away from the end: the user's view stays; else the trace opens as any open does.
  const bool keep_view = follow_.view == Follow::View::Off && follow_.docs > 0;
  const TimeScale view = timeline_->scale();
  show_document(std::move(doc), path);
  if (keep_view) timeline_->set_scale(view, false);
  update_follow_status();
  emit follow_finished();
}

void MainWindow::update_follow_status() {
  if (!follow_.status) return;
  const QString file = QFileInfo(path_).fileName();
  QString text;
  QString colour;
  if (follow_.active) {
    actions_->follow_end->setChecked(follow_.view != Follow::View::Off);
    const size_t n = doc_ && doc_->live_state() ? doc_->model().size() : 0;
    if (!follow_.live) {
      text = QStringLiteral("Following %1: waiting for events…").arg(file);
    } else {
      text = QStringLiteral("● Following %1: %2 events")
                 .arg(file, QString::fromStdString(count_text(n)));
      text += follow_.behind_ns > 0
                  ? QStringLiteral(", %1 behind the writer")
                        .arg(QString::fromStdString(csptrace::format_duration(follow_.behind_ns)))
                  : QStringLiteral(", up to date");
    }
    if (follow_.view == Follow::View::Off)
      text += QStringLiteral(" — not following the end (Ctrl+End follows it again)");
    colour = dark_ ? QStringLiteral("#7bd88f") : QStringLiteral("#1b7a2f");
  } else {
    switch (follow_.end) {
      case Follow::End::None: break;
      case Follow::End::Ended:
        text = QStringLiteral("Followed %1 to its end: the program finished writing it").arg(file);
        break;
      case Follow::End::WriterGone:
        text = QStringLiteral(
                   "%1: its writer went away before the trace's end (it died or was killed)")
                   .arg(file);
        colour = dark_ ? QStringLiteral("#ff8a80") : QStringLiteral("#b3261e");
        break;
      case Follow::End::NotWritten:
        text = QStringLiteral(
                   "%1 is not being written (no process has it open for writing): opened as it "
                   "is")
                   .arg(file);
        break;
    }
  }
  follow_.status->setText(text);
  follow_.status->setStyleSheet(colour.isEmpty() ? QString()
                                                 : QStringLiteral("color: %1;").arg(colour));
  follow_.status->setVisible(!text.isEmpty());
}

QJsonObject MainWindow::follow_json() const {
  static const char* const kEnds[] = {"", "ended", "writer-gone", "not-written"};
  static const char* const kViews[] = {"fit", "width", "off"};
  QJsonObject o;
  o[QStringLiteral("state")] = follow_.active
                                   ? QStringLiteral("following")
                                   : QString::fromLatin1(kEnds[static_cast<int>(follow_.end)]);
  o[QStringLiteral("view")] = QString::fromLatin1(kViews[static_cast<int>(follow_.view)]);
  o[QStringLiteral("live_documents")] = qint64(follow_.docs);
  o[QStringLiteral("status")] = follow_.status ? follow_.status->text() : QString();
  return o;
}

}  // namespace cspview
