// The cspview main window: the timeline in the middle with the story caption on top, findings
// on the left, the state at the cursor and the inspector on the right, the search row and the
// event list below; menus and a toolbar (WindowActions) for files, stepping, navigation and
// presentation. Loading (TraceLoadJob) and searching (SearchJob) run in the background.
//
// main_window.cpp holds the document and the cursor; main_window_panels.cpp builds the panels
// and the toolbar and switches themes, presentation mode and the small-window layout.
#pragma once

#include "channel_state_model.hpp"
#include "event_inspector.hpp"
#include "event_list_model.hpp"
#include "event_list_view.hpp"
#include "findings_panel.hpp"
#include "latest_job.hpp"
#include "process_state_model.hpp"
#include "search_job.hpp"
#include "step_controller.hpp"
#include "theme.hpp"
#include "timeline_widget.hpp"
#include "trace_document.hpp"
#include "trace_load_job.hpp"

#include <QJsonArray>
#include <QJsonObject>
#include <QMainWindow>

#include <chrono>
#include <cstdint>
#include <memory>

class QCheckBox;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressDialog;
class QTableView;
class QTimer;
class QToolBar;
class QWidget;

namespace cspview {

// A dock with this property set to true is kept tabbed behind the inspector by the window's
// arrangement of its docks (the source pane: there when wanted, never in the way).
inline constexpr char kBesideInspector[] = "cspview_beside_inspector";

class AnalysisStatus;
class CompareWindow;

class LectureController;
class SearchBar;
class ViewTabs;
struct WindowActions;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens in the background with a progress dialog; errors are shown in a dialog.
  void open_file(const QString& path);
  // Follows a trace that is still being written (cspview --follow, File → Follow…): live
  // documents while the writer writes, the timeline keeping the end in view unless the user
  // moves away, then the whole trace opened as open_file() opens it when the trace ends or the
  // writer goes away (main_window_follow.cpp). A file nobody writes opens as usual, and the
  // status bar says so.
  void follow_file(const QString& path);
  // Still following (live documents arriving).
  bool following() const { return follow_.active; }
  // While following, a wait that has lasted this long is shown as a finding (default 5 s).
  void set_long_wait(int64_t ns) { follow_.long_wait_ns = ns; }
  // Keep the end of the trace in view while following (the toolbar's "Follow the end").
  void follow_the_end();
  // Opens synchronously (command line, screenshot, tests); on failure returns false and sets
  // *error to the loader's message ("FILE:LINE: what").
  bool open_file_now(const QString& path, QString* error);
  // Shows a document; one without its analysis yet is drawn at once, and show_analysis() adds
  // states, stepping and findings when the background job has them.
  void show_document(std::shared_ptr<const TraceDocument> doc, const QString& path);
  void show_analysis(std::shared_ptr<const TraceDocument> doc);
  const TraceDocument* document() const { return doc_.get(); }
  // The same, shared: for work that outlives the next document (the Query dock's worker).
  std::shared_ptr<const TraceDocument> shared_document() const { return doc_; }

  // Puts the cursor after `event` (an index, clamped to the last event) and shows it.
  void seek_event(size_t event);
  StepController& stepper() { return *stepper_; }
  TimelineWidget* timeline() { return timeline_; }
  // The timeline and the teaching views as tabs, on the one cursor (view_tabs.hpp).
  ViewTabs* views() { return views_; }
  // Bookmarks with titles and notes, saved beside the trace (lecture_controller.hpp).
  LectureController& lecture() { return *lecture_; }
  const LectureController& lecture() const { return *lecture_; }
  // This trace over `other` in a compare window of its own, shown (cspview A --compare B); null
  // with *error set when there is no trace here or either cannot be read. The window deletes
  // itself when closed.
  CompareWindow* compare_with(const QString& other, QString* error);
  const QString& path() const { return path_; }
  EventListModel* event_model() { return events_; }
  EventListView* event_view() { return event_view_; }
  FindingsPanel* findings_panel() { return findings_; }
  SearchBar* search_bar() { return search_; }
  const WindowActions& actions() const { return *actions_; }
  // The analysis's step, bar and Stop button in the status bar (hidden when none runs).
  AnalysisStatus* analysis_status() { return analysis_status_; }

  // Writes the view shown (the timeline or a teaching view) as it is: PNG (or any raster format
  // Qt knows) or SVG by suffix.
  bool export_view(const QString& path, QString* error);
  // What the window shows, for --view-json and the tests: visible_ns, run_ns, cursor_event
  // (numbered as csptrace prints), finding ({kind, event} or null), caption, and more;
  // active_view is the shown view's describe() ({"view": "timeline"} for the timeline).
  QJsonObject view_json() const;

  // Selects finding f: its lanes are marked, its cycle drawn, its cause ringed; with jump the
  // cursor moves to its event (a place in the view history). Out of range clears it.
  void select_finding(int f, bool jump = true);
  void next_finding();
  // "Next / Previous scheduler deviation" (D, Shift+D): the cursor to the next decision that
  // did not run in order; a place in the view history.
  void step_deviation(bool forward);
  // "Go to the waker" (W); a place in the view history.
  void go_to_waker();
  // Follows a link of a finding's explanation: a process, a channel or an event.
  void follow_link(const TextPiece& target);
  // Searches in the background; the result arrives in on_search_result.
  void search(const QString& query);
  const SearchResult* search_result() const { return matches_.get(); }
  bool searching() const { return search_job_->running(); }
  // "only with selected" is finding the lanes of a newly selected process (off the GUI thread).
  bool focusing_lanes() const { return focus_job_->running(); }
  void step_match(bool forward);

  // Whether opening a file adds it to File → Open recent (off for --screenshot runs).
  void set_remember_recent(bool on) { remember_recent_ = on; }

  void set_dark(bool dark);
  void set_presentation(bool on);
  bool presentation() const { return presentation_; }

 signals:
  void document_shown();
  // A live document of a followed trace is shown (the benchmark times it); follow_finished():
  // the follow is over and the whole trace is shown.
  void live_shown();
  void follow_finished();
  void load_failed(const QString& message);
  void search_done();

 protected:
  void dragEnterEvent(QDragEnterEvent* e) override;
  void dropEvent(QDropEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;

 private:
  // main_window_panels.cpp
  void build_menus();
  void build_toolbar();
  void build_panels();
  void build_event_panel(QWidget* parent);
  void apply_theme();
  void size_event_list();
  void fit_docks();
  void raise_main_dock();
  // main_window_follow.cpp
  void choose_and_follow();
  void forget_follow();  // no follow running or just ended: the status bar says nothing of one
  void show_live();
  void finish_follow(std::shared_ptr<const TraceDocument> doc, const QString& path);
  void keep_end_in_view();
  void on_view_moved_while_following();
  void update_follow_status();
  QJsonObject follow_json() const;
  // main_window.cpp
  void connect_actions();
  // The whole trace's read failed or was stopped while its preview is shown: the preview
  // stays, with a warning that says why.
  void keep_preview_only(const QString& why);
  QJsonArray folds_json() const;    // view_json's "folds"
  QJsonArray preview_json() const;  // view_json's "preview_marks"
  void on_cursor_moved();
  void on_event_clicked(size_t event);
  void on_load_failed(const QString& message, const QString& path);
  // What the reader says while a load or a follow waits (a named pipe with no writer yet, a
  // followed file nobody writes): the status bar, and the loading dialog of a load.
  void on_load_notice(QString text);
  void on_search_result(std::shared_ptr<const SearchResult> result);
  void jump_to(size_t event);
  void update_stepping_enabled();
  void update_lane_focus();
  void remember_recent(const QString& path);
  void rebuild_recent_menu();
  // A trace chosen in a file dialog titled `title`; empty when cancelled.
  QString choose_trace(const QString& title);
  void choose_and_open();
  void choose_and_export(bool svg);
  void choose_and_export_perfetto();
  // File > Compare with another run: asks for the other trace, then compare_with.
  void choose_and_compare();
  void show_shortcuts();

  std::shared_ptr<const TraceDocument> doc_;
  std::shared_ptr<const SearchResult> matches_;
  QString path_;
  Theme theme_ = Theme::make(false, false);
  bool dark_ = false, presentation_ = false, remember_recent_ = true;
  bool opening_ = false;               // the cursor moves of an opening do not zoom (following)
  bool analysis_stopped_ = false;      // the user stopped this document's analysis
  bool reading_past_preview_ = false;  // the load shows its preview and reads on
  bool step_when_searched_ = false;    // Enter was pressed before the search was done
  bool forward_when_searched_ = true;
  bool was_maximized_ = false;  // the window state presentation mode left
  bool compact_docks_ = false;  // the side panels share the right column (a narrow window)

  TimelineWidget* timeline_ = nullptr;
  ViewTabs* views_ = nullptr;
  LectureController* lecture_ = nullptr;
  StepController* stepper_ = nullptr;
  TraceLoadJob* loader_ = nullptr;
  SearchJob* search_job_ = nullptr;
  LatestJob* focus_job_ = nullptr;         // finds the lanes for "only with selected"
  std::optional<uint32_t> focus_pending_;  // the process it finds them for
  QProgressDialog* progress_ = nullptr;

  EventListModel* events_ = nullptr;
  EventListView* event_view_ = nullptr;
  SearchBar* search_ = nullptr;
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

  // Following a trace as it is written (main_window_follow.cpp).
  struct Follow {
    enum class View { Fit, Width, Off };  // the whole run; the end at the user's zoom; away
    enum class End { None, Ended, WriterGone, NotWritten };
    bool active = false;
    bool written = true;       // false: the reader said nobody writes the file
    bool moving_view = false;  // the view is being moved for the follow, not by the user
    View view = View::Fit;
    End end = End::None;
    int64_t long_wait_ns = 5'000'000'000;
    std::shared_ptr<const TraceDocument> live;      // the newest live document, without long waits
    std::chrono::steady_clock::time_point live_at;  // when it arrived
    int64_t behind_ns = 0;   // how long before it arrived its last event was recorded
    size_t docs = 0;         // live documents shown
    QTimer* ager = nullptr;  // "waiting for 12 s" grows while nothing new arrives
    QLabel* status = nullptr;
  };
  Follow follow_;
  AnalysisStatus* analysis_status_ = nullptr;  // the analysis's step, bar and Stop button
};

}  // namespace cspview
