#include "lane_layout.hpp"

#include <csptrace/event_format.hpp>

#include <algorithm>
#include <cctype>

namespace cspview {

using csptrace::EventKind;
using csptrace::kNone;
using csptrace::TraceModel;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Interactions interactions_of(const TraceModel& m, uint32_t p) {
  Interactions in{std::vector<bool>(m.processes().size()), std::vector<bool>(m.channels().size())};
  if (p >= m.processes().size()) return in;
  in.processes[p] = true;
  for (size_t i = 0; i < m.size(); ++i) {
    const bool mine = m.proc_index(i) == p || m.from_index(i) == p || m.to_index(i) == p;
    if (!mine) continue;
    if (m.chan_index(i) != kNone) in.channels[m.chan_index(i)] = true;
    for (uint32_t other : {m.partner_index(i), m.from_index(i), m.to_index(i)})
      if (other != kNone) in.processes[other] = true;
  }
  // Processes that woke p or that p woke count too.
  for (size_t i = 0; i < m.size(); ++i)
    if (m.partner_index(i) == p && m.proc_index(i) != kNone && m.kind(i) != EventKind::Spawn)
      in.processes[m.proc_index(i)] = true;
  return in;
}

LaneLayout::LaneLayout(const TraceModel& m, const Options& o)
    : proc_row_(m.processes().size(), -1), chan_row_(m.channels().size(), -1) {
  const std::string needle = lower(o.name_filter);
  std::shared_ptr<const Interactions> focus = o.focus_interactions;
  if (o.focus_process && !focus)
    focus = std::make_shared<const Interactions>(interactions_of(m, *o.focus_process));
  if (!o.focus_process) focus.reset();
  auto shown = [&](const std::string& label) {
    return needle.empty() || lower(label).find(needle) != std::string::npos;
  };
  int y = 0;
  rows_.reserve(2 + (o.processes_collapsed ? 0 : m.processes().size()) +
                (o.channels_collapsed ? 0 : m.channels().size()));
  auto add = [&](RowKind k, uint32_t ix, int h) {
    rows_.push_back({k, ix, y, h});
    y += h;
  };
  add(RowKind::ProcessGroup, 0, o.group_height);
  if (!o.processes_collapsed)
    for (uint32_t p = 0; p < m.processes().size(); ++p) {
      if (focus && !focus->processes[p]) continue;
      if (!needle.empty() && !shown(csptrace::process_label(m, p))) continue;
      proc_row_[p] = static_cast<int>(rows_.size());
      add(RowKind::Process, p, o.lane_height);
    }
  add(RowKind::ChannelGroup, 0, o.group_height);
  if (!o.channels_collapsed)
    for (uint32_t c = 0; c < m.channels().size(); ++c) {
      if (focus && !focus->channels[c]) continue;
      if (!needle.empty() && !shown(csptrace::channel_label(m, c))) continue;
      chan_row_[c] = static_cast<int>(rows_.size());
      add(RowKind::Channel, c, o.lane_height);
    }
}

const LaneRow* LaneLayout::row_at(int y) const {
  auto it = std::upper_bound(rows_.begin(), rows_.end(), y,
                             [](int v, const LaneRow& r) { return v < r.y; });
  if (it == rows_.begin()) return nullptr;
  --it;
  return y < it->y + it->height ? &*it : nullptr;
}

const LaneRow* LaneLayout::process_row(uint32_t p) const {
  return p < proc_row_.size() && proc_row_[p] >= 0 ? &rows_[proc_row_[p]] : nullptr;
}

const LaneRow* LaneLayout::channel_row(uint32_t c) const {
  return c < chan_row_.size() && chan_row_[c] >= 0 ? &rows_[chan_row_[c]] : nullptr;
}

}  // namespace cspview
