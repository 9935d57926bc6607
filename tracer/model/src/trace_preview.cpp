#include <csptrace/trace_preview.hpp>
#include <csptrace/trace_reader.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>

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
  // The skeleton's events not yet counted (those added since the last skipped event).
  void skeleton_up_to(const TraceModel& m) {
    if (skeleton_counted == m.size()) return;
    for (; skeleton_counted < m.size(); ++skeleton_counted) {
      const size_t i = skeleton_counted;
      time(m.kind(i), m.time(i));
      if (m.kind(i) == EventKind::End) continue;
      lanes(m.proc_index(i), m.chan_index(i), m.time(i));
    }
  }
  // A skipped event, on the lanes the whole model puts it on (TraceModel::proc_index and
  // chan_index: a kind that takes `to` takes no proc, and is on no process lane). Ids no spawn
  // or chan_make declared count on no lane: the load that follows reports them.
  void skipped(const TraceModel& m, const Event& e) {
    skeleton_up_to(m);
    ++skipped_events;
    time(e.kind, e.t);
    uint32_t proc = kNone, chan = kNone;
    if (e.has(Field::proc) && e.proc != 0) proc = m.process_index(e.proc);
    if (e.has(Field::chan)) chan = m.channel_index(e.chan);
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
