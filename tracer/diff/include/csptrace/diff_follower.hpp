// Run B of a comparison, read one batch of events at a time against run A's digest
// (run_digest.hpp): each process and channel of B is matched to A's as B declares it (the k-th
// named X is A's k-th named X), each step and transfer is compared with A's as it comes, and a
// process or channel that has parted keeps nothing more but its count (a channel keeps the
// digests of its transfers from the parting on, for the values one run has and the other has
// not). So B's events can be let go of as soon as they are taken: the memory is A's digest and
// 12 bytes a process or channel of B, plus the transfers of channels that differ.
//
// Use: take(m) after the reader added a batch (m holds it whole), then retire it; finish(m,
// findings) with the complete model and B's findings (the same judge() as csptrace check).
#pragma once

#include <csptrace/run_digest.hpp>
#include <csptrace/trace_diff.hpp>

#include <cstdint>
#include <vector>

namespace csptrace {

class DiffFollower {
 public:
  // a must be finished and outlive this.
  explicit DiffFollower(const RunDigest& a);

  // Compares the events m gained since the last call.
  void take(const TraceModel& m);
  // The comparison, equal to diff_traces(A, B) on the two whole models.
  TraceDiff finish(const TraceModel& m, const std::vector<Finding>& findings);

 private:
  struct Part {
    uint32_t a = kNone;       // A's counterpart, or kNone
    uint32_t seen = 0;        // steps (transfers) of it so far
    uint32_t parted = kNone;  // index into parted_procs_ (rests_), or kNone
  };
  struct Rest {  // a channel's transfers in B from where it parted on
    size_t from = 0;
    std::vector<RunDigest::Entry> entries;
    uint32_t beyond_a = kNone;  // with ignore_values: B's transfer at A's count, if any
  };
  void match_new(const TraceModel& m);
  uint32_t chan_in_a(uint32_t cb) const;
  void take_steps(const TraceModel& m, size_t i);
  void take_transfer(const TraceModel& m, size_t i);
  void take_decision(const TraceModel& m, size_t i);
  void finish_processes(const TraceModel& m, TraceDiff& d) const;
  void finish_channels(const TraceModel& m, TraceDiff& d) const;
  void finish_decisions(TraceDiff& d) const;

  const RunDigest& a_;
  size_t next_ = 0;                                // the first event not compared yet
  std::vector<Part> procs_, chans_;                // by B's dense index
  std::vector<uint32_t> proc_names_, chan_names_;  // B's so far with each of A's name ids
  std::vector<ProcessDivergence> parted_procs_;
  std::vector<Rest> rests_;
  size_t decisions_ = 0;           // B's decide events so far
  size_t parted_at_ = kNone;       // the first decision that differs, or kNone
  uint32_t parted_event_ = kNone;  // B's decide event there
};

}  // namespace csptrace
