// The lecture script in the window: B adds a bookmark at the cursor (a title and a note), Page
// Down / Page Up step to the next / previous bookmark, the "Lecture script" dock lists them.
// The script is TRACE.cspview.json beside the trace, loaded with it and saved at every change;
// a file that cannot be read is named with its line in the dock and the status bar, and the
// trace opens without bookmarks.
#pragma once

#include "lecture_script.hpp"

#include <QObject>
#include <QString>

#include <optional>

class QAction;
class QDockWidget;
class QMenu;

namespace cspview {

class BookmarksPanel;
class MainWindow;

class LectureController : public QObject {
  Q_OBJECT
 public:
  explicit LectureController(MainWindow& window);

  // Reads the script of the trace at `trace_path` (none for standard input).
  void load_for(const QString& trace_path);
  const LectureScript& script() const { return script_; }
  const QString& file() const { return file_; }
  // The last problem reading or writing the script; empty when there was none.
  const QString& error() const { return error_; }

  // Adds a bookmark at the cursor and saves the script; false (with error()) when there is no
  // cursor or the file cannot be written (the bookmark is kept for this session).
  bool add_at_cursor(const QString& title, const QString& note);
  void remove(size_t i);
  // Page Down / Page Up: the cursor to the next / previous bookmark.
  void step(bool forward);
  void go_to(size_t i);
  // The event index of the bookmark titled `title` (lecture_script.hpp's find), or nullopt.
  std::optional<size_t> event_of(const QString& title) const;

  QDockWidget* dock() const { return dock_; }
  QAction* add_action() const { return add_; }
  QAction* next_action() const { return next_; }
  QAction* prev_action() const { return prev_; }

 private:
  void ask_and_add();
  void follow_cursor();
  void save();
  void refresh();
  std::optional<uint64_t> cursor_number() const;

  MainWindow& w_;
  LectureScript script_;
  QString file_, error_;
  QDockWidget* dock_;
  BookmarksPanel* panel_;
  QAction *add_, *next_, *prev_;
};

}  // namespace cspview
