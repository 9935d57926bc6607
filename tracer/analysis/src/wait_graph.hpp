// The wait-for graph of a run's end state, and which waiting processes can never move again.
//
// Definitions (docs/analysis.md, "The wait-for graph"):
//  - internal processes (the runtime's own, role internal) take no part: never stuck, never a
//    releaser, never named;
//  - a process is *stuck* when it is live, waiting (parked, blocked or sleeping) and its
//    operation has not completed; when the program is over (the trace ended normally) a
//    daemon is not stuck: it was meant to outlive main;
//  - the *releasers* of a wait on channel X, each with the reason it counts (Because):
//      Did     it did the completing operation on X before (put, for a wait to take; take, for
//              a wait to put), directly, through the buffer or as an alt guard;
//      Owns    X is its result channel: it puts its result there when it returns;
//      Holds   (a take on a fixed buffer X) it took more values from X than it put, so it holds
//              some and may put them back (a fork from a table of forks, a lock's token);
//      Handle  nobody ever did the operation on X, and the trace records that it holds a handle
//              to X (it captured X when spawned: `handle` events) or it made X;
//      MayHold nobody ever did the operation on X, and nothing recorded says it holds X: what
//              X's creator spawned after making X may hold a handle to it.
//    A process never releases itself, and a process whose whole wait is an operation on X
//    releases nobody else waiting on X (it cannot act before its own wait ends);
//  - a stuck process p has an edge p -> q labelled X for every live releaser q of each of its
//    waits (an alt waits on all its guards at once: any one of them frees it);
//  - a process is *free* when it can still act: live and not stuck, or sleeping on / in an alt
//    with an armed timer, or stuck with a free releaser, or (the trace was cut short) stuck on a
//    channel that a free process may have received from a holder that spawned it after the
//    channel was made. Free is the least fixed point of these rules;
//  - *strongly free* is the same fixed point through strong links only: a link is weak when
//    its reason is MayHold (or the spawn rule above), or when the releaser sleeps on an armed
//    timer and has not used (or, by Handle, touched) the channel since the waiter began waiting;
//  - the *dead* processes are the stuck ones that are not free: nothing left in the program can
//    ever complete their operations (when the program is over nothing is free); the
//    *predicted* ones are stuck and free only through weak links: only a sleeper that has not
//    touched their channels, or a handle nobody is known to hold, could still release them.
#pragma once

#include "channel_use.hpp"

#include <csptrace/finding.hpp>
#include <csptrace/replay_state.hpp>

#include <memory>
#include <unordered_set>
#include <vector>

namespace csptrace {

struct WaitOn {
  WaitOp op = WaitOp::Take;
  uint32_t chan = kNone;
};

// Why a process may complete a wait (see the top).
enum class Because : uint8_t { Did, Owns, Holds, Handle, MayHold };

struct Releaser {
  uint32_t proc = kNone;
  Because because = Because::Did;
};

class WaitGraph {
 public:
  WaitGraph(const TraceModel& m, const ReplayState& end, const ChannelUse& use, bool program_over);
  ~WaitGraph();

  // The runtime's own: takes no part in the analysis.
  bool internal(uint32_t p) const { return m_.processes()[p].role == ProcRole::Internal; }
  bool daemon(uint32_t p) const { return m_.processes()[p].role == ProcRole::Daemon; }
  bool live(uint32_t p) const { return !internal(p) && is_live(end_.processes[p].state); }
  bool stuck(uint32_t p) const { return stuck_[p]; }
  bool free(uint32_t p) const { return free_[p]; }
  bool dead(uint32_t p) const { return stuck_[p] && !free_[p]; }
  bool predicted(uint32_t p) const { return stuck_[p] && free_[p] && !strong_[p]; }
  // The put / take operations p waits on (one, or an alt's guards).
  std::vector<WaitOn> waits(uint32_t p) const;
  // Every process (live or not) that could complete a wait `w` of process p, with the reason,
  // before filtering by liveness: for explanations.
  std::vector<Releaser> all_releasers(uint32_t p, WaitOn w) const;
  // Who may hold a handle to c by the spawn rule: its creator and what the creator spawned after
  // making it (unfiltered).
  std::vector<uint32_t> may_hold(uint32_t c) const;
  // The processes that may hold c (may_hold, then the handles) and wait on it themselves
  // (blocked_on), each once; computed once per channel.
  struct Holders {
    std::vector<uint32_t> list;
    std::unordered_set<uint32_t> members;
  };
  const Holders& blocked_holders(uint32_t c) const;
  // p's whole wait is one operation on channel c.
  bool blocked_on(uint32_t p, uint32_t c) const;
  // Live processes other than p that could complete p's wait w.
  std::vector<uint32_t> releasers(uint32_t p, WaitOn w) const;
  // Whether releaser r of p's wait w counts only weakly (see the top).
  bool weak(uint32_t p, WaitOn w, const Releaser& r) const;

  // Edges out of dead processes (to every live releaser) and out of predicted ones (to the
  // predicted releasers), in process order.
  const std::vector<WaitEdge>& edges() const { return edges_; }
  // Strongly connected components (two or more members) of the dead processes, and of the
  // predicted ones; each component is of one class.
  const std::vector<std::vector<uint32_t>>& components() const { return sccs_; }
  // The cycle to show for a component, edges in order, starting at its lowest process index:
  // the shortest that avoids joins (waits on a process's result channel: a process waiting for
  // another to finish is a victim of the cycle more than a cause), else the shortest.
  std::vector<WaitEdge> cycle_in(const std::vector<uint32_t>& component) const;
  // True when p is in one of components().
  bool in_cycle(uint32_t p) const { return in_cycle_[p]; }

  // p waits to take from (or in an alt with a guard on) a timer channel that is armed.
  bool armed_timer_guard(uint32_t p) const;
  // p is live and not waiting for anything a timer could not end (it will act again).
  bool active(uint32_t p) const { return live(p) && (!stuck_[p] || armed_timer_guard(p)); }

 private:
  void find_free(bool strong);
  void find_components();
  // Breadth-first: the shortest cycle from start back to it inside the component (through
  // joining processes only when with_joins), or none.
  std::vector<WaitEdge> shortest_cycle_through(uint32_t start,
                                               const std::vector<uint32_t>& component,
                                               bool with_joins) const;
  bool joins(uint32_t p) const;
  bool reachable_by_spawn(uint32_t c, const std::vector<size_t>& free_before) const;

  const TraceModel& m_;
  const ReplayState& end_;
  const ChannelUse& use_;
  const bool program_over_;
  std::vector<char> stuck_, free_, strong_, in_cycle_;
  std::vector<WaitEdge> edges_;
  // edges_ of p are [first_edge_[p], first_edge_[p + 1]); 4 bytes a process, for a run may
  // have millions (edge_offset() refuses more edges than that counts).
  std::vector<uint32_t> first_edge_;
  uint32_t edge_offset() const;
  std::vector<std::vector<uint32_t>> sccs_;

  // The releasers of every wait on (channel, op), the waiter not yet left out: computed once
  // per channel and operation, so that n processes waiting on one channel cost O(n) and not
  // O(n^2) (each used to gather and de-duplicate the channel's n users). Lazily filled under
  // its mutex: a built graph is read from several threads.
  struct ReleaserCache;
  std::vector<Releaser> releasers_of(WaitOn w) const;
  std::unique_ptr<ReleaserCache> cache_;
};

}  // namespace csptrace
