// The lecture script as a list beside the views: each bookmark's event number and title, the
// note of the selected one below, and what went wrong reading the script file above, in red.
// Activating a row (Enter, a double click) asks for the cursor there.
#pragma once

#include "lecture_script.hpp"

#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QPushButton;

namespace cspview {

class BookmarksPanel : public QWidget {
  Q_OBJECT
 public:
  explicit BookmarksPanel(QWidget* parent = nullptr);

  void set_script(const LectureScript& script);
  // Marks bookmark i as the current one (nullopt: none) and shows its note.
  void set_current(std::optional<size_t> i);
  // A problem with the script's file; empty hides it.
  void set_error(const QString& text);
  QString error() const;
  int count() const;

 signals:
  void activated(size_t bookmark);
  void remove_requested(size_t bookmark);
  void add_requested();

 private:
  QListWidget* list_;
  QLabel* note_;
  QLabel* error_;
  QPushButton* add_;
  QPushButton* remove_;
  std::vector<std::string> notes_;
};

}  // namespace cspview
