// The live channels of a run that can be dumped (csp::Options::dump_on_signal, CSP_DUMP=1), so
// that a snapshot finds every one of them, with what the channel itself does not keep: who
// made it, whose result it carries, where it was made, a timer's duration. A channel made while
// its run takes dumps is added by ChannelCore::make and removed when it is freed; other runs
// pay nothing. Static, not the run's: a channel may outlive the run that made it.
//
// Lock contract: mu() guards the table. add() and remove() take it on whatever thread makes or
// frees a channel, possibly while that thread holds a channel's lock (a sliding buffer that
// drops a Chan frees its channel under the lock). So whoever holds mu() may only *try* channel
// locks, and must let go of mu() when one stays taken: see StateCut::take.
#pragma once

#include <csptrace/schema.hpp>

#include <csp/source_location.hpp>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace csp::detail {

class ChannelCore;

struct ChannelFacts {
  uint64_t run = 0;              // the generation of the run that made it (Runtime::generation)
  csptrace::ProcId creator = 0;  // the process that made it (0: none, e.g. a timer's thread)
  csptrace::ProcId owner = 0;    // a result channel's process
  csp::SourceLocation loc{};     // where it was made
  int64_t timer_ns = -1;         // a timer channel's duration
};

class ChannelRegistry {
 public:
  static std::mutex& mu();
  // Take mu() themselves. add() calls while_locked (the chan_make's recording) under it.
  static void add(ChannelCore* c, const ChannelFacts& facts,
                  const std::function<void()>& while_locked);
  static void remove(ChannelCore* c) noexcept;
  // Requires mu(): the channels of run `generation` that are not being freed, each with one
  // reference taken for the caller (release() them, after letting go of mu(): the last release
  // frees).
  static void retain_all_locked(uint64_t generation,
                                std::vector<std::pair<ChannelCore*, ChannelFacts>>& out);
};

}  // namespace csp::detail
