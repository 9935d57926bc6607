// A Recorder that writes JSON Lines. Simple and readable rather than fast: one mutex around
// stamping and formatting (BinaryRecorder is the fast one).
//
// Crash safety like BinaryRecorder's: lines collect in a fixed buffer that a background thread
// writes out at least every kFlushInterval; on a fatal signal or std::terminate (crash_guard) the
// buffer and an end line (reason crash) are written with write(2) alone.
#pragma once

#include <csptrace/recorder.hpp>
#include <csptrace/string_table.hpp>
#include <csptrace/write_failure.hpp>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace csptrace {

class CrashTarget;
template <class R>
class CrashFlushOf;

class JsonlRecorder final : public Recorder {
 public:
  static constexpr std::chrono::milliseconds kFlushInterval{50};

  // Throws std::runtime_error naming the path when it cannot be created.
  JsonlRecorder(const std::string& path, const TraceHeader& header);
  ~JsonlRecorder() override;

  StrId intern(std::string_view s) override;
  void record(Event& e) override;
  void record_pair(Event& first, Event& second) override;
  void flush() override;
  void finish(EndReason reason, std::string_view message) override;
  std::string failure() const override;

 private:
  template <class R>
  friend class CrashFlushOf;
  static constexpr size_t kBufferBytes = 256 * 1024;

  int64_t now_locked() const;  // ns since start_
  void write_locked(Event& e);
  void write_locked(Event& e, int64_t t);  // stamped with t
  void append_locked(const std::string& line);
  void flush_locked() noexcept;
  // Writes n bytes unless a write failed before; counts the whole lines written.
  void write_locked(const char* p, size_t n) noexcept;
  void crash_flush(int sig) noexcept;

  const std::string path_;
  mutable std::mutex mu_;
  // Guarded by mu_:
  int fd_ = -1;
  uint64_t written_ = 0;  // lines (header included) in the file
  WriteFailure failure_;  // after a failed write nothing more is written
  std::unique_ptr<char[]> buf_;
  size_t used_ = 0;
  StringTable strings_;
  uint64_t next_seq_ = 1;
  bool finished_ = false;
  // Immutable after construction:
  std::chrono::steady_clock::time_point start_;

  std::condition_variable wake_;  // with mu_: the flusher's sleep
  std::thread flusher_;
  std::unique_ptr<CrashTarget> crash_;
};

}  // namespace csptrace
