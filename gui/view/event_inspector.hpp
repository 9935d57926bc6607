// The inspector panel: everything about one event (kind and what it means, process, channel,
// value, source file:line), and what its process and channel look like right after it.
#pragma once

#include "trace_document.hpp"

#include <csptrace/replay_state.hpp>

#include <QTextBrowser>

namespace cspview {

class EventInspector : public QTextBrowser {
  Q_OBJECT
 public:
  explicit EventInspector(QWidget* parent = nullptr);
  // `after` is the replay state after the event.
  void show_event(const TraceDocument& doc, size_t event, const csptrace::ReplayState& after);
  void show_text(const QString& html);

  static QString event_html(const TraceDocument& doc, size_t event,
                            const csptrace::ReplayState& after);
};

}  // namespace cspview
