// The first failed write of a recorder (a full file system, a file-size limit, an I/O error),
// kept so that the loss is reported once, clearly, with the number of events the file keeps.
//
// Invariant: once failed() is true the recorder writes nothing more to its file, so that what
// was written before the failure stays readable (whole chunks, whole lines) and is never
// followed by bytes from a later, successful write.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace csptrace {

class WriteFailure {
 public:
  // Keeps `err` (an errno value) if no failure was noted before. Async-signal-safe: the crash
  // flush writes too.
  void note(int err) noexcept;
  bool failed() const noexcept { return err_.load(std::memory_order_acquire) != 0; }

  // "cannot write the trace file PATH: No space left on device (the file system is full);
  // the trace keeps the first N events ..." or "" while nothing failed.
  std::string message(const std::string& path, uint64_t kept) const;

  // Prints "cspscope: " + message() on stderr the first time it is called after a failure;
  // later calls print nothing. Not async-signal-safe: called by the recorder's own threads.
  void report_once(const std::string& path, uint64_t kept);

 private:
  std::atomic<int> err_{0};
  std::atomic<bool> reported_{false};
};

// Makes a write past the file-size limit (ulimit -f) fail with EFBIG instead of killing the
// program with SIGXFSZ, unless the program handles SIGXFSZ itself. Called by the recorders
// when they open their file.
void ignore_file_size_signal() noexcept;

}  // namespace csptrace
