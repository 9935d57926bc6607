#include <csptrace/trace_match.hpp>

#include <string_view>
#include <unordered_map>

namespace csptrace {

namespace {

// Pairs the entries of two lists in declaration order by name: the k-th entry named X in `a`
// with the k-th named X in `b`. Returns how many were paired.
template <class Info>
size_t pair_by_name(const TraceModel& ma, const std::vector<Info>& a, const TraceModel& mb,
                    const std::vector<Info>& b, std::vector<uint32_t>& to_b,
                    std::vector<uint32_t>& to_a) {
  to_b.assign(a.size(), kNone);
  to_a.assign(b.size(), kNone);
  // For each name, B's entries in order, and how many of them A has paired so far.
  std::unordered_map<std::string_view, std::vector<uint32_t>> in_b;
  for (uint32_t j = 0; j < b.size(); ++j) in_b[mb.str(b[j].name)].push_back(j);
  std::unordered_map<std::string_view, size_t> used;
  size_t paired = 0;
  for (uint32_t i = 0; i < a.size(); ++i) {
    auto it = in_b.find(ma.str(a[i].name));
    if (it == in_b.end()) continue;
    size_t& k = used[ma.str(a[i].name)];
    if (k >= it->second.size()) continue;
    const uint32_t j = it->second[k++];
    to_b[i] = j;
    to_a[j] = i;
    ++paired;
  }
  return paired;
}

}  // namespace

TraceMatch match_traces(const TraceModel& a, const TraceModel& b) {
  TraceMatch m;
  m.procs_matched = pair_by_name(a, a.processes(), b, b.processes(), m.proc_b, m.proc_a);
  m.chans_matched = pair_by_name(a, a.channels(), b, b.channels(), m.chan_b, m.chan_a);
  return m;
}

}  // namespace csptrace
