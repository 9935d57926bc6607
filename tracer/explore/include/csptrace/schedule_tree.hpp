// Bounded exhaustive search over the decisions of a deterministic program (`explore --strategy
// dfs`), one run at a time: each run follows a forced prefix of decisions, then the defaults
// (the oldest runnable process first, the first guard), and its trace tells the tree the
// decisions it met. Stateless model checking as in CHESS and loom.
//
// Partial-order reduction (dynamic, after Flanagan and Godefroid, POPL 2005): two steps of
// different processes that touch no common channel commute, so only the orders of dependent
// steps are explored. For every step, the last earlier step of another process that touched one
// of its channels and does not happen before it (vector clocks over spawns, wakes and timer
// arms) gets a backtrack point: run this process there instead (or, when it was not runnable
// there yet, every process that was). Guard choices are always all explored. This
// assumes the processes share nothing but channels (CSP's rule); shared memory outside channels
// is invisible to the reduction.
//
// Bound: with max_deviations set, only schedules that leave the default order at most that many
// times are run (delay bounding; Emmi, Qadeer, Rakamaric, POPL 2011).
#pragma once

#include <csptrace/run_steps.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace csptrace {

class ScheduleTree {
 public:
  explicit ScheduleTree(std::optional<uint32_t> max_deviations = std::nullopt)
      : bound_(max_deviations) {}

  // The decisions to force in the next run; nullopt when the space is exhausted. The first call
  // returns an empty prefix (all defaults).
  std::optional<std::vector<ScheduledDecision>> next();
  // What the run forced by the last next() met. Returns false when its first decisions were not
  // the forced prefix (the program is not deterministic under its schedule).
  bool add_run(const RunSteps& run);

  uint64_t runs() const { return runs_; }
  // Alternatives never run because the reduction showed them equivalent to one that was.
  uint64_t pruned() const { return pruned_; }
  // Alternatives never run because the deviation bound excluded them.
  uint64_t cut_by_bound() const { return cut_; }
  bool exhausted() const { return exhausted_; }

 private:
  struct Node {
    RunDecision d;
    std::vector<bool> backtrack, done;  // by alternative
    uint32_t deviations = 0;            // deviations from the default before this decision
  };
  void add_backtracks();
  void settle(Node& n);  // counts what a node leaves unexplored as it is popped

  std::vector<Node> stack_;
  std::vector<ProcId> initial_woke_;  // from the run's first stretch (the same in every run)
  std::vector<ChanId> initial_armed_;
  size_t forced_ = 0;  // length of the prefix of the run in flight
  std::optional<uint32_t> bound_;
  uint64_t runs_ = 0, pruned_ = 0, cut_ = 0;
  bool started_ = false, exhausted_ = false;
};

}  // namespace csptrace
