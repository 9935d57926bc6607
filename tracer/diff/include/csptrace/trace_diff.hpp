// Two runs of one program compared: which processes and channels are the same ones (by name and
// order, trace_match.hpp), where each process's own operations part (process_steps.hpp), how each
// channel's transfers differ, which findings of the analysis one run has and the other has not,
// and, when both runs recorded the scheduler's decisions, the decision at which they part.
// Qt-free; shared by `csptrace diff` and the viewer. docs/diff.md is the user's guide.
//
// Event positions here are event indices (0-based); show them as the trace's seq, which is how
// `csptrace print` numbers events.
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/trace_match.hpp>
#include <csptrace/trace_model.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace csptrace {

struct DiffOptions {
  bool ignore_values = false;  // steps and channels compare operations, not the values moved
  // A channel's values compare as a multiset, and a process's steps without their values: runs
  // that moved the same values through each channel in another order are the same.
  bool ignore_order_within_channel = false;
};

// Where one matched process's steps first differ. When one run's steps end first, its event is
// kNone: the process did nothing more there (it was stuck, or that trace was cut short).
struct ProcessDivergence {
  uint32_t proc_a = kNone, proc_b = kNone;
  size_t step = 0;                          // index of the first differing step (0: its first)
  size_t event_a = kNone, event_b = kNone;  // that step's event in A, in B
  size_t steps_a = 0, steps_b = 0;          // how many steps it has in each run
  // One run's steps are a prefix of the other's and that run was cut short (no end event):
  // the rest was not recorded, which is no divergence.
  bool cut = false;
};

struct ChannelDifference {
  // Order: the same values, reordered. Values: some values in one run only. Count (with
  // ignore_values): a different number of transfers.
  enum class Kind { Order, Values, Count };
  Kind kind = Kind::Order;
  uint32_t chan_a = kNone, chan_b = kNone;
  size_t transfer = 0;                      // index of the first differing transfer
  size_t event_a = kNone, event_b = kNone;  // its transfer event in each run (kNone: none)
  size_t transfers_a = 0, transfers_b = 0;
  // Values: the transfer events whose value the other run lacks (the first kListed of each),
  // and how many there are in all.
  static constexpr size_t kListed = 20;
  std::vector<size_t> only_a, only_b;
  size_t only_a_total = 0, only_b_total = 0;
};

// The scheduler's decisions side by side: the first one that differs, if any. Never parted
// when either run recorded no decisions (a run on the pool).
struct DecisionParting {
  size_t decisions_a = 0, decisions_b = 0;  // decide events in each run
  bool parted = false;                      // some decision differs, or one run made more
  size_t decision = 0;                      // 0-based index of the first difference
  size_t event_a = kNone, event_b = kNone;  // its decide event in each run (kNone: past the end)
};

struct OutcomeDifference {
  std::vector<Finding> only_a, only_b;  // findings with no finding of the same kind on the same
                                        // (matched) processes in the other run
  EndReason end_a = EndReason::Truncated, end_b = EndReason::Truncated;
  bool differs() const { return !only_a.empty() || !only_b.empty() || end_a != end_b; }
};

struct TraceDiff {
  TraceMatch match;
  // Matched processes whose steps differ, the earliest divergence first (by the earlier of its
  // two events, then the later, then A's process order; a missing side counts as its run's end).
  // Divergences marked `cut` come last: they are where a trace was cut short, not differences.
  std::vector<ProcessDivergence> processes;
  // Matched channels that differ, in A's order. A channel whose transfers in a trace cut short
  // are a prefix of its transfers in the other run is no difference.
  std::vector<ChannelDifference> channels;
  OutcomeDifference outcome;
  DecisionParting decisions;

  // The earliest real divergence, or nullptr when every matched process did the same.
  const ProcessDivergence* first_divergence() const {
    return !processes.empty() && !processes.front().cut ? &processes.front() : nullptr;
  }
  // Same processes and channels, same per-process behaviour, same channels, same outcome.
  bool equivalent() const {
    return match.complete() && processes.empty() && channels.empty() && !outcome.differs();
  }
};

// Compares run A with run B. Linear in their events, plus the analysis of each (judge()).
TraceDiff diff_traces(const TraceModel& a, const TraceModel& b, const DiffOptions& options = {});

}  // namespace csptrace
