// Where everything of the sequence chart goes in one frame of a given size: which rows are shown
// (all of them when they fit at a readable height, else a window around the cursor, so a
// million-event trace draws as fast as the hot dog), the x of each lifeline shown and the y of
// each row, in logical time (rows evenly spaced) or real time (spaced by their time, never
// closer than a readable minimum). Qt-free and tested without widgets (the KDAB hotspot way).
//
// Invariants: first_row <= end_row <= layout.rows().size(); row_y has end_row - first_row
// entries, increasing; lane_x has one entry per lifeline, kHidden for one not shown.
#pragma once

#include "sequence_layout.hpp"

#include <csptrace/trace_model.hpp>

#include <cstddef>
#include <optional>
#include <vector>

namespace cspview {

// Sizes in pixels; presentation mode scales them all.
struct SequenceMetrics {
  double row_min = 24;  // below this a row is not readable from the back of a room
  double row_max = 40;  // a short trace does not spread into a few lonely rows
  double header = 40;   // the lifelines' name boxes
  double gutter = 52;   // event numbers on the left
  double col_min = 84;  // lifelines closer than this would overlap their labels
  double col_max = 240;
  double margin = 10;
  double cycle_row = 30;  // each wait-for edge of a deadlock, below the last row
  SequenceMetrics scaled(double s) const;
};

struct SequenceFrame {
  static constexpr double kHidden = -1;
  double width = 0, height = 0;
  size_t first_row = 0, end_row = 0;  // the rows shown: [first_row, end_row)
  size_t total_rows = 0;
  double row_h = 0;            // spacing of rows in logical time
  double top = 0, bottom = 0;  // the rows' band (below the header, above the cycle)
  double col_w = 0;
  double gutter = 0;           // the event numbers' column on the left
  std::vector<double> lane_x;  // by lifeline; kHidden when not shown
  std::vector<double> row_y;   // centre of row first_row + k
  size_t hidden_lanes = 0;     // lifelines not shown (not in this window, or no room)
  std::optional<size_t> cursor_row;
  bool shown(uint32_t lane) const { return lane < lane_x.size() && lane_x[lane] != kHidden; }
  bool has_row(size_t r) const { return r >= first_row && r < end_row; }
  double y_of(size_t r) const { return row_y[r - first_row]; }
  // The row drawn at height y (the nearest within half a row), nullopt outside the rows.
  std::optional<size_t> row_at_y(double y) const;
};

// How many rows fit in a frame `height` high at the minimum row height.
size_t rows_that_fit(const SequenceLayout& layout, const SequenceMetrics& mx, double height);

// The first row of the window: `current` while the cursor's row stays at least two rows inside
// it (the chart does not jump at every step), else the window that puts the cursor a third of
// the way down. `fit` rows are shown.
size_t window_start(size_t total, size_t fit, std::optional<size_t> cursor_row, size_t current);

// The frame showing rows from first_row (clamped so the window is full), the cursor's row
// highlighted; choose first_row with window_start.
SequenceFrame frame_sequence(const SequenceLayout& layout, const csptrace::TraceModel& m,
                             const SequenceMetrics& mx, double width, double height,
                             size_t first_row, std::optional<size_t> cursor_row, bool real_time);

}  // namespace cspview
