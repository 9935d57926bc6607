// The flight recorder's side in the runtime (Options::trace_ring_bytes): the window starts the
// binary recorder asks for, and writing its window on demand (dump_service.hpp).
#include "dump_service.hpp"
#include "runtime.hpp"
#include "snapshot_trace.hpp"
#include "state_cut.hpp"

#include <csptrace/trace_file_writer.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <stdexcept>

namespace csp::detail {

void DumpService::start_window() {
  std::lock_guard lk(mu_);
  csptrace::BinaryRecorder& rec = *ring_;
  // Every request is answered, by a start or an abandon, or the recorder would wait for it.
  uint64_t mark = 0;
  try {
    double held_ms = 0;
    const StateCut cut = StateCut::take(rt_, csptrace::BinaryRecorder::kWindowMark, held_ms);
    mark = cut.mark_seq;
    std::vector<csptrace::Event> events;
    snapshot_trace(
        cut, rt_.next_proc_id(), [&](std::string_view s) { return rec.intern(s); }, events);
    // The snapshot is the state at the mark: its events take the mark's time and seqs below it.
    for (csptrace::Event& e : events) e.t = cut.mark_t;
    if (events.size() < mark && rec.attach_snapshot(mark, events)) return;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cspscope: the flight recorder could not start a new window: %s\n",
                 e.what());
  }
  rec.abandon_window_start(mark);
}

DumpWritten DumpService::write_window(const std::string& path, const std::string& why) {
  if (csptrace::encoding_of(path) != csptrace::TraceEncoding::Binary)
    throw std::runtime_error("cannot write the flight recorder's window to " + path +
                             ": a window is binary; name the file *.csptrace");
  const auto started = std::chrono::steady_clock::now();
  DumpWritten w;
  w.path = path;
  ring_->write_window(
      path, "the flight recorder's window, written on " + why + "; the program was still running");
  w.ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return w;
}

}  // namespace csp::detail
