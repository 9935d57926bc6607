#include "step_export.hpp"

#include "event_number.hpp"
#include "main_window.hpp"
#include "view_export.hpp"
#include "view_tabs.hpp"

#include <QApplication>
#include <QDir>

namespace cspview {

bool export_steps(MainWindow& window, const QString& dir, std::optional<uint64_t> from,
                  std::optional<uint64_t> to, QString* error, int* written) {
  *written = 0;
  const TraceDocument* doc = window.document();
  if (!doc || doc->model().empty() || !window.stepper().has_document()) {
    *error = QStringLiteral("the trace has no events to step through");
    return false;
  }
  const auto& m = doc->model();
  const uint64_t first = from.value_or(m.seq(0)), last = to.value_or(m.seq(m.size() - 1));
  const auto i0 = event_at_number(m, first), i1 = event_at_number(m, last);
  // event_at_number takes the last event at or before a number: a range past either end is
  // refused here rather than shrunk to one step.
  if (!i0 || !i1 || *i1 < *i0 || first > m.seq(m.size() - 1) || last < m.seq(0)) {
    *error = QStringLiteral("no events between #%1 and #%2 (the trace has #%3 to #%4)")
                 .arg(first)
                 .arg(last)
                 .arg(m.seq(0))
                 .arg(m.seq(m.size() - 1));
    return false;
  }
  if (*i1 - *i0 + 1 > kMaxExportSteps && !(from && to)) {
    *error = QStringLiteral(
                 "%1 steps is too many slides; choose some with --from N --to M (at most %2 "
                 "without both)")
                 .arg(*i1 - *i0 + 1)
                 .arg(kMaxExportSteps);
    return false;
  }
  if (!QDir().mkpath(dir)) {
    *error = QStringLiteral("%1: cannot make the folder").arg(dir);
    return false;
  }
  const int digits = std::max(4, int(QString::number(m.seq(*i1)).size()));
  for (size_t e = *i0; e <= *i1; ++e) {
    window.seek_event(e);
    QApplication::processEvents();
    const QString path = QDir(dir).filePath(
        QStringLiteral("step-%1.png").arg(m.seq(e), digits, 10, QLatin1Char('0')));
    const CursorView* v = window.views()->current_view();
    const QImage image = v ? render_cursor_view(*v) : window.timeline()->grab().toImage();
    if (!image.save(path, "PNG")) {
      *error = QStringLiteral("%1: cannot write the image (is the folder writable?)").arg(path);
      return false;
    }
    ++*written;
  }
  return true;
}

}  // namespace cspview
