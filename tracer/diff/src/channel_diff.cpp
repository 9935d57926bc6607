// Each matched channel's transfers in A against those in B: the values it delivered, in order.
#include <csptrace/process_steps.hpp>

#include "diff_parts.hpp"

#include <string>
#include <unordered_map>

namespace csptrace::diff_detail {

namespace {

// The transfer events of every channel, flat: channel c's are events[first[c] .. first[c+1]).
struct ChannelTransfers {
  std::vector<size_t> first;
  std::vector<uint32_t> events;
  explicit ChannelTransfers(const TraceModel& m) : first(m.channels().size() + 1, 0) {
    for (size_t i = 0; i < m.size(); ++i)
      if (m.kind(i) == EventKind::Transfer) ++first[m.chan_index(i) + 1];
    for (size_t c = 1; c < first.size(); ++c) first[c] += first[c - 1];
    events.resize(first.back());
    std::vector<size_t> next(first.begin(), first.end() - 1);
    for (size_t i = 0; i < m.size(); ++i)
      if (m.kind(i) == EventKind::Transfer)
        events[next[m.chan_index(i)]++] = static_cast<uint32_t>(i);
  }
  std::span<const uint32_t> of(uint32_t c) const {
    return {events.data() + first[c], first[c + 1] - first[c]};
  }
};

// A value as a key that is equal across traces exactly when same_value says so.
std::string value_key(const TraceModel& m, size_t i) {
  const Value v = m.field<Field::value>(i);
  if (v.kind == Value::Kind::Int) return "i" + std::to_string(v.num);
  if (v.kind == Value::Kind::Text) return "t" + std::string(m.str(v.text));
  return "-";
}

// The values of xa that xb lacks (as many times as they are missing), and those of xb xa lacks.
void unmatched_values(const TraceModel& a, std::span<const uint32_t> xa, const TraceModel& b,
                      std::span<const uint32_t> xb, ChannelDifference& out) {
  std::unordered_map<std::string, long> balance;  // occurrences in A minus occurrences in B
  for (uint32_t i : xa) ++balance[value_key(a, i)];
  for (uint32_t i : xb) --balance[value_key(b, i)];
  auto collect = [&](const TraceModel& m, std::span<const uint32_t> xs, long sign,
                     std::vector<size_t>& listed, size_t& total) {
    for (uint32_t i : xs) {
      long& left = balance[value_key(m, i)];
      if (left * sign <= 0) continue;
      left -= sign;
      if (listed.size() < ChannelDifference::kListed) listed.push_back(i);
      ++total;
    }
  };
  collect(a, xa, +1, out.only_a, out.only_a_total);
  collect(b, xb, -1, out.only_b, out.only_b_total);
}

}  // namespace

void diff_channels(const TraceModel& a, const TraceModel& b, const DiffOptions& o, TraceDiff& d) {
  const ChannelTransfers ta(a), tb(b);
  for (uint32_t ca = 0; ca < a.channels().size(); ++ca) {
    const uint32_t cb = d.match.chan_b[ca];
    if (cb == kNone) continue;
    const auto xa = ta.of(ca), xb = tb.of(cb);
    ChannelDifference c;
    c.chan_a = ca;
    c.chan_b = cb;
    c.transfers_a = xa.size();
    c.transfers_b = xb.size();
    size_t k = 0;
    const size_t common = std::min(xa.size(), xb.size());
    if (!o.ignore_values)
      while (k < common &&
             same_value(a, a.field<Field::value>(xa[k]), b, b.field<Field::value>(xb[k])))
        ++k;
    else
      k = common;
    if (k == xa.size() && k == xb.size()) continue;
    // A prefix of the other run's transfers, in a trace cut short: the rest was not recorded.
    if ((k == xa.size() && !a.complete()) || (k == xb.size() && !b.complete())) continue;
    c.transfer = k;
    if (k < xa.size()) c.event_a = xa[k];
    if (k < xb.size()) c.event_b = xb[k];
    if (o.ignore_values) {
      c.kind = ChannelDifference::Kind::Count;
    } else {
      unmatched_values(a, xa.subspan(k), b, xb.subspan(k), c);  // the first k are the same
      const bool reordered = c.only_a_total == 0 && c.only_b_total == 0;
      if (reordered && o.ignore_order_within_channel) continue;
      c.kind = reordered ? ChannelDifference::Kind::Order : ChannelDifference::Kind::Values;
    }
    d.channels.push_back(std::move(c));
  }
}

}  // namespace csptrace::diff_detail
