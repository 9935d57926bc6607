#include "view_tabs.hpp"

#include "trace_document.hpp"

#include <QShortcut>
#include <QTabBar>

namespace cspview {

ViewTabs::ViewTabs(TimelineWidget* timeline, QWidget* parent)
    : QTabWidget(parent), timeline_(timeline) {
  setDocumentMode(true);
  addTab(timeline_, QStringLiteral("Timeline"));
  auto* first = new QShortcut(QKeySequence(QStringLiteral("Ctrl+1")), this);
  connect(first, &QShortcut::activated, this, [this] { setCurrentIndex(0); });
}

void ViewTabs::add_view(CursorView* view, const QString& title) {
  view->setParent(this);
  views_.push_back(view);
  const int index = addTab(view, title);
  setTabToolTip(index, QStringLiteral("%1 (Ctrl+%2)").arg(title).arg(index + 1));
  if (index < 9) {
    auto* key = new QShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(index + 1)), this);
    connect(key, &QShortcut::activated, this, [this, index] {
      if (isTabEnabled(index)) setCurrentIndex(index);
    });
  }
  connect(view, &CursorView::event_clicked, this, &ViewTabs::event_clicked);
}

QStringList ViewTabs::names() const {
  QStringList out{QStringLiteral("timeline")};
  for (const CursorView* v : views_) out << v->view_name();
  return out;
}

bool ViewTabs::show_view(const QString& name) {
  const qsizetype i = names().indexOf(name);
  if (i < 0 || !isTabEnabled(int(i))) return false;
  setCurrentIndex(int(i));
  return true;
}

QString ViewTabs::current_name() const { return names().value(currentIndex()); }

CursorView* ViewTabs::current_view() const { return qobject_cast<CursorView*>(currentWidget()); }

CursorView* ViewTabs::view(const QString& name) const {
  for (CursorView* v : views_)
    if (v->view_name() == name) return v;
  return nullptr;
}

void ViewTabs::set_document(const std::shared_ptr<const TraceDocument>& doc) {
  // A preview has no events to chart or to draw a network from: only the timeline is open.
  const bool preview = doc && doc->is_preview();
  for (int i = 1; i < count(); ++i) setTabEnabled(i, !preview);
  if (preview) setCurrentIndex(0);
  for (CursorView* v : views_) v->set_document(doc);
}

void ViewTabs::set_cursor(std::optional<size_t> event, const csptrace::ReplayState* state) {
  // Hidden views only store the cursor: they draw when their tab is shown.
  for (CursorView* v : views_) v->set_cursor(event, state);
}

void ViewTabs::set_theme(const Theme& theme) {
  QFont f = font();
  f.setPointSizeF(QFont().pointSizeF() * (theme.presentation ? 1.35 : 1.0));
  tabBar()->setFont(f);
  for (CursorView* v : views_) v->set_theme(theme);
}

}  // namespace cspview
