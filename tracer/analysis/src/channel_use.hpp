// Who used each channel and how, from one pass over the events: the facts the wait-for graph
// and the findings reason with ("who could ever put on this channel?").
#pragma once

#include <csptrace/trace_model.hpp>

#include <optional>
#include <unordered_map>
#include <vector>

namespace csptrace {

struct ChannelUsers {
  std::vector<uint32_t> putters;  // processes that ever put on it (or offered to), first use first
  std::vector<uint32_t> takers;   // processes that ever took from it (or offered to)
  uint32_t creator = kNone;
  uint32_t closer = kNone;
  std::vector<uint32_t> handles;  // processes recorded holding a handle to it (handle events)
  // The go process or thread whose result channel this is (its parent makes it right after the
  // spawn, with the process's name), or kNone. It counts as a putter from the start: it puts
  // its result there when it returns.
  uint32_t owner = kNone;
};

// An alt that chose a timer guard and so gave up its guard `op` on a channel.
struct Abandonment {
  size_t event = kNone;      // the alt_choice
  uint32_t proc = kNone;     // the alt's process
  WaitOp op = WaitOp::Take;  // the abandoned guard's operation
  uint32_t timer = kNone;    // the timer channel that won
};

class ChannelUse {
 public:
  // From all of m's events.
  explicit ChannelUse(const TraceModel& m);
  // For a pass that sees the events a batch at a time (a streaming check): extend() with each
  // batch, then finish(). Until finish() only extend() may be called.
  ChannelUse() = default;
  // Takes events [next, m.size()) of m, where next is where the previous call stopped (0 at
  // first); m grew from the model seen before, perhaps by more processes and channels, and
  // holds those events whole (held_from() <= next).
  void extend(const TraceModel& m);
  // Settles what needs every process (the spawn tree), with m, the complete model, as the model
  // from now on; it must outlive this.
  void finish(const TraceModel& m);

  const ChannelUsers& users(uint32_t c) const { return users_[c]; }
  // The last event at which p used c (put, take, offer, close), or kNone.
  size_t last_use(uint32_t c, uint32_t p) const;
  const std::vector<Abandonment>& abandoned(uint32_t c) const { return abandoned_[c]; }
  // Processes that took more values from fixed buffer c than they put on it (through the buffer
  // or handed over directly): they hold values of c (a fork taken from a table of forks, a
  // lock's token) and may put them back.
  std::vector<uint32_t> holders_of_values(uint32_t c) const;

  // The processes spawned by p after event `after`, with all their descendants, are the
  // contiguous range [first, last) of euler_order() (empty when first == last): they may hold a
  // handle to a channel p held when it spawned them.
  std::pair<size_t, size_t> spawned_after(uint32_t p, size_t after) const;
  const std::vector<uint32_t>& euler_order() const { return tree().euler; }
  // Appends every event index this holds (last uses, abandoning alt choices) to out.
  void add_named_events(std::vector<size_t>& out) const;

 private:
  void use(uint32_t c, uint32_t p, WaitOp op, size_t i);

  const TraceModel* m_ = nullptr;
  size_t next_ = 0;  // the first event extend() has not taken
  std::vector<ChannelUsers> users_;
  std::vector<std::vector<Abandonment>> abandoned_;
  // 16 bytes, for a run may have millions of processes: whether p is in users_[c].putters /
  // takers rides in the top bits of the last event's index (indices stay far below 2^62).
  struct Use {
    static constexpr uint64_t kPut = uint64_t{1} << 63, kTake = uint64_t{1} << 62;
    uint64_t bits = kNone;         // the last event at which p used c, and the flags
    uint32_t puts = 0, takes = 0;  // values p put on / took from c
    size_t last() const { return bits & ~(kPut | kTake); }
    void set_last(size_t e) { bits = (bits & (kPut | kTake)) | (e & ~(kPut | kTake)); }
    // Sets the flag of op; true when it was not set.
    bool mark(WaitOp op) {
      const uint64_t f = op == WaitOp::Put ? kPut : kTake;
      const bool fresh = !(bits & f);
      bits |= f;
      return fresh;
    }
  };

  // p's use of the first channel it used is first_use_[p] (first_chan_[p] says which, kNone
  // before any); its uses of other channels are in more_uses_, key (c << 32 | p). Most
  // processes use one or two channels, and a run may have millions: an array entry each costs
  // 28 bytes where a map node costs about 56.
  std::vector<uint32_t> first_chan_;
  std::vector<Use> first_use_;
  std::unordered_map<uint64_t, Use> more_uses_;
  const Use* find_use(uint32_t c, uint32_t p) const;  // null when p never used c
  // While the constructor runs, by channel: the entries of the two processes that used it last,
  // most recent first. Most channels have one putter and one taker that alternate, so the
  // per-event hash lookup becomes a compare.
  struct Recent {
    uint32_t proc[2] = {kNone, kNone};
    Use* use[2] = {nullptr, nullptr};
  };
  std::vector<Recent> recent_;
  // While extend() runs, the guards of the alt each process is offering, for the processes in
  // one (an entry goes at the alt's choice).
  std::unordered_map<uint32_t, std::vector<std::pair<WaitOp, uint32_t>>> offering_;
  // p's use of c, made when new; precondition: c < users_.size(), p < processes. The entries
  // stay where they are between reallocations of first_use_ (after which extend() forgets
  // recent_), and map nodes stay put when the map rehashes, so Recent may keep pointers to them.
  Use& entry(uint32_t c, uint32_t p);
  std::vector<uint32_t> last_child_;  // by parent: its latest spawn, or kNone; until finish()
  // The spawn forest, made when first asked (spawned_after, euler_order): 20 bytes a process,
  // which a judging that never asks (a run that ended, no stuck wait without a doer) need not
  // pay. Not thread-safe: a ChannelUse belongs to the one judging that made it.
  struct SpawnTree {
    // The children of p, in spawn order, are kids[first_kid[p], first_kid[p + 1]): one array
    // for all processes, not a vector each (a run may spawn millions).
    std::vector<uint32_t> first_kid, kids;
    std::vector<uint32_t> tin, tout;  // p's subtree is euler[tin[p], tout[p])
    std::vector<uint32_t> euler;      // processes in depth-first spawn order
  };
  mutable std::optional<SpawnTree> tree_;
  const SpawnTree& tree() const;
};

}  // namespace csptrace
