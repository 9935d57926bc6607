#include "main_window.hpp"

#include "shortcuts_dialog.hpp"
#include "window_actions.hpp"
#include "perfetto_export.hpp"
#include "timeline_export.hpp"

#include <csptrace/event_format.hpp>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

namespace cspview {

namespace {

constexpr int kMaxRecent = 8;

QTableView* make_table(QAbstractItemModel* model, QWidget* parent) {
  auto* v = new QTableView(parent);
  v->setModel(model);
  v->setSelectionBehavior(QAbstractItemView::SelectRows);
  v->setSelectionMode(QAbstractItemView::SingleSelection);
  v->setAlternatingRowColors(true);
  v->setWordWrap(false);
  v->verticalHeader()->hide();
  v->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  v->verticalHeader()->setDefaultSectionSize(v->fontMetrics().height() + 6);
  v->horizontalHeader()->setStretchLastSection(true);
  v->horizontalHeader()->setHighlightSections(false);
  return v;
}

QString load_error_text(const QString& message) {
  return QStringLiteral("%1\n\nCheck the file with `csptrace validate FILE`; the trace format is "
                        "described in docs/trace-format.md.")
      .arg(message);
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(QStringLiteral("cspview"));
  setAcceptDrops(true);
  timeline_ = new TimelineWidget(this);
  stepper_ = new StepController(this);
  loader_ = new TraceLoadJob(this);
  actions_ = std::make_unique<WindowActions>(this);
  connect_actions();
  build_panels();
  build_menus();
  build_toolbar();
  apply_theme();
  resize(1280, 800);

  connect(stepper_, &StepController::moved, this, &MainWindow::on_cursor_moved);
  connect(stepper_, &StepController::playing_changed, this, [this](bool on) {
    actions_->play->setText(on ? QStringLiteral("Pause") : QStringLiteral("Play"));
    actions_->play->setIcon(style()->standardIcon(on ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  });
  connect(timeline_, &TimelineWidget::event_clicked, this, &MainWindow::on_event_clicked);
  connect(timeline_, &TimelineWidget::view_changed, this, [this] {
    actions_->back->setEnabled(timeline_->can_back());
    actions_->forward->setEnabled(timeline_->can_forward());
  });
  connect(loader_, &TraceLoadJob::progress, this, [this](double f) {
    if (progress_) progress_->setValue(int(f * 1000));
  });
  connect(loader_, &TraceLoadJob::loaded, this, [this](std::shared_ptr<const TraceDocument> doc, const QString& path) {
    if (progress_) progress_->reset();
    show_document(std::move(doc), path);
  });
  connect(loader_, &TraceLoadJob::analysed, this,
          [this](std::shared_ptr<const TraceDocument> doc, const QString&) { show_analysis(std::move(doc)); });
  connect(loader_, &TraceLoadJob::failed, this, &MainWindow::on_load_failed);
  connect(loader_, &TraceLoadJob::cancelled, this, [this](const QString& path) {
    if (progress_) progress_->reset();
    statusBar()->showMessage(QStringLiteral("Loading %1 cancelled").arg(path), 5000);
  });
  rebuild_recent_menu();
  on_cursor_moved();
}

MainWindow::~MainWindow() = default;

void MainWindow::connect_actions() {
  const WindowActions& a = *actions_;
  connect(a.open, &QAction::triggered, this, &MainWindow::choose_and_open);
  connect(a.export_png, &QAction::triggered, this, [this] { choose_and_export(false); });
  connect(a.export_svg, &QAction::triggered, this, [this] { choose_and_export(true); });
  connect(a.export_perfetto, &QAction::triggered, this, &MainWindow::choose_and_export_perfetto);
  connect(a.quit, &QAction::triggered, this, &QWidget::close);
  connect(a.start, &QAction::triggered, stepper_, &StepController::to_start);
  connect(a.prev_rdv, &QAction::triggered, stepper_, &StepController::prev_rendezvous);
  connect(a.prev, &QAction::triggered, stepper_, &StepController::prev);
  connect(a.play, &QAction::triggered, this, [this] { stepper_->set_playing(!stepper_->playing()); });
  connect(a.next, &QAction::triggered, stepper_, &StepController::next);
  connect(a.next_rdv, &QAction::triggered, stepper_, &StepController::next_rendezvous);
  connect(a.end, &QAction::triggered, stepper_, &StepController::to_end);
  connect(a.fit, &QAction::triggered, timeline_, &TimelineWidget::fit_all);
  connect(a.zoom_in, &QAction::triggered, this, [this] { timeline_->zoom(2); });
  connect(a.zoom_out, &QAction::triggered, this, [this] { timeline_->zoom(0.5); });
  connect(a.back, &QAction::triggered, timeline_, &TimelineWidget::back);
  connect(a.forward, &QAction::triggered, timeline_, &TimelineWidget::forward);
  connect(a.next_finding, &QAction::triggered, this, &MainWindow::next_finding);
  connect(a.waker, &QAction::triggered, this, [this] {
    if (!doc_ || !stepper_->event()) return;
    if (auto w = doc_->waker_of(*stepper_->event())) stepper_->seek_event(*w);
    else statusBar()->showMessage(QStringLiteral("The event at the cursor is not a wake (resume / unblock)."), 4000);
  });
  connect(a.dark, &QAction::triggered, this, [this](bool on) { set_dark(on); });
  connect(a.presentation, &QAction::triggered, this, [this](bool on) { set_presentation(on); });
  connect(a.shortcuts, &QAction::triggered, this, &MainWindow::show_shortcuts);
  connect(a.about, &QAction::triggered, this, [this] {
    QMessageBox::about(this, QStringLiteral("About cspview"),
                       QStringLiteral("<b>cspview</b> — the cspscope trace viewer.<br>Record, replay and "
                                      "debug CSP programs: processes and channels as lanes, stepping "
                                      "through a run, deadlocks in red."));
  });
}

void MainWindow::build_menus() {
  actions_->fill_menus(menuBar(), {findings_dock_->toggleViewAction(), state_dock_->toggleViewAction(),
                                   inspector_dock_->toggleViewAction()});
  recent_menu_ = menuBar()->findChild<QMenu*>(QStringLiteral("recent"));
}

void MainWindow::build_toolbar() {
  QToolBar* tb = toolbar_ = addToolBar(QStringLiteral("Stepping"));
  tb->setObjectName(QStringLiteral("stepping"));
  tb->setMovable(false);
  tb->addAction(actions_->open);
  tb->addSeparator();
  tb->addActions(actions_->stepping());
  speed_ = new QComboBox(tb);
  for (double s : {0.5, 1.0, 2.0, 5.0, 10.0, 50.0, 250.0})
    speed_->addItem(QStringLiteral("%1 ev/s").arg(s), s);
  speed_->setCurrentIndex(2);
  speed_->setToolTip(QStringLiteral("Play speed, events per second"));
  connect(speed_, &QComboBox::currentIndexChanged, this,
          [this](int i) { stepper_->set_speed(speed_->itemData(i).toDouble()); });
  tb->addWidget(speed_);
  tb->addAction(actions_->next_finding);
  tb->addSeparator();
  position_ = new QLabel(tb);
  position_->setMinimumWidth(230);
  position_->setContentsMargins(8, 0, 8, 0);
  tb->addWidget(position_);
  tb->addSeparator();
  tb->addActions(actions_->view_moves());
  tb->addSeparator();
  lane_filter_ = new QLineEdit(tb);
  lane_filter_->setPlaceholderText(QStringLiteral("filter lanes…"));
  lane_filter_->setClearButtonEnabled(true);
  lane_filter_->setMinimumWidth(120);
  lane_filter_->setMaximumWidth(170);
  connect(lane_filter_, &QLineEdit::textChanged, timeline_, &TimelineWidget::set_name_filter);
  tb->addWidget(lane_filter_);
  only_interacting_ = new QCheckBox(QStringLiteral("only with selected"), tb);
  only_interacting_->setToolTip(QStringLiteral("Show only the lanes that interact with the process of the selected event"));
  connect(only_interacting_, &QCheckBox::toggled, this, [this] { update_lane_focus(); });
  tb->addWidget(only_interacting_);
}

void MainWindow::build_panels() {
  // Centre: timeline above the event list.
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(timeline_);
  events_panel_ = new QWidget(split);
  auto* ev_layout = new QVBoxLayout(events_panel_);
  ev_layout->setContentsMargins(0, 0, 0, 0);
  ev_layout->setSpacing(2);
  event_filter_ = new QLineEdit(events_panel_);
  event_filter_->setPlaceholderText(QStringLiteral("filter events: kind, process, channel, value…"));
  event_filter_->setClearButtonEnabled(true);
  events_ = new EventListModel(this);
  event_view_ = make_table(events_, events_panel_);
  event_view_->setColumnWidth(EventListModel::Seq, 60);
  event_view_->setColumnWidth(EventListModel::Time, 90);
  event_view_->setColumnWidth(EventListModel::Kind, 85);
  event_view_->setColumnWidth(EventListModel::Process, 120);
  event_view_->setColumnWidth(EventListModel::Channel, 90);
  event_view_->setColumnWidth(EventListModel::Details, 300);
  ev_layout->addWidget(event_filter_);
  ev_layout->addWidget(event_view_);
  split->addWidget(events_panel_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  split->setSizes({520, 170});
  setCentralWidget(split);
  connect(event_filter_, &QLineEdit::returnPressed, this, [this] {
    events_->set_filter(event_filter_->text());
    on_cursor_moved();
  });
  connect(event_filter_, &QLineEdit::textChanged, this, [this](const QString& t) {
    if (t.isEmpty()) {
      events_->set_filter({});
      on_cursor_moved();
    }
  });
  connect(event_view_, &QTableView::clicked, this,
          [this](const QModelIndex& ix) { on_event_clicked(events_->event_at_row(ix.row())); });

  // Left: the findings, and the explanation of the one selected.
  findings_dock_ = new QDockWidget(QStringLiteral("Findings"), this);
  findings_dock_->setObjectName(QStringLiteral("findings"));
  findings_ = new FindingsPanel(findings_dock_);
  findings_dock_->setWidget(findings_);
  addDockWidget(Qt::LeftDockWidgetArea, findings_dock_);
  connect(findings_, &FindingsPanel::activated, this, [this](int f) { select_finding(f); });

  // Right: the state at the cursor, and the inspector.
  state_dock_ = new QDockWidget(QStringLiteral("At the cursor"), this);
  state_dock_->setObjectName(QStringLiteral("state"));
  auto* state_split = new QSplitter(Qt::Vertical, state_dock_);
  proc_state_ = new ProcessStateModel(this);
  chan_state_ = new ChannelStateModel(this);
  proc_view_ = make_table(proc_state_, state_split);
  chan_view_ = make_table(chan_state_, state_split);
  proc_view_->setColumnWidth(ProcessStateModel::Name, 110);
  proc_view_->setColumnWidth(ProcessStateModel::State, 75);
  proc_view_->setColumnWidth(ProcessStateModel::WaitsOn, 120);
  chan_view_->setColumnWidth(ChannelStateModel::Name, 80);
  chan_view_->setColumnWidth(ChannelStateModel::Contents, 120);
  state_split->addWidget(proc_view_);
  state_split->addWidget(chan_view_);
  state_dock_->setWidget(state_split);
  addDockWidget(Qt::RightDockWidgetArea, state_dock_);

  inspector_dock_ = new QDockWidget(QStringLiteral("Inspector"), this);
  inspector_dock_->setObjectName(QStringLiteral("inspector"));
  inspector_ = new EventInspector(inspector_dock_);
  inspector_dock_->setWidget(inspector_);
  addDockWidget(Qt::RightDockWidgetArea, inspector_dock_);
  resizeDocks({findings_dock_, state_dock_}, {200, 330}, Qt::Horizontal);
}

void MainWindow::apply_theme() {
  theme_ = Theme::make(dark_, presentation_);
  qApp->setPalette(theme_.palette());
  QFont f = QApplication::font();
  if (presentation_) f.setPointSizeF(f.pointSizeF() * 1.35);
  // The stepping toolbar stays in presentation mode: large enough to read from the room.
  toolbar_->setFont(f);
  toolbar_->setIconSize(presentation_ ? QSize(30, 30) : QSize(20, 20));
  for (QWidget* w : {static_cast<QWidget*>(event_view_), static_cast<QWidget*>(proc_view_),
                     static_cast<QWidget*>(chan_view_), static_cast<QWidget*>(inspector_)})
    w->setFont(f);
  timeline_->set_theme(theme_);
}

void MainWindow::set_dark(bool dark) {
  dark_ = dark;
  actions_->dark->setChecked(dark);
  apply_theme();
}

void MainWindow::set_presentation(bool on) {
  presentation_ = on;
  actions_->presentation->setChecked(on);
  // Panels go; the timeline with large fonts and the stepping toolbar stay.
  events_panel_->setVisible(!on);
  state_dock_->setVisible(!on);
  inspector_dock_->setVisible(!on);
  findings_dock_->setVisible(!on);
  menuBar()->setVisible(!on);
  apply_theme();
}

void MainWindow::choose_and_open() {
  const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open trace"), QFileInfo(path_).absolutePath(),
                                                    QStringLiteral("Traces (*.jsonl *.csptrace);;All files (*)"));
  if (!path.isEmpty()) open_file(path);
}

void MainWindow::open_file(const QString& path) {
  if (!progress_) {
    progress_ = new QProgressDialog(this);
    progress_->setWindowTitle(QStringLiteral("cspview"));
    progress_->setRange(0, 1000);
    progress_->setMinimumDuration(300);  // small traces open without a flash of dialog
    progress_->setAutoReset(false);
    connect(progress_, &QProgressDialog::canceled, loader_, &TraceLoadJob::cancel);
  }
  progress_->setLabelText(QStringLiteral("Loading %1…").arg(QFileInfo(path).fileName()));
  progress_->setValue(0);
  loader_->start(path);
}

bool MainWindow::open_file_now(const QString& path, QString* error) {
  try {
    show_document(load_document(path.toStdString()), path);
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

void MainWindow::on_load_failed(const QString& message, const QString& path) {
  if (progress_) progress_->reset();
  emit load_failed(message);
  // Window-modal and non-blocking: the event loop (and a load started meanwhile) goes on.
  auto* box = new QMessageBox(QMessageBox::Critical, QStringLiteral("Cannot open %1").arg(QFileInfo(path).fileName()),
                              load_error_text(message), QMessageBox::Ok, this);
  box->setObjectName(QStringLiteral("load_error"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::show_document(std::shared_ptr<const TraceDocument> doc, const QString& path) {
  doc_ = std::move(doc);
  path_ = path;
  setWindowTitle(QStringLiteral("cspview — %1").arg(QFileInfo(path).fileName()));
  timeline_->set_document(doc_);
  events_->set_document(doc_);
  event_filter_->clear();
  only_interacting_->setChecked(false);
  if (remember_recent_) remember_recent(path);
  show_analysis(doc_);
}

void MainWindow::show_analysis(std::shared_ptr<const TraceDocument> doc) {
  if (doc.get() != doc_.get()) {
    if (!doc_ || &doc->model() != &doc_->model()) return;  // a stale result for another trace
    doc_ = std::move(doc);
    timeline_->set_document(doc_, true);
    events_->set_document(doc_);
  }
  findings_->set_document(doc_);
  stepper_->set_document(doc_);
  const auto& m = doc_->model();
  QString status = QStringLiteral("%1 events, %2 processes, %3 channels")
                       .arg(m.size()).arg(m.processes().size()).arg(m.channels().size());
  if (!m.warnings().empty()) status += QStringLiteral(" — ") + QString::fromStdString(m.warnings().front());
  if (!doc_->has_analysis()) {
    findings_dock_->setWindowTitle(QStringLiteral("Findings (replaying…)"));
    statusBar()->showMessage(status + QStringLiteral(" — replaying the run…"));
    return;
  }
  findings_dock_->setWindowTitle(QStringLiteral("Findings (%1)").arg(doc_->findings().size()));
  // A hung program's problem shows at first glance: the first error is highlighted and the
  // cursor moves to it, so the panels show who waits on what (Home goes back to the start;
  // --at still wins, it is applied after this).
  const auto& fs = doc_->findings();
  const bool has_error = !fs.empty() && fs.front().severity == csptrace::Severity::Error;
  select_finding(has_error ? 0 : -1, has_error);
  statusBar()->showMessage(status);
  emit document_shown();
}

void MainWindow::seek_event(size_t event) {
  if (!doc_ || doc_->model().empty()) return;
  stepper_->seek_event(std::min(event, doc_->model().size() - 1));
}

void MainWindow::select_finding(int f, bool jump) {
  findings_->show_finding(f);
  if (!doc_ || f < 0 || size_t(f) >= doc_->findings().size()) {
    timeline_->set_overlay({});
    return;
  }
  timeline_->set_overlay(doc_->overlay_for(size_t(f)));
  const auto& fd = doc_->findings()[size_t(f)];
  if (jump && fd.event < doc_->model().size()) stepper_->seek_event(fd.event);
}

void MainWindow::next_finding() {
  if (!doc_ || doc_->findings().empty()) return;
  select_finding((findings_->current() + 1) % int(doc_->findings().size()));
}

void MainWindow::on_event_clicked(size_t event) {
  stepper_->seek_event(event);
  update_lane_focus();
}

void MainWindow::update_lane_focus() {
  std::optional<uint32_t> focus;
  if (only_interacting_->isChecked() && doc_) {
    if (auto e = stepper_->event()) {
      const auto& m = doc_->model();
      const uint32_t p = m.proc_index(*e) != csptrace::kNone ? m.proc_index(*e) : m.from_index(*e);
      if (p != csptrace::kNone) focus = p;
    }
  }
  timeline_->set_focus_process(focus);
}

void MainWindow::on_cursor_moved() {
  const auto ev = stepper_->event();
  timeline_->set_cursor(ev);
  timeline_->set_selected(ev);
  const bool has = doc_ != nullptr;
  for (QAction* a : actions_->need_trace()) a->setEnabled(has);
  actions_->next_finding->setEnabled(has && !doc_->findings().empty());
  if (!has) {
    position_->setText(QStringLiteral("no trace"));
    return;
  }
  const auto& m = doc_->model();
  if (ev) {
    timeline_->reveal_event(*ev);
    position_->setText(QStringLiteral("event %1 / %2   t = %3")
                           .arg(*ev + 1)
                           .arg(m.size())
                           .arg(QString::fromStdString(csptrace::format_duration(m.time(*ev)))));
  } else {
    position_->setText(QStringLiteral("start (before event 1 of %1)").arg(m.size()));
  }
  if (const auto* st = stepper_->state()) {
    proc_state_->set_state(doc_, *st);
    chan_state_->set_state(doc_, *st);
    if (ev) inspector_->show_event(*doc_, *ev, *st);
    else inspector_->show_text(QStringLiteral("<p>The cursor is before the first event. Step forward with →.</p>"));
  } else {  // still replaying: no states yet, and none of the previous trace
    proc_state_->set_state(doc_, {});
    chan_state_->set_state(doc_, {});
    inspector_->show_text(QStringLiteral("<p>Replaying the run…</p>"));
  }
  if (ev) {
    if (auto row = events_->row_of_event(*ev)) {
      event_view_->selectRow(*row);
      event_view_->scrollTo(events_->index(*row, 0));
    } else {
      event_view_->clearSelection();
    }
  }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
  if (e->mimeData()->hasUrls() && !e->mimeData()->urls().isEmpty() && e->mimeData()->urls().front().isLocalFile())
    e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
  const auto urls = e->mimeData()->urls();
  if (!urls.isEmpty() && urls.front().isLocalFile()) open_file(urls.front().toLocalFile());
}

void MainWindow::remember_recent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
  const QString abs = QFileInfo(path).absoluteFilePath();
  recent.removeAll(abs);
  recent.prepend(abs);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue(QStringLiteral("recentFiles"), recent);
  rebuild_recent_menu();
}

void MainWindow::rebuild_recent_menu() {
  recent_menu_->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& p : recent)
    recent_menu_->addAction(QFileInfo(p).fileName() + QStringLiteral("   ") + QFileInfo(p).absolutePath(),
                            this, [this, p] { open_file(p); });
  recent_menu_->setEnabled(!recent.isEmpty());
}

bool MainWindow::export_view(const QString& path, QString* error) {
  if (!doc_) {
    if (error) *error = QStringLiteral("no trace is open");
    return false;
  }
  return export_timeline(*timeline_, path, QStringLiteral("cspview — %1").arg(QFileInfo(path_).fileName()), error);
}

void MainWindow::choose_and_export(bool svg) {
  const QString suffix = svg ? QStringLiteral("svg") : QStringLiteral("png");
  const QString suggested = QFileInfo(path_).completeBaseName() + QLatin1Char('.') + suffix;
  const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export view"), suggested,
                                                    svg ? QStringLiteral("SVG (*.svg)") : QStringLiteral("PNG (*.png)"));
  if (path.isEmpty()) return;
  QString error;
  if (!export_view(path, &error)) QMessageBox::warning(this, QStringLiteral("Export failed"), error);
  else statusBar()->showMessage(QStringLiteral("Wrote %1").arg(path), 5000);
}

void MainWindow::choose_and_export_perfetto() {
  if (!doc_) return;
  const QString suggested = QFileInfo(path_).completeBaseName() + QStringLiteral(".perfetto.json");
  const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export trace for Perfetto"),
                                                    suggested, QStringLiteral("Chrome trace JSON (*.json)"));
  if (path.isEmpty()) return;
  QString error;
  if (!export_perfetto(doc_->model(), path, &error))
    QMessageBox::warning(this, QStringLiteral("Export failed"), error);
  else
    statusBar()->showMessage(QStringLiteral("Wrote %1; open it at ui.perfetto.dev").arg(path), 5000);
}

void MainWindow::show_shortcuts() { show_shortcuts_dialog(this, actions()); }

}  // namespace cspview
