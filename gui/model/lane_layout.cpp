#include "lane_layout.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>

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

Interactions interactions_of(const TraceModel& m, uint32_t p, const std::atomic<bool>* cancel) {
  Interactions in{std::vector<bool>(m.processes().size()), std::vector<bool>(m.channels().size())};
  if (p >= m.processes().size()) return in;
  in.processes[p] = true;
  auto check = [cancel](size_t i) {
    if (cancel && (i & 0xFFFFF) == 0 && cancel->load()) throw csptrace::LoadCancelled();
  };
  for (size_t i = 0; i < m.size(); ++i) {
    check(i);
    const bool mine = m.proc_index(i) == p || m.from_index(i) == p || m.to_index(i) == p;
    if (!mine) continue;
    if (m.chan_index(i) != kNone) in.channels[m.chan_index(i)] = true;
    for (uint32_t other : {m.partner_index(i), m.from_index(i), m.to_index(i)})
      if (other != kNone) in.processes[other] = true;
  }
  // Processes that woke p or that p woke count too.
  for (size_t i = 0; i < m.size(); ++i) {
    check(i);
    if (m.partner_index(i) == p && m.proc_index(i) != kNone && m.kind(i) != EventKind::Spawn)
      in.processes[m.proc_index(i)] = true;
  }
  return in;
}

LaneLayout::LaneLayout(const TraceModel& m, const Options& o)
    : built_(true), lane_height_(o.lane_height), group_height_(o.group_height) {
  const std::string needle = lower(o.name_filter);
  std::shared_ptr<const Interactions> focus = o.focus_interactions;
  if (o.focus_process && !focus)
    focus = std::make_shared<const Interactions>(interactions_of(m, *o.focus_process));
  if (!o.focus_process) focus.reset();
  auto shown = [&](const std::string& label) {
    return needle.empty() || lower(label).find(needle) != std::string::npos;
  };
  // A group lists its shown indices only when some are hidden.
  auto fill = [&](Group& g, bool collapsed, size_t n, const std::vector<bool>* focused,
                  auto label) {
    if (collapsed) {
      g.all = false;
      return;
    }
    if (!focused && needle.empty()) {
      g.count = n;
      return;
    }
    g.all = false;
    for (uint32_t k = 0; k < n; ++k)
      if ((!focused || (*focused)[k]) && (needle.empty() || shown(label(k)))) g.shown.push_back(k);
    g.count = g.shown.size();
  };
  fill(procs_, o.processes_collapsed, m.processes().size(), focus ? &focus->processes : nullptr,
       [&](uint32_t p) { return csptrace::process_label(m, p); });
  fill(chans_, o.channels_collapsed, m.channels().size(), focus ? &focus->channels : nullptr,
       [&](uint32_t c) { return csptrace::channel_label(m, c); });
}

std::optional<size_t> LaneLayout::Group::position(uint32_t index) const {
  if (all) return index < count ? std::optional<size_t>(index) : std::nullopt;
  const auto it = std::lower_bound(shown.begin(), shown.end(), index);
  if (it == shown.end() || *it != index) return std::nullopt;
  return size_t(it - shown.begin());
}

LaneRow LaneLayout::row(size_t r) const {
  const size_t np = procs_.count;
  if (r == 0) return {RowKind::ProcessGroup, 0, 0, group_height_};
  if (r <= np) {
    const int k = int(r - 1);
    return {RowKind::Process, procs_.at(r - 1), group_height_ + k * lane_height_, lane_height_};
  }
  if (r == np + 1) return {RowKind::ChannelGroup, 0, channel_group_y(), group_height_};
  const int k = int(r - np - 2);
  return {RowKind::Channel, chans_.at(r - np - 2),
          channel_group_y() + group_height_ + k * lane_height_, lane_height_};
}

int LaneLayout::height() const {
  return built_ ? channel_group_y() + group_height_ + int(chans_.count) * lane_height_ : 0;
}

std::optional<LaneRow> LaneLayout::row_at(int y) const {
  if (!built_ || y < 0 || y >= height()) return std::nullopt;
  if (y < group_height_) return row(0);
  const int cy = channel_group_y();
  if (y < cy) return row(1 + size_t((y - group_height_) / lane_height_));
  if (y < cy + group_height_) return row(procs_.count + 1);
  return row(procs_.count + 2 + size_t((y - cy - group_height_) / lane_height_));
}

std::pair<size_t, size_t> LaneLayout::rows_between(int y0, int y1) const {
  const int from = std::max(y0, 0), to = std::min(y1, height());
  if (to <= from) return {0, 0};
  return {index_of(*row_at(from)), index_of(*row_at(to - 1)) + 1};
}

size_t LaneLayout::index_of(const LaneRow& r) const {
  switch (r.kind) {
    case RowKind::ProcessGroup: return 0;
    case RowKind::Process: return 1 + *procs_.position(r.index);
    case RowKind::ChannelGroup: return procs_.count + 1;
    case RowKind::Channel: return procs_.count + 2 + *chans_.position(r.index);
  }
  return 0;
}

std::optional<LaneRow> LaneLayout::process_row(uint32_t p) const {
  const std::optional<size_t> k = built_ ? procs_.position(p) : std::nullopt;
  return k ? std::optional<LaneRow>(row(1 + *k)) : std::nullopt;
}

std::optional<LaneRow> LaneLayout::channel_row(uint32_t c) const {
  const std::optional<size_t> k = built_ ? chans_.position(c) : std::nullopt;
  return k ? std::optional<LaneRow>(row(procs_.count + 2 + *k)) : std::nullopt;
}

}  // namespace cspview
