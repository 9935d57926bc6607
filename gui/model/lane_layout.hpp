// Which rows the timeline shows, top to bottom, and where: a "Processes" group of process lanes
// and a "Channels" group of channel lanes, each group collapsible, filtered by name and, when a
// focus process is set, to what interacts with it. Pure geometry: no Qt.
//
// Invariant: rows() is ordered by y, contiguous, and every lane row refers to an existing
// process or channel of the model it was built for.
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cspview {

enum class RowKind : uint8_t { ProcessGroup, ChannelGroup, Process, Channel };

struct LaneRow {
  RowKind kind = RowKind::Process;
  uint32_t index = 0;  // process or channel index for lane rows; unused for group headers
  int y = 0;           // top, in pixels below the time axis
  int height = 0;
};

// What interacts with one process: the channels it used and the processes on the other side.
struct Interactions {
  std::vector<bool> processes, channels;
};
Interactions interactions_of(const csptrace::TraceModel& m, uint32_t process);

class LaneLayout {
 public:
  struct Options {
    int lane_height = 26;
    int group_height = 22;
    std::string name_filter;                // case-insensitive substring; empty: all
    std::optional<uint32_t> focus_process;  // only what interacts with it
    // interactions_of(focus_process), when the caller keeps it (it costs a pass over the
    // events); computed here when null.
    std::shared_ptr<const Interactions> focus_interactions;
    bool processes_collapsed = false;
    bool channels_collapsed = false;
  };

  LaneLayout() = default;
  LaneLayout(const csptrace::TraceModel& m, const Options& options);

  const std::vector<LaneRow>& rows() const { return rows_; }
  int height() const { return rows_.empty() ? 0 : rows_.back().y + rows_.back().height; }
  // The row at y, or nullptr.
  const LaneRow* row_at(int y) const;
  // The lane row of a process / channel, or nullptr when it is hidden.
  const LaneRow* process_row(uint32_t p) const;
  const LaneRow* channel_row(uint32_t c) const;

 private:
  std::vector<LaneRow> rows_;
  std::vector<int> proc_row_, chan_row_;  // row number or -1
};

}  // namespace cspview
