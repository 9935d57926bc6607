#include <csptrace/run_digest.hpp>

#include "step_digest.hpp"

#include <algorithm>

namespace csptrace {

using diff_detail::decision_of;
using diff_detail::step_digest;
using diff_detail::value_digest;

namespace {

// Sorts entries by owner, keeping their order (event order) within one, and returns where each
// owner's entries start: owners + 1 offsets. A stable sort takes a buffer of half the entries
// when it can have one and sorts in place, more slowly, when it cannot.
std::vector<size_t> group_by_owner(std::vector<RunDigest::Entry>& entries, size_t owners) {
  std::stable_sort(
      entries.begin(), entries.end(),
      [](const RunDigest::Entry& x, const RunDigest::Entry& y) { return x.owner < y.owner; });
  std::vector<size_t> first(owners + 1, 0);
  for (const RunDigest::Entry& e : entries) ++first[e.owner + 1];
  for (size_t k = 1; k < first.size(); ++k) first[k] += first[k - 1];
  entries.shrink_to_fit();
  return first;
}

}  // namespace

RunDigest::RunDigest(const DiffOptions& options) : options_(options) {
  how_.ignore_values = options.ignore_values || options.ignore_order_within_channel;
}

void RunDigest::take(const TraceModel& m) {
  uint32_t owners[2];
  for (; next_ < m.size(); ++next_) {
    const size_t i = next_;
    const auto event = static_cast<uint32_t>(i);
    const int n = step_owners(m, i, owners);
    for (int k = 0; k < n; ++k)
      steps_.push_back({owners[k], event, step_digest(m, i, owners[k], m.chan_index(i), how_)});
    const EventKind kind = m.kind(i);
    if (kind == EventKind::Transfer)
      transfers_.push_back({m.chan_index(i), event, value_digest(m, m.field<Field::value>(i))});
    else if (kind == EventKind::Decide)
      decisions_.push_back(decision_of(m, i, m.proc_index(i), m.chan_index(i)));
  }
}

void RunDigest::group_names(const std::vector<StrId>& name, Names& out) const {
  out.start.assign(size_t{names_.size()} + 1, 0);
  for (StrId id : name) ++out.start[id + 1];
  for (size_t k = 1; k < out.start.size(); ++k) out.start[k] += out.start[k - 1];
  out.order.resize(name.size());
  std::vector<uint32_t> fill(out.start.begin(), out.start.end() - 1);
  for (uint32_t k = 0; k < name.size(); ++k) out.order[fill[name[k]]++] = k;
}

void RunDigest::finish(const TraceModel& m, std::vector<Finding> findings) {
  take(m);
  proc_first_ = group_by_owner(steps_, m.processes().size());
  chan_first_ = group_by_owner(transfers_, m.channels().size());
  decisions_.shrink_to_fit();
  findings_ = std::move(findings);
  // Every name first, so that both groupings cover every name id.
  std::vector<StrId> proc_names, chan_names;
  proc_names.reserve(m.processes().size());
  chan_names.reserve(m.channels().size());
  for (const ProcessInfo& p : m.processes()) proc_names.push_back(names_.intern(m.str(p.name)));
  for (const ChannelInfo& c : m.channels()) chan_names.push_back(names_.intern(m.str(c.name)));
  group_names(proc_names, procs_);
  group_names(chan_names, chans_);
  events_ = m.size();
  complete_ = m.complete();
  end_reason_ = m.end_reason();
}

}  // namespace csptrace
