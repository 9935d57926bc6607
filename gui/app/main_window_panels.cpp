// The main window's panels, toolbar and menus, and how they change with the theme,
// presentation mode and the window's size.
#include "main_window.hpp"

#include "lecture_controller.hpp"
#include "search_bar.hpp"
#include "teaching_views.hpp"
#include "view_tabs.hpp"
#include "window_actions.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QResizeEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QToolTip>
#include <QVBoxLayout>

namespace cspview {

namespace {

QTableView* make_table(QAbstractItemModel* model, QWidget* parent) {
  auto* v = new QTableView(parent);
  v->setModel(model);
  v->setSelectionBehavior(QAbstractItemView::SelectRows);
  v->setSelectionMode(QAbstractItemView::SingleSelection);
  v->setAlternatingRowColors(true);
  v->setWordWrap(false);
  v->verticalHeader()->hide();
  v->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  v->horizontalHeader()->setStretchLastSection(true);
  v->horizontalHeader()->setHighlightSections(false);
  return v;
}

// Row height and column widths from the font, so that presentation mode's larger type fits.
void size_columns(QTableView* v, const QList<std::pair<int, QString>>& widest) {
  const QFontMetrics fm(v->font());
  v->verticalHeader()->setDefaultSectionSize(fm.height() + 6);
  for (const auto& [column, sample] : widest)
    v->setColumnWidth(column, fm.horizontalAdvance(sample) + 16);
}

}  // namespace

void MainWindow::build_menus() {
  actions_->fill_menus(menuBar(),
                       {findings_dock_->toggleViewAction(), state_dock_->toggleViewAction(),
                        lecture_->dock()->toggleViewAction()});
  // The lecture script's menu goes before Help.
  QMenu* lecture = new QMenu(QStringLiteral("&Lecture"), menuBar());
  lecture->addActions({lecture_->add_action(), lecture_->next_action(), lecture_->prev_action()});
  menuBar()->insertMenu(menuBar()->actions().constLast(), lecture);
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
  speed_->setToolTip(QStringLiteral("Play speed, in events per second"));
  connect(speed_, &QComboBox::currentIndexChanged, this,
          [this](int i) { stepper_->set_speed(speed_->itemData(i).toDouble()); });
  tb->addWidget(speed_);
  tb->addAction(actions_->next_finding);
  tb->addSeparator();
  position_ = new QLabel(tb);
  position_->setContentsMargins(8, 0, 8, 0);
  tb->addWidget(position_);
  tb->addSeparator();
  tb->addActions(actions_->view_moves());
  tb->addAction(actions_->follow_end);
  tb->addAction(actions_->follow);
  tb->addSeparator();
  lane_filter_ = new QLineEdit(tb);
  lane_filter_->setPlaceholderText(QStringLiteral("filter lanes…"));
  lane_filter_->setClearButtonEnabled(true);
  lane_filter_->setMinimumWidth(100);
  lane_filter_->setMaximumWidth(170);
  connect(lane_filter_, &QLineEdit::textChanged, timeline_, &TimelineWidget::set_name_filter);
  tb->addWidget(lane_filter_);
  only_interacting_ = new QCheckBox(QStringLiteral("only with selected"), tb);
  only_interacting_->setToolTip(
      QStringLiteral("Show only the lanes that interact with the process of the selected event"));
  connect(only_interacting_, &QCheckBox::toggled, this, [this] { update_lane_focus(); });
  tb->addWidget(only_interacting_);
}

void MainWindow::build_event_panel(QWidget* parent) {
  events_panel_ = new QWidget(parent);
  auto* layout = new QVBoxLayout(events_panel_);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  search_ = new SearchBar(events_panel_);
  events_ = new EventListModel(this);
  event_view_ = new EventListView(events_panel_);
  event_view_->set_model(events_);
  layout->addWidget(search_);
  layout->addWidget(event_view_);
  // Moving in the list (↑ / ↓, Page Up / Down, Home / End, a click) moves the cursor.
  connect(event_view_, &EventListView::current_row_changed, this, [this](int row) {
    if (doc_) on_event_clicked(events_->event_at_row(row));
  });
}

void MainWindow::build_panels() {
  // Centre: the timeline and the teaching views as tabs, above the search row and the event list.
  auto* split = new QSplitter(Qt::Vertical, this);
  views_ = new ViewTabs(timeline_, split);
  add_teaching_views(*views_);
  split->addWidget(views_);
  build_event_panel(split);
  split->addWidget(events_panel_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  split->setSizes({520, 170});
  setCentralWidget(split);

  // Left: the findings, and the explanation of the one selected.
  findings_dock_ = new QDockWidget(QStringLiteral("Findings"), this);
  findings_dock_->setObjectName(QStringLiteral("findings"));
  findings_ = new FindingsPanel(findings_dock_);
  findings_dock_->setWidget(findings_);
  addDockWidget(Qt::LeftDockWidgetArea, findings_dock_);
  connect(findings_, &FindingsPanel::activated, this, [this](int f) { select_finding(f); });
  connect(findings_, &FindingsPanel::link_activated, this, &MainWindow::follow_link);

  // Right: the state at the cursor, and the inspector.
  state_dock_ = new QDockWidget(QStringLiteral("At the cursor"), this);
  state_dock_->setObjectName(QStringLiteral("state"));
  auto* state_split = new QSplitter(Qt::Vertical, state_dock_);
  proc_state_ = new ProcessStateModel(this);
  chan_state_ = new ChannelStateModel(this);
  proc_view_ = make_table(proc_state_, state_split);
  chan_view_ = make_table(chan_state_, state_split);
  state_split->addWidget(proc_view_);
  state_split->addWidget(chan_view_);
  state_dock_->setWidget(state_split);
  addDockWidget(Qt::RightDockWidgetArea, state_dock_);

  inspector_dock_ = new QDockWidget(QStringLiteral("Inspector"), this);
  inspector_dock_->setObjectName(QStringLiteral("inspector"));
  inspector_ = new EventInspector(inspector_dock_);
  inspector_dock_->setWidget(inspector_);
  addDockWidget(Qt::RightDockWidgetArea, inspector_dock_);
  connect(inspector_dock_, &QDockWidget::visibilityChanged, this, [this](bool on) {
    actions_->toggle_inspector->setText(on ? QStringLiteral("Hide the &Inspector")
                                           : QStringLiteral("Show the &Inspector"));
  });
}

void MainWindow::apply_theme() {
  theme_ = Theme::make(dark_, presentation_);
  qApp->setPalette(dark_ ? theme_.palette() : qApp->style()->standardPalette());
  QFont f = QApplication::font();
  if (presentation_) f.setPointSizeF(f.pointSizeF() * 1.35);
  // The toolbar, the panels, the tooltips and the status bar all grow for the room.
  toolbar_->setFont(f);
  toolbar_->setIconSize(presentation_ ? QSize(32, 32) : QSize(22, 22));
  actions_->set_icons(theme_, stepper_->playing());
  for (QWidget* w : {static_cast<QWidget*>(proc_view_), static_cast<QWidget*>(chan_view_),
                     static_cast<QWidget*>(inspector_), static_cast<QWidget*>(findings_),
                     static_cast<QWidget*>(search_), static_cast<QWidget*>(statusBar())})
    w->setFont(f);
  QToolTip::setFont(f);
  QToolTip::setPalette(qApp->palette());
  position_->setMinimumWidth(QFontMetrics(f).horizontalAdvance(
      QStringLiteral("event #9999999 / #9999999   t = 999.999 ms")));
  size_event_list();
  size_columns(proc_view_, {{ProcessStateModel::Name, QStringLiteral("hot-dog-m…")},
                            {ProcessStateModel::State, QStringLiteral("parked: take fork-1")}});
  size_columns(chan_view_, {{ChannelStateModel::Name, QStringLiteral("result of…")},
                            {ChannelStateModel::Contents, QStringLiteral("[\"ketchup\", 3] 2/3")}});
  events_->set_dark(dark_);
  proc_state_->set_dark(dark_);
  chan_state_->set_dark(dark_);
  findings_->model()->set_dark(dark_);
  timeline_->set_theme(theme_);
  views_->set_theme(theme_);
  update_follow_status();  // its colours are the theme's
}

void MainWindow::size_event_list() {
  QFont f = QApplication::font();
  if (presentation_) f.setPointSizeF(f.pointSizeF() * 1.35);
  event_view_->setFont(f);
  const QFontMetrics fm(f);
  const std::pair<int, QString> widest[] = {
      {EventListModel::Seq, QStringLiteral("99999999")},
      {EventListModel::Time, QStringLiteral("999.999 ms")},
      {EventListModel::Kind, QStringLiteral("chan_close")},
      {EventListModel::Process, QStringLiteral("hot-dog-machine")},
      {EventListModel::Channel, QStringLiteral("result of phil-0")},
      {EventListModel::Details, QStringLiteral("main → hot-dog-machine  \"pocket lint\"  direct")}};
  for (const auto& [column, sample] : widest)
    event_view_->set_column_width(column, fm.horizontalAdvance(sample) + 16);
}

void MainWindow::set_dark(bool dark) {
  dark_ = dark;
  actions_->dark->setChecked(dark);
  apply_theme();
}

void MainWindow::set_presentation(bool on) {
  if (on == presentation_) return;
  presentation_ = on;
  actions_->presentation->setChecked(on);
  actions_->leave_presentation->setEnabled(on);
  // Panels go; the timeline with large type, its caption and the stepping toolbar stay, full
  // screen. The Inspector comes back with Ctrl+I; Esc or F5 leaves.
  events_panel_->setVisible(!on);
  state_dock_->setVisible(!on);
  inspector_dock_->setVisible(!on);
  findings_dock_->setVisible(!on);
  lecture_->dock()->setVisible(!on && !lecture_->script().empty());
  menuBar()->setVisible(!on);
  if (on) {
    was_maximized_ = isMaximized();
    if (!testAttribute(Qt::WA_DontShowOnScreen)) showFullScreen();
  } else if (isFullScreen()) {
    if (was_maximized_)
      showMaximized();
    else
      showNormal();
  }
  apply_theme();
}

void MainWindow::resizeEvent(QResizeEvent* e) {
  QMainWindow::resizeEvent(e);
  fit_docks();
}

void MainWindow::fit_docks() {
  // The timeline gets the room. A wide window keeps the findings on the left and the state and
  // the inspector on the right; below 1200 px the three share the right column as tabs, and on
  // a short window the two right panels share one place as tabs. Side panels never take more
  // than about 40% of the width.
  if (!state_dock_ || !findings_dock_ || presentation_) return;
  const bool compact = width() < 1200;
  if (compact != compact_docks_) {
    compact_docks_ = compact;
    if (compact) {
      addDockWidget(Qt::RightDockWidgetArea, findings_dock_);
      tabifyDockWidget(findings_dock_, state_dock_);
      tabifyDockWidget(state_dock_, inspector_dock_);
    } else {
      addDockWidget(Qt::LeftDockWidgetArea, findings_dock_);
      splitDockWidget(state_dock_, inspector_dock_, Qt::Vertical);
    }
    raise_main_dock();
  }
  if (!compact) {
    const bool tabbed = !tabifiedDockWidgets(state_dock_).isEmpty();
    if (height() < 720 && !tabbed) {
      tabifyDockWidget(state_dock_, inspector_dock_);
      state_dock_->raise();
    } else if (height() >= 720 && tabbed) {
      splitDockWidget(state_dock_, inspector_dock_, Qt::Vertical);
    }
  }
  // Docks added beside the inspector (the source pane) stay tabbed behind it, whatever the
  // arrangement above did to the inspector.
  for (QDockWidget* d : findChildren<QDockWidget*>())
    if (d->property(kBesideInspector).toBool() &&
        !tabifiedDockWidgets(inspector_dock_).contains(d)) {
      tabifyDockWidget(inspector_dock_, d);
      inspector_dock_->raise();
    }
  const int right = std::clamp(width() * 25 / 100, 230, 340);
  if (compact) {
    resizeDocks({state_dock_}, {right}, Qt::Horizontal);
  } else {
    resizeDocks({findings_dock_, state_dock_}, {std::clamp(width() * 16 / 100, 170, 240), right},
                Qt::Horizontal);
  }
}

void MainWindow::raise_main_dock() {
  // Tabbed, the findings come first when there is an error to see, else the state at the cursor.
  const bool error = doc_ && !doc_->findings().empty() &&
                     doc_->findings().front().severity == csptrace::Severity::Error;
  (error ? findings_dock_ : state_dock_)->raise();
}

}  // namespace cspview
