// The centre of the window: the timeline and the teaching views (the sequence chart, the process
// network) as tabs, all on the window's one cursor. The host hands each view the document, the
// cursor and the theme, and turns a click in any view into one signal, so the window moves the
// cursor once and every view follows. Adding a view is one add_view call (teaching_views.cpp).
//
// Invariants: tab 0 is the timeline; every other tab is a CursorView whose view_name() is unique.
#pragma once

#include "cursor_view.hpp"
#include "theme.hpp"
#include "timeline_widget.hpp"

#include <QStringList>
#include <QTabWidget>

#include <vector>

namespace cspview {

class ViewTabs : public QTabWidget {
  Q_OBJECT
 public:
  ViewTabs(TimelineWidget* timeline, QWidget* parent = nullptr);

  // Adds `view` as the last tab, titled `title`; from now on it gets the document, the cursor
  // and the theme, and its event_clicked reaches this host's. Ctrl+1..9 choose tabs in order.
  void add_view(CursorView* view, const QString& title);

  // "timeline", then each view's name, in tab order (the names --view accepts).
  QStringList names() const;
  // Shows the view named `name`; false (and nothing changes) when there is none, or while a
  // preview is shown and it is not the timeline.
  bool show_view(const QString& name);
  QString current_name() const;
  // The current tab's view, nullptr while the timeline is shown.
  CursorView* current_view() const;
  CursorView* view(const QString& name) const;

  // Every view gets the document; a preview's (TraceDocument::is_preview) disables the tabs
  // but the timeline's and shows the timeline, as it has no events to chart.
  void set_document(const std::shared_ptr<const TraceDocument>& doc);
  void set_cursor(std::optional<size_t> event, const csptrace::ReplayState* state);
  void set_theme(const Theme& theme);

 signals:
  void event_clicked(size_t event);

 private:
  TimelineWidget* timeline_;
  std::vector<CursorView*> views_;
};

}  // namespace cspview
