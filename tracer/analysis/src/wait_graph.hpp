// The wait-for graph of a run's end state, and which waiting processes can never move again.
//
// Definitions (docs/analysis.md, "The wait-for graph"):
//  - a process is *stuck* when it is live, waiting (parked, blocked or sleeping) and its
//    operation has not completed;
//  - the *releasers* of a wait to take from channel X are the processes that ever put on X
//    (directly, into its buffer, or as an alt guard); of a wait to put on X, those that ever took
//    from X. A take also counts the processes that took more values from a fixed buffer X than
//    they put on it and do not wait to take from X themselves: they hold X's values (a fork
//    from a table of forks) and may put them back. When nobody ever did the operation on X, the
//    processes that may hold X count
//    instead: its creator and every process the creator spawned (directly or not) after making
//    X. A process never releases itself;
//  - a stuck process p has an edge p -> q labelled X for every live releaser q of each of its
//    waits (an alt waits on all its guards at once: any one of them frees it);
//  - a process is *free* when it can still act: live and not stuck, or sleeping on / in an alt
//    with an armed timer, or stuck with a free releaser, or (the trace was cut short) stuck on a
//    channel that a free process may have received from a holder that spawned it after the
//    channel was made. Free is the least fixed point of these rules;
//  - the *dead* processes are the stuck ones that are not free: nothing left in the program can
//    ever complete their operations. When the program is over (the trace ended normally) nothing
//    is free.
#pragma once

#include "channel_use.hpp"

#include <csptrace/finding.hpp>
#include <csptrace/replay_state.hpp>

#include <vector>

namespace csptrace {

struct WaitOn {
  WaitOp op = WaitOp::Take;
  uint32_t chan = kNone;
};

class WaitGraph {
 public:
  WaitGraph(const TraceModel& m, const ReplayState& end, const ChannelUse& use, bool program_over);

  bool live(uint32_t p) const { return is_live(end_.processes[p].state); }
  bool stuck(uint32_t p) const { return stuck_[p]; }
  bool free(uint32_t p) const { return free_[p]; }
  bool dead(uint32_t p) const { return stuck_[p] && !free_[p]; }
  // The put / take operations p waits on (one, or an alt's guards).
  std::vector<WaitOn> waits(uint32_t p) const;
  // Live processes other than p that could complete p's wait w.
  std::vector<uint32_t> releasers(uint32_t p, WaitOn w) const;
  // Every process (live or not) that could complete a wait `w` (the rule above, before
  // filtering by liveness), for explanations.
  std::vector<uint32_t> all_releasers(WaitOn w) const;

  // Edges out of dead processes, in process order.
  const std::vector<WaitEdge>& edges() const { return edges_; }
  // Strongly connected components (two or more members) of the dead processes' graph.
  const std::vector<std::vector<uint32_t>>& components() const { return sccs_; }
  // The cycle to show for a component, edges in order, starting at its lowest process index:
  // the shortest that avoids joins (waits on a process's result channel: a process waiting for
  // another to finish is a victim of the cycle more than a cause), else the shortest.
  std::vector<WaitEdge> cycle_in(const std::vector<uint32_t>& component) const;
  // True when p is in one of components().
  bool in_cycle(uint32_t p) const { return in_cycle_[p]; }

  // p waits to take from (or in an alt with a guard on) a timer channel that is armed.
  bool armed_timer_guard(uint32_t p) const;

 private:
  // Breadth-first: the shortest cycle from start back to it inside the component (through
  // joining processes only when with_joins), or none.
  std::vector<WaitEdge> shortest_cycle_through(uint32_t start, const std::vector<uint32_t>& component,
                                               bool with_joins) const;
  bool joins(uint32_t p) const;

  const TraceModel& m_;
  const ReplayState& end_;
  const ChannelUse& use_;
  std::vector<char> stuck_, free_, in_cycle_;
  std::vector<WaitEdge> edges_;
  std::vector<size_t> first_edge_;  // edges_ of p are [first_edge_[p], first_edge_[p + 1])
  std::vector<std::vector<uint32_t>> sccs_;
};

}  // namespace csptrace
