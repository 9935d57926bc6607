#include "main_window.hpp"

#include "analysis_status.hpp"
#include "count_text.hpp"
#include "event_number.hpp"
#include "lecture_controller.hpp"
#include "search_bar.hpp"
#include "shortcuts_dialog.hpp"
#include "view_tabs.hpp"
#include "window_actions.hpp"

#include <csptrace/event_format.hpp>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTableView>

namespace cspview {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(QStringLiteral("cspview"));
  setAcceptDrops(true);
  timeline_ = new TimelineWidget(this);
  stepper_ = new StepController(this);
  loader_ = new TraceLoadJob(this);
  search_job_ = new SearchJob(this);
  focus_job_ = new LatestJob(this);
  actions_ = std::make_unique<WindowActions>(this);
  build_panels();
  lecture_ = new LectureController(*this);
  build_menus();
  build_toolbar();
  connect_actions();
  apply_theme();
  resize(1280, 800);

  connect(stepper_, &StepController::moved, this, &MainWindow::on_cursor_moved);
  connect(stepper_, &StepController::playing_changed, this, [this](bool on) {
    actions_->play->setText(on ? QStringLiteral("Pause") : QStringLiteral("Play"));
    actions_->set_icons(theme_, on);
  });
  connect(timeline_, &TimelineWidget::event_clicked, this, &MainWindow::on_event_clicked);
  connect(views_, &ViewTabs::event_clicked, this, &MainWindow::on_event_clicked);
  connect(timeline_, &TimelineWidget::jump_requested, this, &MainWindow::jump_to);
  connect(timeline_, &TimelineWidget::cursor_requested, this, [this](std::optional<size_t> e) {
    if (e)
      stepper_->seek_event(*e);
    else
      stepper_->to_start();
  });
  connect(timeline_, &TimelineWidget::view_changed, this, [this] {
    actions_->back->setEnabled(timeline_->can_back());
    actions_->forward->setEnabled(timeline_->can_forward());
  });
  connect(loader_, &TraceLoadJob::progress, this, [this](double f) {
    if (reading_past_preview_) {  // the preview stays in view
      analysis_status_->show_step(QStringLiteral("reading"), f);
      return;
    }
    if (!progress_) return;
    if (progress_->maximum() == 0) progress_->setRange(0, 1000);  // a wait is over
    progress_->setValue(int(f * 1000));
  });
  analysis_status_ = new AnalysisStatus(this);
  statusBar()->addPermanentWidget(analysis_status_);
  connect(loader_, &TraceLoadJob::analysis_progress, analysis_status_, &AnalysisStatus::show_step);
  connect(analysis_status_, &AnalysisStatus::stop_requested, loader_, &TraceLoadJob::cancel);
  connect(loader_, &TraceLoadJob::loaded, this,
          [this](std::shared_ptr<const TraceDocument> doc, const QString& path) {
            if (progress_) progress_->reset();
            reading_past_preview_ = false;
            if (following())
              finish_follow(std::move(doc), path);
            else
              show_document(std::move(doc), path);
          });
  connect(loader_, &TraceLoadJob::previewed, this,
          [this](std::shared_ptr<const TraceDocument> doc, const QString& path) {
            if (progress_) progress_->reset();  // the read goes on in the status bar
            show_document(std::move(doc), path);
            analysis_status_->start();
            reading_past_preview_ = true;
          });
  connect(loader_, &TraceLoadJob::analysed, this,
          [this](std::shared_ptr<const TraceDocument> doc, const QString&) {
            show_analysis(std::move(doc));
          });
  connect(loader_, &TraceLoadJob::failed, this, &MainWindow::on_load_failed);
  connect(loader_, &TraceLoadJob::notice, this, &MainWindow::on_load_notice);
  connect(loader_, &TraceLoadJob::cancelled, this, [this](const QString& path) {
    if (progress_) progress_->reset();
    reading_past_preview_ = false;
    analysis_status_->finish();
    if (doc_ && doc_->is_preview() && path == path_) {
      keep_preview_only(QStringLiteral("reading stopped; open the file again to read its events"));
      return;
    }
    if (doc_ && !doc_->has_analysis() && path == path_) {
      // Stopped after the first frame: the run stays shown, without states and findings.
      analysis_stopped_ = true;
      on_cursor_moved();
      findings_dock_->setWindowTitle(QStringLiteral("Findings (analysis stopped)"));
      statusBar()->showMessage(
          QStringLiteral("Analysis of %1 stopped: no states or findings; open it again to "
                         "analyse it")
              .arg(QFileInfo(path).fileName()));
      return;
    }
    statusBar()->showMessage(QStringLiteral("Loading %1 cancelled").arg(path), 5000);
  });
  connect(search_job_, &SearchJob::finished, this, &MainWindow::on_search_result);
  rebuild_recent_menu();
  on_cursor_moved();
}

MainWindow::~MainWindow() {
  // QWidget's destructor hides the docks after actions_ is gone: their visibility signals must
  // not reach the lambdas that retitle actions.
  disconnect(inspector_dock_, nullptr, this, nullptr);
}

void MainWindow::connect_actions() {
  const WindowActions& a = *actions_;
  connect(a.open, &QAction::triggered, this, &MainWindow::choose_and_open);
  connect(a.follow_file, &QAction::triggered, this, &MainWindow::choose_and_follow);
  connect(a.export_png, &QAction::triggered, this, [this] { choose_and_export(false); });
  connect(a.export_svg, &QAction::triggered, this, [this] { choose_and_export(true); });
  connect(a.export_perfetto, &QAction::triggered, this, &MainWindow::choose_and_export_perfetto);
  connect(a.compare, &QAction::triggered, this, &MainWindow::choose_and_compare);
  connect(a.quit, &QAction::triggered, this, &QWidget::close);
  connect(a.start, &QAction::triggered, stepper_, &StepController::to_start);
  connect(a.prev_rdv, &QAction::triggered, stepper_, &StepController::prev_rendezvous);
  connect(a.prev, &QAction::triggered, stepper_, &StepController::prev);
  connect(a.play, &QAction::triggered, this,
          [this] { stepper_->set_playing(!stepper_->playing()); });
  connect(a.next, &QAction::triggered, stepper_, &StepController::next);
  connect(a.next_rdv, &QAction::triggered, stepper_, &StepController::next_rendezvous);
  connect(a.end, &QAction::triggered, stepper_, &StepController::to_end);
  connect(a.fit, &QAction::triggered, timeline_, &TimelineWidget::fit_all);
  connect(a.zoom_in, &QAction::triggered, this, [this] { timeline_->zoom(2); });
  connect(a.zoom_out, &QAction::triggered, this, [this] { timeline_->zoom(0.5); });
  connect(a.back, &QAction::triggered, timeline_, &TimelineWidget::back);
  connect(a.forward, &QAction::triggered, timeline_, &TimelineWidget::forward);
  connect(a.next_finding, &QAction::triggered, this, &MainWindow::next_finding);
  connect(a.next_deviation, &QAction::triggered, this, [this] { step_deviation(true); });
  connect(a.prev_deviation, &QAction::triggered, this, [this] { step_deviation(false); });
  connect(a.waker, &QAction::triggered, this, &MainWindow::go_to_waker);
  connect(a.follow, &QAction::toggled, timeline_, &TimelineWidget::set_follow_cursor);
  connect(a.search, &QAction::triggered, this, [this] {
    if (!events_panel_->isVisible()) events_panel_->show();
    search_->focus_query();
  });
  connect(a.dark, &QAction::triggered, this, [this](bool on) { set_dark(on); });
  connect(a.presentation, &QAction::triggered, this, [this](bool on) { set_presentation(on); });
  connect(a.leave_presentation, &QAction::triggered, this, [this] { set_presentation(false); });
  connect(a.toggle_inspector, &QAction::triggered, this,
          [this] { inspector_dock_->setVisible(!inspector_dock_->isVisible()); });
  connect(a.shortcuts, &QAction::triggered, this, &MainWindow::show_shortcuts);
  connect(a.about, &QAction::triggered, this, [this] {
    QMessageBox::about(
        this, QStringLiteral("About cspview"),
        QStringLiteral("<b>cspview</b> — the cspscope trace viewer.<br>Record, replay and "
                       "debug CSP programs: processes and channels as lanes, stepping "
                       "through a run, deadlocks in red."));
  });
  connect(search_, &SearchBar::query_changed, this, &MainWindow::search);
  connect(search_, &SearchBar::step, this, &MainWindow::step_match);
  connect(search_, &SearchBar::only_matches_toggled, this, [this](bool on) {
    events_->set_rows(on ? matches_ : nullptr);
    on_cursor_moved();
  });
}

void MainWindow::show_document(std::shared_ptr<const TraceDocument> doc, const QString& path) {
  // The whole trace after its preview keeps the view the user may have moved meanwhile.
  const bool after_preview = doc_ && doc_->is_preview() && !doc->is_preview() && path == path_;
  doc_ = std::move(doc);
  analysis_stopped_ = false;
  path_ = path;
  matches_.reset();
  search_job_->cancel();
  search_->clear();
  setWindowTitle(QStringLiteral("cspview — %1").arg(QFileInfo(path).fileName()));
  timeline_->set_document(doc_, after_preview);
  views_->set_document(doc_);
  // A preview's events are still being read: the list waits for them.
  events_->set_document(doc_->is_preview() ? nullptr : doc_);
  event_view_->scroll_to_top();  // a new file starts at its top, not where the last one was
  only_interacting_->setChecked(false);
  // A trace cut short says so where it is seen, not only in the status bar.
  const auto& warnings = doc_->model().warnings();
  const QString warning = warnings.empty() ? QString() : QString::fromStdString(warnings.front());
  timeline_->set_warning(warning);
  findings_->set_warning(warning);
  if (remember_recent_) remember_recent(path);
  show_analysis(doc_);
}

void MainWindow::show_analysis(std::shared_ptr<const TraceDocument> doc) {
  if (doc.get() != doc_.get()) {
    if (!doc_ || &doc->model() != &doc_->model()) return;  // a stale result for another trace
    doc_ = std::move(doc);
    timeline_->set_document(doc_, true);
    views_->set_document(doc_);
    events_->set_document(doc_);
  }
  findings_->set_document(doc_);
  opening_ = true;
  stepper_->set_document(doc_);
  const auto& m = doc_->model();
  const size_t events = doc_->is_preview() ? doc_->preview_events() : m.size();
  QString status = events == 0 ? QStringLiteral("This trace has no events")
                               : QStringLiteral("%1 events, %2 processes, %3 channels")
                                     .arg(QString::fromStdString(count_text(events)),
                                          QString::fromStdString(count_text(m.processes().size())),
                                          QString::fromStdString(count_text(m.channels().size())));
  // What the file is, when it is not a whole run: a flight recorder's window, or a dump of a
  // program that was still running (the header says so; the time axis then starts there).
  if (!m.header().window.empty())
    status += QStringLiteral(" — ") + QString::fromStdString(m.header().window);
  else if (!m.header().snapshot.empty())
    status += QStringLiteral(" — a snapshot of a running program: ") +
              QString::fromStdString(m.header().snapshot);
  if (!m.warnings().empty())
    status += QStringLiteral(" — ") + QString::fromStdString(m.warnings().front());
  lecture_->load_for(path_);
  if (!lecture_->error().isEmpty()) status += QStringLiteral(" — ") + lecture_->error();
  if (doc_->is_preview()) {
    opening_ = false;
    findings_dock_->setWindowTitle(QStringLiteral("Findings (reading the events…)"));
    statusBar()->showMessage(status + QStringLiteral(" — reading the events: each lane shows "
                                                     "where it has events and how many"));
    update_stepping_enabled();
    return;
  }
  if (!doc_->has_analysis()) {
    opening_ = false;
    analysis_status_->start();
    findings_dock_->setWindowTitle(QStringLiteral("Findings (replaying…)"));
    statusBar()->showMessage(status + QStringLiteral(" — replaying the run…"));
    update_stepping_enabled();
    return;
  }
  analysis_status_->finish();
  findings_dock_->setWindowTitle(QStringLiteral("Findings (%1)").arg(doc_->findings().size()));
  // A hung program's problem shows at first glance: the first error is highlighted and the
  // cursor moves to it, so the panels show who waits on what (Home goes back to the start;
  // --at still wins, it is applied after this). The view stays on the whole run.
  const auto& fs = doc_->findings();
  const bool has_error = !fs.empty() && fs.front().severity == csptrace::Severity::Error;
  select_finding(has_error ? 0 : -1, false);
  if (has_error && fs.front().event < m.size()) stepper_->seek_event(fs.front().event);
  opening_ = false;
  if (compact_docks_) raise_main_dock();
  statusBar()->showMessage(status);
  update_stepping_enabled();
  emit document_shown();
}

void MainWindow::seek_event(size_t event) {
  if (!doc_ || doc_->model().empty()) return;
  stepper_->seek_event(std::min(event, doc_->model().size() - 1));
}

void MainWindow::jump_to(size_t event) {
  // A jump leaves a place the user may want back: Alt+← returns to it.
  timeline_->remember_place();
  stepper_->seek_event(event);
}

void MainWindow::select_finding(int f, bool jump) {
  findings_->show_finding(f);
  if (!doc_ || f < 0 || size_t(f) >= doc_->findings().size()) {
    timeline_->set_overlay({});
    return;
  }
  timeline_->set_overlay(doc_->overlay_for(size_t(f)));
  const auto& fd = doc_->findings()[size_t(f)];
  if (jump && fd.event < doc_->model().size()) jump_to(fd.event);
}

void MainWindow::next_finding() {
  if (!doc_ || doc_->findings().empty()) return;
  select_finding((findings_->current() + 1) % int(doc_->findings().size()));
}

void MainWindow::step_deviation(bool forward) {
  if (!doc_ || !stepper_->has_document()) return;
  if (auto e = doc_->deviations().next_event(stepper_->current_event(), forward))
    jump_to(*e);
  else
    statusBar()->showMessage(forward ? QStringLiteral("No scheduler deviation after the cursor.")
                                     : QStringLiteral("No scheduler deviation before the cursor."),
                             4000);
}

void MainWindow::go_to_waker() {
  if (!doc_ || !stepper_->current_event()) return;
  if (auto w = doc_->waker_of(*stepper_->current_event()))
    jump_to(*w);
  else
    statusBar()->showMessage(
        QStringLiteral("The event at the cursor is not a wake (resume / unblock)."), 4000);
}

void MainWindow::follow_link(const TextPiece& target) {
  if (!doc_) return;
  const auto& m = doc_->model();
  switch (target.kind) {
    case TextPiece::Kind::Event:
      if (target.target < m.size()) jump_to(target.target);
      break;
    case TextPiece::Kind::Process: {
      // Where the process matters: the park of its wait that never ends, else its exit, else
      // its spawn.
      if (target.target >= m.processes().size()) return;
      size_t e = m.processes()[target.target].exit_event != csptrace::kNone
                     ? m.processes()[target.target].exit_event
                     : m.processes()[target.target].spawn_event;
      for (const StuckWait& w : doc_->stuck())
        if (w.proc == target.target && w.park_event != csptrace::kNone) e = w.park_event;
      jump_to(e);
      break;
    }
    case TextPiece::Kind::Channel: {
      // Its last event: what happened to it last (a close, the last hand-over).
      if (target.target >= m.channels().size()) return;
      const auto lane = doc_->lanes().channel_events(uint32_t(target.target));
      if (!lane.empty()) jump_to(*std::max_element(lane.begin(), lane.end()));
      break;
    }
    case TextPiece::Kind::Text: break;
  }
}

void MainWindow::on_event_clicked(size_t event) {
  stepper_->seek_event(event);
  update_lane_focus();
}

void MainWindow::update_lane_focus() {
  std::optional<uint32_t> focus;
  if (only_interacting_->isChecked() && doc_) {
    if (auto e = stepper_->current_event()) {
      const auto& m = doc_->model();
      const uint32_t p = m.proc_index(*e) != csptrace::kNone ? m.proc_index(*e) : m.from_index(*e);
      if (p != csptrace::kNone) focus = p;
    }
  }
  if (focus == timeline_->focus_process() || !focus) {
    focus_job_->cancel();
    focus_pending_.reset();
    timeline_->set_focus_process(focus, nullptr);
    return;
  }
  if (focus_job_->running() && focus_pending_ == focus) return;  // on its way
  // A pass over the events: 0.8 s at 100 M, so off the GUI thread; the lanes change when done.
  focus_pending_ = focus;
  focus_job_->run([this, doc = doc_, p = *focus](const std::atomic<bool>& cancel) {
    auto in = std::make_shared<const Interactions>(interactions_of(doc->model(), p, &cancel));
    return std::function<void()>([this, doc, p, in] {
      focus_pending_.reset();
      if (doc_ && &doc_->model() == &doc->model()) timeline_->set_focus_process(p, in);
    });
  });
}

void MainWindow::update_stepping_enabled() {
  const bool has = doc_ != nullptr;
  for (QAction* a : actions_->need_trace()) a->setEnabled(has);
  // Stepping needs the replay: while it still runs in the background the controls say so.
  const bool can_step =
      has && stepper_->has_document() && !doc_->model().empty() && !doc_->is_preview();
  for (QAction* a : actions_->stepping()) a->setEnabled(can_step);
  actions_->waker->setEnabled(can_step);
  // A run that kept to running in order has nowhere to step to: the actions are greyed out.
  for (QAction* a : {actions_->next_deviation, actions_->prev_deviation})
    a->setEnabled(can_step && !doc_->deviations().empty());
  actions_->next_finding->setEnabled(has && !doc_->findings().empty());
}

void MainWindow::on_cursor_moved() {
  const auto ev = stepper_->current_event();
  timeline_->set_cursor(ev, !opening_);
  timeline_->set_selected(ev);
  views_->set_cursor(ev, stepper_->state());
  update_stepping_enabled();
  if (!doc_) {
    position_->setText(QStringLiteral("no trace"));
    return;
  }
  const auto& m = doc_->model();
  if (m.empty()) {
    position_->setText(QStringLiteral("empty trace: no events"));
  } else if (ev) {
    // The numbers csptrace prints: this event's and the last one's.
    position_->setText(QStringLiteral("event #%1 / #%2   t = %3")
                           .arg(m.seq(*ev))
                           .arg(m.seq(m.size() - 1))
                           .arg(QString::fromStdString(csptrace::format_duration(m.time(*ev)))));
  } else {
    position_->setText(QStringLiteral("start: before #%1").arg(m.seq(0)));
  }
  if (const auto* st = stepper_->state()) {
    proc_state_->set_state(doc_, *st);
    chan_state_->set_state(doc_, *st);
    if (ev)
      inspector_->show_event(*doc_, *ev, *st);
    else
      inspector_->show_text(
          m.empty() ? QStringLiteral("<p>This trace has no events.</p>")
                    : QStringLiteral(
                          "<p>The cursor is before the first event. Step forward with →.</p>"));
  } else if (const auto* live = doc_->live_state()) {  // following: the state at the end
    proc_state_->set_state(doc_, *live);
    chan_state_->set_state(doc_, *live);
    inspector_->show_text(
        QStringLiteral("<p>Following the trace as it is written: the panels show the state after "
                       "the last event. Stepping starts when the trace ends.</p>"));
  } else {  // still replaying: no states yet, and none of the previous trace
    proc_state_->set_state(doc_, {});
    chan_state_->set_state(doc_, {});
    inspector_->show_text(
        analysis_stopped_
            ? QStringLiteral("<p>The analysis was stopped: no states, stepping or findings. Open "
                             "the file again (File → Open Recent) to analyse it.</p>")
        : doc_->is_preview()
            ? QStringLiteral("<p>A preview: the events are not read yet, so there is no state "
                             "to show.</p>")
            : QStringLiteral("<p>Replaying the run…</p>"));
  }
  // The event list follows the cursor (and moving in the list moves the cursor).
  if (ev) {
    if (auto row = events_->row_of_event(*ev)) {
      event_view_->set_current_row(
          *row);  // quiet: the list follows, it does not move the cursor back
    } else {
      event_view_->clear_current();
    }
  } else {
    event_view_->clear_current();
    event_view_->scroll_to_top();
  }
  if (matches_)
    search_->show_count(matches_->events.size(), [&]() -> std::optional<size_t> {
      if (!ev) return std::nullopt;
      auto it = std::lower_bound(matches_->events.begin(), matches_->events.end(), uint32_t(*ev));
      if (it == matches_->events.end() || *it != *ev) return std::nullopt;
      return size_t(it - matches_->events.begin());
    }());
}

void MainWindow::search(const QString& query) {
  if (!doc_ || query.trimmed().isEmpty()) {
    search_job_->cancel();
    on_search_result(nullptr);
    return;
  }
  search_->show_searching();
  search_job_->start(doc_, query.trimmed());
}

void MainWindow::on_search_result(std::shared_ptr<const SearchResult> result) {
  matches_ = std::move(result);
  timeline_->set_matches(matches_);
  if (search_->only_matches()) events_->set_rows(matches_);
  search_->show_count(matches_ ? matches_->events.size() : 0, std::nullopt);
  on_cursor_moved();
  if (step_when_searched_) {
    step_when_searched_ = false;
    step_match(forward_when_searched_);
  }
  emit search_done();
}

void MainWindow::step_match(bool forward) {
  if (search_job_->running()) {  // Enter before the result: step when it is in
    step_when_searched_ = true;
    forward_when_searched_ = forward;
    return;
  }
  if (!matches_ || !stepper_->has_document()) return;
  if (auto e = next_match(*matches_, stepper_->current_event(), forward)) stepper_->seek_event(*e);
}

void MainWindow::show_shortcuts() { show_shortcuts_dialog(this, QWidget::actions()); }

}  // namespace cspview
