// Run A of a comparison, kept as little as the comparison needs once its trace is let go of:
// the names of its processes and channels (to match run B's), each process's steps and each
// channel's transfers as 64-bit digests with their event indices, its scheduler decisions and
// its findings. 16 bytes a step or transfer, 32 a decision, about 30 a process name: run B can
// then be read in one pass against it (diff_follower.hpp) without run A's model in memory.
//
// Use: take(m) after the reader added a batch of events (m holds them whole), then the reader
// may retire them; finish(m, findings) once it is done. diff_traces() does the same with a whole
// model as one batch, so both ways give one answer.
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/process_steps.hpp>
#include <csptrace/string_table.hpp>
#include <csptrace/trace_diff.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace csptrace {

class RunDigest {
 public:
  // An entry of a process's steps or a channel's transfers.
  struct Entry {
    uint32_t owner;  // the process or channel (dense index), until finish() groups them
    uint32_t event;
    uint64_t digest;
  };
  // A scheduler decision, its process and channel as run A's (dense) indices.
  struct Decision {
    uint32_t event = kNone;
    uint32_t proc = kNone, chan = kNone;
    uint32_t options = 0, index = 0, alt = 0;
    uint8_t decision = 0;
    // The same choice among the same options (the events may differ).
    bool same_choice(const Decision& o) const {
      return proc == o.proc && chan == o.chan && options == o.options && index == o.index &&
             alt == o.alt && decision == o.decision;
    }
  };

  explicit RunDigest(const DiffOptions& options = {});

  // Digests the events m gained since the last call.
  void take(const TraceModel& m);
  // Groups the entries by process and channel and keeps m's names and how it ended. m is the
  // complete model of the last take() (its retired events need not be held).
  void finish(const TraceModel& m, std::vector<Finding> findings);

  const DiffOptions& options() const { return options_; }
  // What the steps' digests compare, from the options.
  StepCompare step_compare() const { return how_; }
  size_t events() const { return events_; }
  bool complete() const { return complete_; }
  EndReason end_reason() const { return end_reason_; }
  size_t processes() const { return proc_first_.size() - 1; }
  size_t channels() const { return chan_first_.size() - 1; }
  std::span<const Entry> steps(uint32_t proc) const {
    return {steps_.data() + proc_first_[proc], proc_first_[proc + 1] - proc_first_[proc]};
  }
  std::span<const Entry> transfers(uint32_t chan) const {
    return {transfers_.data() + chan_first_[chan], chan_first_[chan + 1] - chan_first_[chan]};
  }
  const std::vector<Decision>& decisions() const { return decisions_; }
  const std::vector<Finding>& findings() const { return findings_; }

  // The id of a name some process or channel of A has, or StringTable::kAbsent.
  StrId name_id(std::string_view name) const { return names_.find(name); }
  // Run A's process (or channel) that is the `nth` one with name id `name` (0: the first), or
  // kNone. O(1).
  uint32_t process_named(StrId name, uint32_t nth) const { return procs_.nth(name, nth); }
  uint32_t channel_named(StrId name, uint32_t nth) const { return chans_.nth(name, nth); }
  size_t name_count() const { return names_.size(); }

 private:
  // The processes (or channels) grouped by name: those with name id k are
  // order[start[k] .. start[k+1]), in declaration order.
  struct Names {
    std::vector<uint32_t> start, order;
    uint32_t nth(StrId name, uint32_t n) const {
      if (name + size_t{1} >= start.size() || n >= start[name + 1] - start[name]) return kNone;
      return order[start[name] + n];
    }
  };
  // Groups entries by their name ids (name[k] is entry k's), every id below names_.size().
  void group_names(const std::vector<StrId>& name, Names& out) const;

  DiffOptions options_;
  StepCompare how_;
  size_t next_ = 0;  // the first event take() has not digested
  std::vector<Entry> steps_, transfers_;
  std::vector<size_t> proc_first_{0}, chan_first_{0};  // entries of p: [first[p], first[p+1])
  std::vector<Decision> decisions_;
  std::vector<Finding> findings_;
  StringTable names_;  // the names of A's processes and channels, nothing else
  Names procs_, chans_;
  size_t events_ = 0;
  bool complete_ = false;
  EndReason end_reason_ = EndReason::Truncated;
};

}  // namespace csptrace
