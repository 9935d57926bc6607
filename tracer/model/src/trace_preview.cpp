#include <csptrace/trace_preview.hpp>
#include <csptrace/trace_reader.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <vector>

namespace csptrace {

namespace {

// The run's extremes and its lanes' counts, event by event in the order of the file.
struct Counter {
  TracePreview& out;
  size_t skeleton_counted = 0;  // skeleton events counted so far (they are counted in order)
  uint64_t skipped_events = 0;
  bool any = false;
  int64_t first = std::numeric_limits<int64_t>::max(), last = std::numeric_limits<int64_t>::min();
  bool ended = false;
  int64_t end = 0;

  void time(EventKind kind, int64_t t) {
    if (kind == EventKind::End) {
      ended = true;
      end = t;
      return;
    }
    any = true;
    first = std::min(first, t);
    last = std::max(last, t);
  }
  void lanes(uint32_t proc, uint32_t chan, int64_t t) {
    if (proc != kNone || chan != kNone) out.density.add(proc, chan, t);
  }
  // Lanes by id, for ids below kSmallIds (kNone where none was declared); the model finds the
  // others. A preview looks up two ids an event: this is a load, not a call.
  static constexpr uint32_t kSmallIds = 1u << 16;
  std::vector<uint32_t> proc_of_id, chan_of_id;
  static void map(std::vector<uint32_t>& of_id, uint32_t id, uint32_t lane) {
    if (id >= kSmallIds) return;
    if (id >= of_id.size()) of_id.resize(size_t{id} + 1, kNone);
    of_id[id] = lane;
  }
  uint32_t proc_lane(const TraceModel& m, ProcId id) const {
    if (id < proc_of_id.size()) return proc_of_id[id];
    return id < kSmallIds ? kNone : m.process_index(id);
  }
  uint32_t chan_lane(const TraceModel& m, ChanId id) const {
    if (id < chan_of_id.size()) return chan_of_id[id];
    return id < kSmallIds ? kNone : m.channel_index(id);
  }

  // The skeleton's events not yet counted (those added since the last skipped event).
  void skeleton_up_to(const TraceModel& m) {
    if (skeleton_counted == m.size()) return;
    for (; skeleton_counted < m.size(); ++skeleton_counted) {
      const size_t i = skeleton_counted;
      time(m.kind(i), m.time(i));
      if (m.kind(i) == EventKind::End) continue;
      const uint32_t proc = m.proc_index(i), chan = m.chan_index(i);
      if (m.kind(i) == EventKind::Spawn) map(proc_of_id, m.processes()[proc].id, proc);
      if (m.kind(i) == EventKind::ChanMake) map(chan_of_id, m.channels()[chan].id, chan);
      lanes(proc, chan, m.time(i));
    }
  }
  // A skipped event, on the lanes the whole model puts it on (TraceModel::proc_index, whose
  // column holds `to` for the kinds that have it, and chan_index). Ids no spawn or chan_make
  // declared count on no lane: the load that follows reports them.
  void skipped(const TraceModel& m, const Event& e) {
    skeleton_up_to(m);
    ++skipped_events;
    time(e.kind, e.t);
    const bool to = model_layout::holds_to(e.kind);
    uint32_t proc = kNone, chan = kNone;
    if (!to && e.has(Field::proc) && e.proc != 0) proc = proc_lane(m, e.proc);
    if (e.has(Field::chan)) chan = chan_lane(m, e.chan);
    lanes(proc, chan, e.t);
  }
};

}  // namespace

TracePreview preview_trace(const std::string& path, const LoadOptions& options) {
  if (options.on_event || options.follow)
    throw std::logic_error("preview_trace: on_event and follow do not apply to a preview");
  TracePreview out;
  Counter count{out};
  LoadOptions o = options;
  o.records_in_file = false;
  o.on_skipped = [&count](const TraceModel& m, const Event& e) { count.skipped(m, e); };
  out.skeleton = load_trace(path, o);
  count.skeleton_up_to(out.skeleton);
  out.events = count.skipped_events + out.skeleton.size();
  if (count.any) {
    out.first = count.first;
    out.last = count.last;
  } else if (count.ended) {
    out.first = out.last = count.end;  // a trace of its end alone
  }
  out.end = count.ended ? std::max(out.last, count.end) : out.last;
  return out;
}

}  // namespace csptrace
