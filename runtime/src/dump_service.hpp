// Dumps of a running program's state on demand (docs/long-runs.md, "Dump a hung program"):
// SIGUSR1, or csp::dump_state, writes a StateCut as a trace file (snapshot_trace.hpp) that ends
// with reason snapshot.
//
// Under a flight recorder (Options::trace_ring_bytes) the service also takes the window starts
// the recorder asks for (a cut whose snapshot opens the next window, flight_window.cpp), and a
// dump writes the recorder's window instead of a bare snapshot.
//
// A signal handler may not lock or allocate, so SIGUSR1's handler only writes a byte into a
// pipe; a thread of the service waits on the pipe and writes the dump. Dumps are one at a time
// (mu_): a SIGUSR1 that arrives while one is written waits for it, and the requests that arrive
// together (before a dump starts) are served by one dump, with a line on stderr saying so. A
// dump is written to a temporary file beside its name and renamed into place, so a reader never
// sees a torn dump. When idle the service costs a thread blocked in poll(2) and a pipe.
#pragma once

#include <csp/dump.hpp>

#include <csignal>
#include <mutex>
#include <string>
#include <thread>

namespace csptrace {
class BinaryRecorder;
}

namespace csp::detail {

class Runtime;

class DumpService {
 public:
  // Installs the SIGUSR1 handler (restored by the destructor) and starts the thread. Numbered
  // dumps are named from $CSP_DUMP_PATH, else from `trace_path` (the run's trace, "" when
  // untraced), else csp-dump.PID.csptrace in the working directory: NAME.1.EXT, NAME.2.EXT...
  // Throws std::invalid_argument when CSP_DUMP_PATH names neither a .csptrace nor a .jsonl file.
  DumpService(Runtime& rt, const std::string& trace_path);
  // Finishes a dump being written, stops the thread and restores the earlier SIGUSR1 action.
  ~DumpService();
  DumpService(const DumpService&) = delete;
  DumpService& operator=(const DumpService&) = delete;

  // Flight recorder: asks the thread to write the window to the trace's path (a process
  // failed). Async: returns at once.
  void request_failure_window() noexcept;

  // Writes a dump now, on the calling thread, to `path` ("": the next numbered name); `why`
  // goes into the header's snapshot field. Waits for a dump being written. Throws
  // std::runtime_error when no cut could be taken or the file cannot be written.
  DumpWritten dump(std::string path, const std::string& why);

 private:
  void serve();  // the thread: a dump per wake-up of the pipe
  // Flight recorder (flight_window.cpp): takes a cut that starts a new window and hands its
  // snapshot to the recorder; writes the current window to `path`. Caller holds mu_ for the
  // second; the first takes it.
  void start_window();
  DumpWritten write_window(const std::string& path, const std::string& why);

  Runtime& rt_;
  csptrace::BinaryRecorder* const ring_;  // the run's recorder when it is a flight recorder
  std::string base_;                      // the name numbered dumps are made from
  std::mutex mu_;                         // one dump at a time; guards count_
  unsigned count_ = 0;
  // The pipe: SIGUSR1's handler writes 'd', the destructor 'q'; the thread reads.
  int wake_read_ = -1, wake_write_ = -1;
  struct sigaction earlier_ {};
  std::thread thread_;
};

}  // namespace csp::detail
