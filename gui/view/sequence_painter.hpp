// Draws one frame of the sequence chart (sequence_frame.hpp) onto any QPainter: the screen, a
// PNG or an SVG generator, with every name and value as text. Rows after the cursor are drawn
// faint (what has not happened yet), the cursor's row on a coloured band with its arrow thick.
#pragma once

#include "sequence_frame.hpp"
#include "sequence_layout.hpp"
#include "theme.hpp"

#include <csptrace/trace_model.hpp>

#include <QFont>

class QPainter;

namespace cspview {

class SequencePainter {
 public:
  SequencePainter(const SequenceLayout& layout, const SequenceFrame& frame,
                  const csptrace::TraceModel& m, const Theme& theme, const QFont& base);
  void paint(QPainter& p) const;
  // The text size rows are labelled in (the header's is a little larger).
  const QFont& label_font() const { return font_; }

 private:
  void paint_lifelines(QPainter& p) const;
  void paint_bars(QPainter& p) const;
  void paint_row(QPainter& p, size_t r) const;
  void paint_arrow(QPainter& p, const SeqRow& row, const QString& label, double y, const QColor& c,
                   bool current) const;
  void paint_mark(QPainter& p, const SeqRow& row, const QString& label, double y,
                  const QColor& c) const;
  void paint_header(QPainter& p) const;
  void paint_cycle(QPainter& p) const;
  void paint_notes(QPainter& p) const;
  // A label on the background colour, so a lifeline running under it never hides a letter;
  // `alpha` 255 hides all under it (the cursor's label, over its neighbours' words).
  void boxed_text(QPainter& p, const QRectF& r, int align, const QString& text, const QColor& c,
                  int alpha = 215) const;

  const SequenceLayout& layout_;
  const SequenceFrame& fr_;
  const csptrace::TraceModel& m_;
  const Theme& theme_;
  QFont font_, bold_, small_;
};

}  // namespace cspview
