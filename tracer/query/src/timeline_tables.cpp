// The states, occupancy and rendezvous tables: the replay's timeline (timeline.hpp), the one
// owner of each process's state intervals, each channel's occupancy and the rendezvous.
#include "table_fillers.hpp"
#include "table_writer.hpp"

namespace csptrace {

void fill_states(SqlDatabase& db, const Replay& replay) {
  const TraceModel& m = replay.model();
  const Timeline& tl = replay.timeline();
  TableWriter w(db, "states");
  for (uint32_t p = 0; p < m.processes().size(); ++p) {
    for (const StateInterval& s : tl.intervals(p)) {
      const bool waiting = is_waiting(s.state);
      // The alt a wait in alts is in: the alt field of the park or block that began it.
      const bool in_alt =
          waiting && s.op == WaitOp::Alts && s.cause < m.size() && (m.present(s.cause) & f::alt);
      w.process(m, p).text(to_string(s.state));
      if (waiting)
        w.text(to_string(s.op));
      else
        w.null();
      w.channel(m, s.chan)
          .integer_or_null(in_alt, in_alt ? m.field<Field::alt>(s.cause) : 0)
          .integer(s.t_begin)
          .integer(s.t_end)
          .event(m, s.cause)
          .event(m, s.end_event)
          .row();
    }
  }
  w.finish();
}

void fill_occupancy(SqlDatabase& db, const Replay& replay) {
  const TraceModel& m = replay.model();
  const Timeline& tl = replay.timeline();
  TableWriter w(db, "occupancy");
  for (uint32_t c = 0; c < m.channels().size(); ++c) {
    const auto& steps = tl.occupancy(c);
    for (size_t k = 0; k < steps.size(); ++k) {
      const OccupancyStep& s = steps[k];
      const int64_t t_end = k + 1 < steps.size() ? steps[k + 1].t : tl.end_time();
      w.channel(m, c)
          .event(m, s.event)
          .integer(s.t)
          .integer(t_end)
          .integer(s.level)
          .integer(s.putters)
          .integer(s.takers)
          .row();
    }
  }
  w.finish();
}

void fill_rendezvous(SqlDatabase& db, const Replay& replay) {
  const TraceModel& m = replay.model();
  TableWriter w(db, "rendezvous");
  for (const Rendezvous& r : replay.timeline().rendezvous()) {
    w.event(m, r.event)
        .integer(r.t)
        .channel(m, r.chan)
        .process(m, r.from)
        .process(m, r.to)
        .text(to_string(r.via));
    // Only the value is read from the event's record: the rest is in the timeline.
    if (m.present(r.event) & f::value)
      w.value(m, m.field<Field::value>(r.event));
    else
      w.null();
    w.row();
  }
  w.finish();
}

}  // namespace csptrace
