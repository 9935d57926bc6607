// Which rows the timeline shows, top to bottom, and where: a "Processes" group of process lanes
// and a "Channels" group of channel lanes, each group collapsible, filtered by name and, when a
// focus process is set, to what interacts with it. Pure geometry: no Qt.
//
// Invariant: rows 0 .. row_count() - 1 are ordered by y and contiguous: the process group's
// title, its lanes, the channel group's title, its lanes; every lane row refers to an existing
// process or channel of the model it was built for. The rows are made when asked, from the
// shown indices (none kept when a group shows all): a run may have millions of processes, and a
// row each cost 20 bytes a process, twice while the layout was made again.
#pragma once

#include <csptrace/trace_model.hpp>

#include <atomic>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cspview {

enum class RowKind : uint8_t { ProcessGroup, ChannelGroup, Process, Channel };

struct LaneRow {
  RowKind kind = RowKind::Process;
  uint32_t index = 0;  // process or channel index for lane rows; unused for group headers
  int y = 0;           // top, in pixels below the time axis
  int height = 0;
  bool operator==(const LaneRow&) const = default;
};

// What interacts with one process: the channels it used and the processes on the other side.
struct Interactions {
  std::vector<bool> processes, channels;
};
// One pass over the events (about 8 ns an event: 0.8 s at 100 M, so the window runs it off its
// thread). Throws csptrace::LoadCancelled soon after *cancel turns true.
Interactions interactions_of(const csptrace::TraceModel& m, uint32_t process,
                             const std::atomic<bool>* cancel = nullptr);

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

  size_t row_count() const { return procs_.count + chans_.count + (built_ ? 2 : 0); }
  // Precondition: r < row_count().
  LaneRow row(size_t r) const;
  // The rows [first, last) that overlap the band y0 <= y < y1.
  std::pair<size_t, size_t> rows_between(int y0, int y1) const;
  int height() const;
  // The row at y, or nullopt.
  std::optional<LaneRow> row_at(int y) const;
  // The lane row of a process / channel, or nullopt when it is hidden.
  std::optional<LaneRow> process_row(uint32_t p) const;
  std::optional<LaneRow> channel_row(uint32_t c) const;

 private:
  // The lanes of one group: its shown indices, in increasing order (all of 0 .. count - 1 when
  // `all`, and then not listed).
  struct Group {
    bool all = true;
    size_t count = 0;
    std::vector<uint32_t> shown;
    uint32_t at(size_t k) const { return all ? uint32_t(k) : shown[k]; }
    std::optional<size_t> position(uint32_t index) const;  // k with at(k) == index
  };
  bool built_ = false;  // false: the default layout, without rows
  int lane_height_ = 0, group_height_ = 0;
  Group procs_, chans_;
  size_t index_of(const LaneRow& r) const;  // r's row number; r is a row of this layout
  int channel_group_y() const { return group_height_ + int(procs_.count) * lane_height_; }
};

}  // namespace cspview
