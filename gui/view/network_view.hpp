// The process network, a lecturer's second picture: processes as boxes in their state colours,
// channels as small nodes with their kind and buffer (`fixed(3) ▮▮▯`), wires from putters to
// the channel to takers, laid out by Graphviz once per trace so that nothing moves while
// stepping. Processes appear when spawned; the current message slides along its wires (a short
// animation, off with set_animated(false)); a deadlock's wait-for cycle turns red once all its
// waits have begun.
//
// Clicking a process box moves the cursor to that process's next event after the cursor (what
// it does next); clicking a channel node moves it to the channel's next event (the next value
// through it). When there is none, a click does nothing.
//
// Invariants: the graph changes only in set_document, and is made on its first use after it (a
// pass over every event: a window whose network tab is never opened never pays for it); its
// layout only on the first use after set_document / set_theme (never while stepping); the frame
// is rebuilt on every set_cursor from the state given there (while the graph is not made yet,
// set_cursor only keeps the cursor, and the first use makes the frame with the replay's state
// there, the state set_cursor is given); paint_frame and the screen paint the same scene, except
// that paint_frame shows the message at rest (no animation).
#pragma once

#include "cursor_view.hpp"
#include "network_frame.hpp"
#include "network_graph.hpp"
#include "network_layout.hpp"
#include "network_scene.hpp"
#include "theme.hpp"

#include <QVariantAnimation>

namespace cspview {

class NetworkView : public CursorView {
  Q_OBJECT
 public:
  explicit NetworkView(QWidget* parent = nullptr);

  QString view_name() const override { return QStringLiteral("network"); }
  void set_document(std::shared_ptr<const TraceDocument> doc) override;
  void set_cursor(std::optional<size_t> event, const csptrace::ReplayState* state) override;
  QSize frame_size() const override;
  void paint_frame(QPainter& painter) const override;
  QJsonObject describe() const override;

  // Presentation mode and the dark theme: fonts scale with theme.font_scale; the layout is
  // measured again.
  void set_theme(const Theme& theme) override;
  void set_animated(bool on) { animated_ = on; }
  bool animated() const { return animated_; }
  static constexpr int kAnimationMs = 450;

  const NetworkGraph& graph() const {
    made();
    return graph_;
  }
  // Laid out on first use after set_document / set_theme (a view that is never shown never
  // pays for Graphviz), at the view's size then.
  const NetworkLayout& layout() const;
  const NetworkFrame& frame() const {
    made();
    return frame_;
  }
  // The event a click at pos leads to (see the class comment), in widget coordinates.
  std::optional<size_t> click_target(QPoint pos) const;
  // The centre of a process's / channel's node on screen, for tests; nullopt when not shown.
  std::optional<QPoint> process_centre(uint32_t p) const;
  std::optional<QPoint> channel_centre(uint32_t c) const;

  QSize sizeHint() const override { return {900, 600}; }

 protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent*) override;

 private:
  void relayout() const;
  // Makes the graph, the cycle and the frame at the kept cursor if set_document left them
  // unmade.
  void made() const;
  // The frame and caption at event, from state (or the document's replay when null).
  void frame_at(std::optional<size_t> event, const csptrace::ReplayState* state) const;
  NetworkScene scene(QSize size, double progress) const;
  double still_progress() const;

  std::shared_ptr<const TraceDocument> doc_;
  // graph_, cycle_ and frame_ are valid when !unmade_; cursor_ is the cursor set since.
  mutable NetworkGraph graph_;
  mutable bool unmade_ = false;
  std::optional<size_t> cursor_;
  mutable NetworkLayout layout_;  // valid when !layout_stale_
  mutable bool layout_stale_ = true;
  mutable NetworkCycle cycle_;
  mutable NetworkFrame frame_;
  mutable QString caption_;
  bool animated_ = true;
  QVariantAnimation animation_;
};

}  // namespace cspview
