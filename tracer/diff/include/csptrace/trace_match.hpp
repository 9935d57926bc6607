// Which process and channel of run A is which of run B. Numeric ids may differ between two runs
// of one program, so identity is the name and the order: the k-th process named X spawned in A
// is the k-th process named X spawned in B, and likewise channels by creation order. Ids are
// never compared. The follower of run B (diff_follower.hpp) makes the match as B declares them.
//
// Invariant: the two directions agree: proc_b[p] == q exactly when proc_a[q] == p (the same for
// channels); kNone marks one with no counterpart.
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <vector>

namespace csptrace {

struct TraceMatch {
  std::vector<uint32_t> proc_b;  // by A's dense process index: B's, or kNone
  std::vector<uint32_t> proc_a;  // by B's dense process index: A's, or kNone
  std::vector<uint32_t> chan_b;  // by A's dense channel index: B's, or kNone
  std::vector<uint32_t> chan_a;  // by B's dense channel index: A's, or kNone
  size_t procs_matched = 0;
  size_t chans_matched = 0;
  // Every process and every channel of each run has a counterpart.
  bool complete() const {
    return procs_matched == proc_b.size() && procs_matched == proc_a.size() &&
           chans_matched == chan_b.size() && chans_matched == chan_a.size();
  }
};

}  // namespace csptrace
