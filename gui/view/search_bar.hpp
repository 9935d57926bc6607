// The search row above the event list (Ctrl+F): a query box, the match count, previous / next,
// and "only matches" for the list. Typing starts a search after a short pause (the search runs
// off the GUI thread, see SearchJob); Enter goes to the next match after the cursor, Shift+Enter
// to the one before it, Esc clears.
#pragma once

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace cspview {

class SearchBar : public QWidget {
  Q_OBJECT
 public:
  explicit SearchBar(QWidget* parent = nullptr);

  QString query() const;
  void focus_query();
  void clear();
  // What the count shows: "searching…", "no match", "3 of 12" (the match at the cursor).
  void show_searching();
  void show_count(size_t matches, std::optional<size_t> current);
  bool only_matches() const;
  QLineEdit* edit() const { return edit_; }

 signals:
  void query_changed(const QString& text);  // after the typing pause, or at once on Enter
  void step(bool forward);
  void only_matches_toggled(bool on);

 protected:
  bool eventFilter(QObject* watched, QEvent* e) override;

 private:
  QLineEdit* edit_;
  QLabel* count_;
  QToolButton *prev_, *next_;
  QCheckBox* only_;
  QTimer* pause_;
  QString sent_;  // the last query emitted
};

}  // namespace cspview
