// cspview A --compare B: two runs of one program, A over B, each a full viewer pane. Moving the
// cursor in either pane moves the other to the aligned event (csptrace::RunAlignment: the same
// step of the same process), "Next difference" (]) and "Previous difference" ([) walk the
// events where the runs differ, and the caption says where they part in the words of
// `csptrace diff` (docs/diff.md). Both panes open at the first divergence.
//
// Invariant: diff_ and align_ describe the documents the panes show now; they are rebuilt
// whenever either pane shows another document, and are null while one pane has none.
#pragma once

#include <QWidget>

#include <memory>

class QLabel;

namespace csptrace {
struct TraceDiff;
class RunAlignment;
}  // namespace csptrace

namespace cspview {

class MainWindow;

class CompareWindow : public QWidget {
  Q_OBJECT
 public:
  explicit CompareWindow(QWidget* parent = nullptr);
  ~CompareWindow() override;

  // Opens A and B synchronously and compares them; on failure returns false and sets *error
  // to the loader's message for the file that failed.
  bool open_now(const QString& a, const QString& b, QString* error);
  MainWindow& pane_a() { return *a_; }
  MainWindow& pane_b() { return *b_; }
  QString caption() const;

  // The cursor of A to the next (previous) event where the runs differ; B follows.
  void step_difference(bool forward);

 private:
  void compare();
  void follow(MainWindow& from, MainWindow& to, bool from_a);
  void show_first_divergence();

  MainWindow* a_;
  MainWindow* b_;
  QLabel* caption_;
  std::unique_ptr<csptrace::TraceDiff> diff_;
  std::unique_ptr<csptrace::RunAlignment> align_;
  bool syncing_ = false;  // set while one pane's move is being mirrored in the other
};

}  // namespace cspview
