// The cspview main window: the timeline in the middle, findings on the left, the state at the
// cursor and the inspector on the right, the event list below; menus and a toolbar for files,
// stepping, navigation and presentation. Loading runs in the background (TraceLoadJob).
#pragma once

#include "event_inspector.hpp"
#include "event_list_model.hpp"
#include "findings_panel.hpp"
#include "channel_state_model.hpp"
#include "process_state_model.hpp"
#include "step_controller.hpp"
#include "theme.hpp"
#include "timeline_widget.hpp"
#include "trace_document.hpp"
#include "trace_load_job.hpp"

#include <QMainWindow>

#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressDialog;
class QTableView;
class QToolBar;
class QWidget;

namespace cspview {

struct WindowActions;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens in the background with a progress dialog; errors are shown in a dialog.
  void open_file(const QString& path);
  // Opens synchronously (command line, screenshot, tests); on failure returns false and sets
  // *error to the loader's message ("FILE:LINE: what").
  bool open_file_now(const QString& path, QString* error);
  // Shows a document; one without its analysis yet is drawn at once, and show_analysis() adds
  // states, stepping and findings when the background job has them.
  void show_document(std::shared_ptr<const TraceDocument> doc, const QString& path);
  void show_analysis(std::shared_ptr<const TraceDocument> doc);
  const TraceDocument* document() const { return doc_.get(); }

  // Puts the cursor after `event` (clamped to the last event) and shows it.
  void seek_event(size_t event);
  StepController& stepper() { return *stepper_; }
  TimelineWidget* timeline() { return timeline_; }
  EventListModel* event_model() { return events_; }

  // Writes the timeline as it is shown: PNG (or any raster format Qt knows) or SVG by suffix.
  bool export_view(const QString& path, QString* error);

  // Selects finding f: its processes and channels turn red, its cycle is drawn; with jump the
  // cursor moves to its event. Out of range clears the selection.
  void select_finding(int f, bool jump = true);
  void next_finding();

  // Whether opening a file adds it to File → Open recent (off for --screenshot runs).
  void set_remember_recent(bool on) { remember_recent_ = on; }

  void set_dark(bool dark);
  void set_presentation(bool on);

 signals:
  void document_shown();
  void load_failed(const QString& message);

 protected:
  void dragEnterEvent(QDragEnterEvent* e) override;
  void dropEvent(QDropEvent* e) override;

 private:
  void connect_actions();
  void build_menus();
  void build_toolbar();
  void build_panels();
  void apply_theme();
  void on_cursor_moved();
  void on_event_clicked(size_t event);
  void on_load_failed(const QString& message, const QString& path);
  void remember_recent(const QString& path);
  void rebuild_recent_menu();
  void choose_and_open();
  void choose_and_export(bool svg);
  void choose_and_export_perfetto();
  void show_shortcuts();
  void update_lane_focus();

  std::shared_ptr<const TraceDocument> doc_;
  QString path_;
  Theme theme_ = Theme::make(false, false);
  bool dark_ = false, presentation_ = false, remember_recent_ = true;

  TimelineWidget* timeline_ = nullptr;
  StepController* stepper_ = nullptr;
  TraceLoadJob* loader_ = nullptr;
  QProgressDialog* progress_ = nullptr;

  EventListModel* events_ = nullptr;
  QTableView* event_view_ = nullptr;
  QLineEdit* event_filter_ = nullptr;
  ProcessStateModel* proc_state_ = nullptr;
  ChannelStateModel* chan_state_ = nullptr;
  QTableView* proc_view_ = nullptr;
  QTableView* chan_view_ = nullptr;
  EventInspector* inspector_ = nullptr;
  QWidget* events_panel_ = nullptr;
  QDockWidget* state_dock_ = nullptr;
  QDockWidget* findings_dock_ = nullptr;
  FindingsPanel* findings_ = nullptr;
  QDockWidget* inspector_dock_ = nullptr;
  QLineEdit* lane_filter_ = nullptr;
  QCheckBox* only_interacting_ = nullptr;
  QComboBox* speed_ = nullptr;
  QLabel* position_ = nullptr;
  QToolBar* toolbar_ = nullptr;
  QMenu* recent_menu_ = nullptr;

  std::unique_ptr<WindowActions> actions_;
};

}  // namespace cspview
