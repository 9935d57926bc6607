// A StateCut as the start of a trace: ordinary events that bring a fresh replay to the cut's
// state, so that the reader's checks, the replay, the analysis and the viewer need nothing new
// to start from it (docs/trace-format.md, "Snapshots"). In order:
//  1. spawn of every live process (parent as partner when it is live too; name, mode, role,
//     spawn line);
//  2. chan_make of every live channel (its maker as proc and a result channel's process as
//     partner when they are live; buffer, cap, line; a timer's duration);
//  3. handle of every channel a process captured when spawned (that is still live);
//  4. the buffers' values: buf_put by the value's putter when the cut knows it (a traced run;
//     one that had ended is spawned as an internal stub and ended right after), else by an
//     internal process "snapshot" spawned for it and ended right after (an untraced run does
//     not keep the putter);
//  5. timer_arm of armed timers; timer_fire and chan_close of fired ones; chan_close of closed
//     channels;
//  6. each waiting process's wait: park (go) or block (threads and main) with op, channel, a
//     put's value and line; an alt as alt_offer, one alt_guard per guard, then the park or
//     block with op alts.
// The caller appends what follows the snapshot (the dump: its end, reason snapshot).
#pragma once

#include "state_cut.hpp"

#include <csptrace/event.hpp>

#include <functional>
#include <string_view>
#include <vector>

namespace csp::detail {

// The id of a text in the trace the snapshot goes into.
using SnapshotIntern = std::function<csptrace::StrId(std::string_view)>;

// Appends the events to `out`, seq counting on from out's last event (from 1), t 0. `internal`:
// an id no process of the cut has, for the process that puts the buffered values.
void snapshot_trace(const StateCut& cut, csptrace::ProcId internal, const SnapshotIntern& intern,
                    std::vector<csptrace::Event>& out);

}  // namespace csp::detail
