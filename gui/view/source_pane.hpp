// The source line of the event at the cursor, like a debugger's current line: the file with
// its lines numbered (SourceText), the line highlighted and scrolled to the middle. The file is
// found by locate_source (the recorded path, the trace's folder, --source-dir, the folder the
// user picked); when it is not found the pane says which paths it tried and offers to pick a
// folder, never an empty pane.
//
// Invariant: header_text() always says what the pane shows (a path and line, or why nothing).
#pragma once

#include "source_locator.hpp"
#include "theme.hpp"
#include "trace_document.hpp"

#include <QWidget>

#include <map>
#include <optional>
#include <string>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace cspview {

class SourcePane : public QWidget {
  Q_OBJECT
 public:
  explicit SourcePane(QWidget* parent = nullptr);

  // The trace file the document was read from (its folder is searched) and the extra folders.
  void set_trace_path(const QString& path);
  void set_search_dirs(const QStringList& dirs);
  // Shows the source of `event` of doc (nothing chosen: says so). The document is not kept.
  void show_event(const TraceDocument* doc, std::optional<size_t> event);
  void set_theme(const Theme& theme);

  QString header_text() const;
  // The file shown (empty when none) and its highlighted line (0 when none).
  QString shown_file() const { return shown_file_; }
  int highlighted_line() const { return line_; }

 signals:
  // "Choose a source folder…" was pressed; the owner asks for a folder and calls set_search_dirs.
  void pick_folder_requested();

 protected:
  void resizeEvent(QResizeEvent* e) override;

 private:
  void show_message(const QString& text);
  void show_file(const QString& path, int line);
  void highlight();

  QString trace_path_;
  std::vector<std::string> dirs_;
  Theme theme_ = Theme::make(false, false);
  QLabel* header_ = nullptr;
  QPlainTextEdit* text_ = nullptr;
  QPushButton* pick_ = nullptr;
  QString shown_file_;
  int line_ = 0;
};

}  // namespace cspview
