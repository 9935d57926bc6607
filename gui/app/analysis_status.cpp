#include "analysis_status.hpp"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QToolButton>

namespace cspview {

AnalysisStatus::AnalysisStatus(QWidget* parent)
    : QWidget(parent), bar_(new QProgressBar(this)), stop_(new QToolButton(this)) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(bar_);
  row->addWidget(stop_);
  bar_->setRange(0, 1000);
  bar_->setMinimumWidth(220);
  bar_->setMaximumWidth(300);
  stop_->setText(QStringLiteral("Stop"));
  stop_->setToolTip(QStringLiteral(
      "Stop: what is shown stays (a preview, or the run without states and findings)"));
  connect(stop_, &QToolButton::clicked, this, &AnalysisStatus::stop_requested);
  hide();
}

void AnalysisStatus::start() {
  since_.start();
  hide();
}

void AnalysisStatus::show_step(const QString& step, double fraction) {
  const QString what = step == QStringLiteral("reading")     ? QStringLiteral("Reading the events")
                       : step == QStringLiteral("replaying") ? QStringLiteral("Replaying the run")
                       : step == QStringLiteral("summarising")
                           ? QStringLiteral("Summarising the run")
                           : QStringLiteral("Judging the run");
  if (fraction < 0) {
    bar_->setRange(0, 0);  // busy
    bar_->setFormat(what);
  } else {
    bar_->setRange(0, 1000);
    bar_->setValue(int(fraction * 1000));
    bar_->setFormat(what + QStringLiteral(": %p%"));
  }
  constexpr qint64 kQuietMs = 300;
  if (!since_.isValid() || since_.elapsed() >= kQuietMs) show();
}

void AnalysisStatus::finish() { hide(); }

QString AnalysisStatus::text() const {
  return bar_->maximum() == 0 ? bar_->format() : bar_->text();  // a busy bar has no text()
}

}  // namespace cspview
