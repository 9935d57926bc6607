// The work still running on a shown trace, in the status bar: which step it is at ("reading
// the events" after a big trace's preview, "replaying the run", "judging"), a bar for how far,
// and a Stop button. A 100 M-event trace replays for tens of seconds after its first frame; the
// user sees it move and can stop it (the timeline then stays as it is: a preview, or the run
// without states and findings).
#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QProgressBar;
class QToolButton;

namespace cspview {

class AnalysisStatus : public QWidget {
  Q_OBJECT

 public:
  explicit AnalysisStatus(QWidget* parent = nullptr);

  // An analysis begins: the widget shows once it has run for a moment, so that a small
  // trace's analysis does not flash it.
  void start();
  // The step and how far it is (0..1; < 0: a busy bar).
  void show_step(const QString& step, double fraction);
  // Hides the widget: the analysis ended, was stopped, or another trace replaced this one.
  void finish();

  // For tests: what the bar says, as "step: N%" or "step" when the fraction is unknown.
  QString text() const;

 signals:
  void stop_requested();

 private:
  QProgressBar* bar_;
  QToolButton* stop_;
  QElapsedTimer since_;  // since start()
};

}  // namespace cspview
