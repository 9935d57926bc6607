// The contract every view driven by the window's one cursor keeps (the sequence chart, the
// process network, and any later teaching view): it is given the document once per trace and
// the cursor on every step, it asks the window to move the cursor by emitting event_clicked,
// and it can draw its current frame onto any QPainter (the screen, a PNG, an SVG generator),
// so export and the screen never draw two different pictures.
//
// Invariants: set_cursor is only called after set_document with the same trace; the state
// pointer, when not null, stays valid until the next set_cursor or set_document call (the
// StepController owns it); a view never moves the cursor itself, only asks through the signal.
#pragma once

#include "theme.hpp"
#include "trace_document.hpp"

#include <csptrace/replay_state.hpp>

#include <QJsonObject>
#include <QSize>
#include <QString>
#include <QWidget>

#include <cstddef>
#include <memory>
#include <optional>

class QPainter;

namespace cspview {

class CursorView : public QWidget {
  Q_OBJECT
 public:
  using QWidget::QWidget;

  // The name used by `cspview --view NAME` and in exported file names ("sequence", "network").
  virtual QString view_name() const = 0;
  virtual void set_document(std::shared_ptr<const TraceDocument> doc) = 0;
  // event: the event the cursor stands after (nullopt before the first); state: the replayed
  // state there, or null while the analysis is not ready.
  virtual void set_cursor(std::optional<size_t> event, const csptrace::ReplayState* state) = 0;
  // The size the whole current frame needs to be drawn without clipping (for export).
  virtual QSize frame_size() const = 0;
  // Draws the current frame at the origin of painter, frame_size() large, with text as text
  // (so an SVG keeps names and values searchable).
  virtual void paint_frame(QPainter& painter) const = 0;
  // What the frame shows, for `--view-json` and the tests (which test the view through this,
  // not through pixels): at least {"view": view_name(), "cursor_event": N or null, ...}.
  virtual QJsonObject describe() const = 0;
  // The window's colours and type (dark, presentation); a view keeps them in theme_ and
  // redraws. Not pure, so a view that only needs the palette has nothing to write.
  virtual void set_theme(const Theme& theme) {
    theme_ = theme;
    update();
  }

 signals:
  void event_clicked(size_t event);

 protected:
  Theme theme_ = Theme::make(false, false);
};

}  // namespace cspview
