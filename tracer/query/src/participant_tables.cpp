// The processes and channels tables: what the model declares about each, with the replay's end
// state and the analysis's verdict on each process.
#include "table_fillers.hpp"
#include "table_writer.hpp"

#include <csptrace/event_format.hpp>

#include <algorithm>
#include <string>

namespace csptrace {

void fill_processes_and_channels(SqlDatabase& db, const Replay& replay, const Verdict& verdict) {
  const TraceModel& m = replay.model();
  const ReplayState& end = replay.final_state();
  TableWriter procs(db, "processes");
  for (uint32_t p = 0; p < m.processes().size(); ++p) {
    const ProcessInfo& info = m.processes()[p];
    const std::string label = process_label(m, p);
    const bool exited = info.exit_event != kNone;
    procs.integer(info.id)
        .text(m.str(info.name))
        .text(label)
        .text(to_string(info.mode))
        .text(to_string(info.role))
        .process(m, info.parent)
        .text(m.str(info.loc))
        .event(m, info.spawn_event)
        .event(m, info.exit_event);
    if (exited)
      procs.text(to_string(info.status));
    else
      procs.null();
    if (exited && info.status == ExitStatus::Error)
      procs.text(m.str(info.error));
    else
      procs.null();
    procs.text(to_string(end.processes[p].state))
        .integer(std::binary_search(verdict.stuck.begin(), verdict.stuck.end(), p) ? 1 : 0)
        .row();
  }
  procs.finish();
  TableWriter chans(db, "channels");
  for (uint32_t c = 0; c < m.channels().size(); ++c) {
    const ChannelInfo& info = m.channels()[c];
    const std::string label = channel_label(m, c);
    chans.integer(info.id)
        .text(m.str(info.name))
        .text(label)
        .text(to_string(info.buffer))
        .integer(info.cap)
        .integer_or_null(info.buffer == BufferKind::Timer, info.duration)
        .process(m, info.result_of)
        .text(m.str(info.loc))
        .event(m, info.make_event)
        .event(m, info.close_event)
        .row();
  }
  chans.finish();
}

}  // namespace csptrace
